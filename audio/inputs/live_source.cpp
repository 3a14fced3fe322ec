#include "audio/inputs/live_source.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace vc::audio {

LiveSource::LiveSource(std::shared_ptr<LiveRing> ring, AudioFormat format, VoiceSettings voice,
                       std::int64_t target_frames, std::shared_ptr<LiveStats> stats)
    : ring_(std::move(ring)),
      format_(format),
      voice_(format.sample_rate, voice),
      target_(std::max<std::int64_t>(target_frames, 0)),
      stats_(stats ? std::move(stats) : std::make_shared<LiveStats>()),
      mono_(static_cast<std::size_t>(block_frames)) {
    if (!ring_) throw std::invalid_argument("a live source needs a ring");
    if (format.channels <= 0) throw std::invalid_argument("a live source needs channels");
    if (ring_->sample_rate() != format.sample_rate)
        throw std::invalid_argument("the live input runs at " +
                                    std::to_string(ring_->sample_rate()) + " Hz, the output at " +
                                    std::to_string(format.sample_rate) + " Hz");
}

std::int64_t LiveSource::render(float* interleaved, std::int64_t frames) {
    std::int64_t done = 0;
    while (done < frames) {
        const std::int64_t n = std::min(frames - done, block_frames);
        render_block(interleaved + done * format_.channels, n);
        done += n;
    }
    return frames;
}

void LiveSource::start_early(std::int64_t later_frames) noexcept {
    const std::int64_t keep = std::max<std::int64_t>(target_ - later_frames, 0);
    const std::int64_t waiting = ring_->available();
    if (waiting > keep)
        stats_->dropped.fetch_add(ring_->discard(waiting - keep), std::memory_order_relaxed);
    started_ = true;
}

void LiveSource::render_block(float* out, std::int64_t n) noexcept {
    // A page starts with the newest sound, and a producer that ran ahead (a stalled mixer, a
    // burst from the network) is caught up at once: keep the target's worth after this block.
    const std::int64_t waiting = ring_->available();
    if (!started_ ? waiting > target_ + n : waiting > 2 * target_ + n) {
        const std::int64_t dropped = ring_->discard(waiting - target_ - n);
        stats_->dropped.fetch_add(dropped, std::memory_order_relaxed);
    }
    started_ = true;

    float* mono = mono_.data();
    const std::int64_t got = ring_->pop(mono, n);
    stats_->queued.store(ring_->available(), std::memory_order_relaxed);
    if (got < n) {
        std::fill(mono + got, mono + n, 0.0f);
        stats_->missing.fetch_add(n - got, std::memory_order_relaxed);
    }
    voice_.process(mono, n);

    const int channels = format_.channels;
    if (channels == 1) {
        std::copy(mono, mono + n, out);
    } else {
        for (std::int64_t i = 0; i < n; ++i) std::fill_n(out + i * channels, channels, mono[i]);
    }
    stats_->rendered.fetch_add(n, std::memory_order_relaxed);
}

}  // namespace vc::audio
