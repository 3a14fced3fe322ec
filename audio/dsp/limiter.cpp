#include "audio/dsp/limiter.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <stdexcept>

namespace vc::audio {

namespace {
constexpr std::int64_t max_block = 4096;
}

Limiter::Limiter(int channels, int sample_rate, double ceiling_dbfs)
    : channels_(channels),
      latency_(std::max<std::int64_t>(
          1, (static_cast<std::int64_t>(lookahead_ms) * sample_rate + 500) / 1000)),
      window_(latency_ + 1),
      ceiling_(static_cast<float>(std::pow(10.0, ceiling_dbfs / 20.0))),
      threshold_(ceiling_ * (1.0f - 1e-5f)),
      release_coef_(std::exp(-1000.0 / (release_ms * static_cast<double>(sample_rate)))),
      min_value_(static_cast<std::size_t>(window_ + 1)),
      min_index_(static_cast<std::size_t>(window_ + 1)),
      history_(static_cast<std::size_t>(window_), 1.0),
      history_sum_(static_cast<double>(window_)),
      delay_line_(static_cast<std::size_t>(latency_ * channels), 0.0f),
      scratch_(static_cast<std::size_t>(latency_ * channels)),
      gains_(static_cast<std::size_t>(max_block)) {
    if (channels <= 0 || sample_rate <= 0)
        throw std::invalid_argument("the limiter needs a positive channel count and rate");
}

void Limiter::process(float* interleaved, std::int64_t frames) {
    while (frames > 0) {
        const std::int64_t n = std::min(frames, max_block);
        process_block(interleaved, n);
        interleaved += n * channels_;
        frames -= n;
    }
}

void Limiter::delay(float* x, std::int64_t frames) {
    // Output = the last latency_ frames held, followed by the input; the newest latency_ frames
    // of the input are held for next time.
    const std::size_t ch = static_cast<std::size_t>(channels_);
    const std::size_t n = static_cast<std::size_t>(frames) * ch;
    const std::size_t d = static_cast<std::size_t>(latency_) * ch;
    if (n >= d) {
        std::memcpy(scratch_.data(), x + (n - d), d * sizeof(float));
        std::memmove(x + d, x, (n - d) * sizeof(float));
        std::memcpy(x, delay_line_.data(), d * sizeof(float));
        delay_line_.swap(scratch_);
    } else {
        // Held frames [0, d) then input [0, n): output the first n, keep the last d.
        std::memcpy(scratch_.data(), delay_line_.data() + n, (d - n) * sizeof(float));
        std::memcpy(scratch_.data() + (d - n), x, n * sizeof(float));
        std::memcpy(x, delay_line_.data(), n * sizeof(float));
        delay_line_.swap(scratch_);
    }
}

void Limiter::process_block(float* x, std::int64_t frames) {
    const int ch = channels_;
    const std::size_t ring = min_value_.size();

    // Fast path: nothing pending and nothing over the threshold in this block.
    bool idle = min_size_ == 0 && released_ == 1.0 && ones_run_ >= window_;
    if (idle) {
        const float* end = x + frames * ch;
        for (const float* p = x; p != end; ++p)
            if (std::fabs(*p) > threshold_) {
                idle = false;
                break;
            }
    }
    if (idle) {
        history_sum_ = static_cast<double>(window_);  // all ones: drop accumulated rounding
        input_index_ += frames;
        ones_run_ += frames;
        delay(x, frames);
        return;
    }

    const double inv_window = 1.0 / static_cast<double>(window_);
    for (std::int64_t f = 0; f < frames; ++f) {
        const float* frame = x + f * ch;
        float peak = 0.0f;
        for (int c = 0; c < ch; ++c) peak = std::max(peak, std::fabs(frame[c]));
        const std::int64_t i = input_index_++;

        // Sliding minimum of the required gain over frames [i - window_ + 1, i].
        while (min_size_ > 0 && min_index_[min_head_] <= i - window_) {
            min_head_ = (min_head_ + 1) % ring;
            --min_size_;
        }
        if (peak > threshold_) {
            const double required = static_cast<double>(threshold_) / static_cast<double>(peak);
            while (min_size_ > 0 && min_value_[(min_head_ + min_size_ - 1) % ring] >= required)
                --min_size_;
            const std::size_t slot = (min_head_ + min_size_) % ring;
            min_value_[slot] = required;
            min_index_[slot] = i;
            ++min_size_;
        }
        const double held = min_size_ > 0 ? min_value_[min_head_] : 1.0;

        // Down at once, back up with the release time constant.
        double released = 1.0 - (1.0 - released_) * release_coef_;
        if (1.0 - released < 1e-9) released = 1.0;
        released_ = std::min(held, released);
        ones_run_ = released_ == 1.0 ? ones_run_ + 1 : 0;

        // Moving average over the window: a ramp as long as the look-ahead.
        history_sum_ += released_ - history_[history_pos_];
        history_[history_pos_] = released_;
        history_pos_ = (history_pos_ + 1) % history_.size();
        gains_[static_cast<std::size_t>(f)] =
            static_cast<float>(std::min(1.0, history_sum_ * inv_window));
    }
    delay(x, frames);
    for (std::int64_t f = 0; f < frames; ++f) {
        const float g = gains_[static_cast<std::size_t>(f)];
        float* frame = x + f * ch;
        for (int c = 0; c < ch; ++c) frame[c] *= g;
    }
}

}  // namespace vc::audio
