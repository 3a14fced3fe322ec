#include "audio/dsp/resampler.hpp"

#include <soxr.h>

#include <algorithm>
#include <stdexcept>
#include <string>
#include <utility>

#include "audio/audio_format.hpp"
#include "core/diagnostic.hpp"

namespace vc::audio {

Resampler::Resampler(int channels, int input_rate, int output_rate, Source source)
    : channels_(channels),
      input_rate_(input_rate),
      output_rate_(output_rate),
      source_(std::move(source)) {
    if (channels <= 0 || input_rate <= 0 || output_rate <= 0)
        throw UserError("cannot resample " + std::to_string(channels) + " channels from " +
                        std::to_string(input_rate) + " Hz to " + std::to_string(output_rate) +
                        " Hz");
    if (input_rate == output_rate) return;
    soxr_error_t error = nullptr;
    const soxr_io_spec_t io = soxr_io_spec(SOXR_FLOAT32_I, SOXR_FLOAT32_I);
    const soxr_quality_spec_t quality = soxr_quality_spec(SOXR_HQ, 0);
    const soxr_runtime_spec_t runtime = soxr_runtime_spec(1);
    soxr_ = soxr_create(input_rate, output_rate, static_cast<unsigned>(channels), &error, &io,
                        &quality, &runtime);
    if (!soxr_ || error)
        throw UserError("cannot resample from " + std::to_string(input_rate) + " Hz to " +
                        std::to_string(output_rate) + " Hz: " + soxr_strerror(error));
    in_buf_.resize(static_cast<std::size_t>(chunk_frames * channels));
    error =
        soxr_set_input_fn(soxr_, &Resampler::pull, this, static_cast<std::size_t>(chunk_frames));
    if (error) {
        soxr_delete(soxr_);
        throw UserError(std::string("cannot start the resampler: ") + soxr_strerror(error));
    }
}

Resampler::~Resampler() {
    if (soxr_) soxr_delete(soxr_);
}

std::size_t Resampler::pull(void* state, const void** data, std::size_t requested) noexcept {
    auto* self = static_cast<Resampler*>(state);
    *data = self->in_buf_.data();
    if (self->input_ended_) return 0;
    try {
        const auto want =
            std::min<std::int64_t>(static_cast<std::int64_t>(requested), chunk_frames);
        const std::int64_t n = self->source_(self->in_buf_.data(), want);
        if (n <= 0) {
            self->input_ended_ = true;
            return 0;
        }
        self->input_frames_ += n;
        return static_cast<std::size_t>(n);
    } catch (...) {
        self->source_error_ = std::current_exception();
        self->input_ended_ = true;
        *data = nullptr;
        return 0;
    }
}

std::int64_t Resampler::read(float* out, std::int64_t frames) {
    if (finished_ || frames <= 0) return 0;
    std::int64_t done = 0;
    if (!soxr_) {
        while (done < frames) {
            const std::int64_t n = source_(out + done * channels_, frames - done);
            if (n <= 0) {
                finished_ = true;
                break;
            }
            input_frames_ += n;
            done += n;
        }
        output_frames_ += done;
        return done;
    }

    bool drained = false;
    while (done < frames) {
        const std::size_t got =
            soxr_output(soxr_, out + done * channels_, static_cast<std::size_t>(frames - done));
        if (source_error_) std::rethrow_exception(std::exchange(source_error_, nullptr));
        if (soxr_error_t error = soxr_error(soxr_))
            throw UserError(std::string("resampling failed: ") + soxr_strerror(error));
        done += static_cast<std::int64_t>(got);
        if (got == 0) {
            drained = true;
            break;
        }
    }
    output_frames_ += done;
    if (!input_ended_) {
        if (drained)
            throw std::logic_error("the resampler produced nothing before its input ended");
        return done;
    }
    const std::int64_t target = output_frames_for(input_frames_, input_rate_, output_rate_);
    if (output_frames_ >= target) {
        done -= output_frames_ - target;
        output_frames_ = target;
        finished_ = true;
    } else if (drained) {
        const std::int64_t pad = std::min(frames - done, target - output_frames_);
        std::fill(out + done * channels_, out + (done + pad) * channels_, 0.0f);
        done += pad;
        output_frames_ += pad;
        if (output_frames_ == target) finished_ = true;
    }
    return done;
}

}  // namespace vc::audio
