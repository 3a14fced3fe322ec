#include "audio/dsp/channel_map.hpp"

#include <algorithm>
#include <stdexcept>

namespace vc::audio {

ChannelMap::ChannelMap(int from, int to) : from_(from), to_(to) {
    if (from <= 0 || to <= 0) throw std::invalid_argument("channel counts must be positive");
}

void ChannelMap::apply(const float* in, float* out, std::int64_t frames) const {
    const std::int64_t samples = frames * to_;
    std::fill(out, out + samples, 0.0f);
    add(in, out, frames, 1.0f);
}

namespace {

// Each shape of mapping gets its own loop without branches inside, so that the compiler
// vectorises it: this runs for every sample of every placement.

void add_same(const float* in, float* out, std::int64_t frames, int channels, float gain,
              const float* frame_gains) {
    const std::int64_t samples = frames * channels;
    if (!frame_gains) {
        for (std::int64_t i = 0; i < samples; ++i) out[i] += gain * in[i];
    } else if (channels == 2) {
        for (std::int64_t f = 0; f < frames; ++f) {
            const float g = gain * frame_gains[f];
            out[2 * f] += g * in[2 * f];
            out[2 * f + 1] += g * in[2 * f + 1];
        }
    } else {
        for (std::int64_t f = 0; f < frames; ++f) {
            const float g = gain * frame_gains[f];
            for (int c = 0; c < channels; ++c) out[f * channels + c] += g * in[f * channels + c];
        }
    }
}

void add_from_mono(const float* in, float* out, std::int64_t frames, int to, float gain,
                   const float* frame_gains) {
    if (to == 2) {
        if (!frame_gains) {
            for (std::int64_t f = 0; f < frames; ++f) {
                const float v = gain * in[f];
                out[2 * f] += v;
                out[2 * f + 1] += v;
            }
        } else {
            for (std::int64_t f = 0; f < frames; ++f) {
                const float v = gain * frame_gains[f] * in[f];
                out[2 * f] += v;
                out[2 * f + 1] += v;
            }
        }
        return;
    }
    for (std::int64_t f = 0; f < frames; ++f) {
        const float v = gain * (frame_gains ? frame_gains[f] : 1.0f) * in[f];
        for (int c = 0; c < to; ++c) out[f * to + c] += v;
    }
}

}  // namespace

void ChannelMap::add(const float* in, float* out, std::int64_t frames, float gain,
                     const float* frame_gains) const {
    const int from = from_;
    const int to = to_;
    if (from == to) {
        add_same(in, out, frames, to, gain, frame_gains);
        return;
    }
    if (from == 1) {
        add_from_mono(in, out, frames, to, gain, frame_gains);
        return;
    }
    if (to == 1) {
        const float scale = gain / static_cast<float>(from);
        for (std::int64_t f = 0; f < frames; ++f) {
            float sum = 0.0f;
            for (int c = 0; c < from; ++c) sum += in[f * from + c];
            out[f] += scale * (frame_gains ? frame_gains[f] : 1.0f) * sum;
        }
        return;
    }
    const int common = std::min(from, to);
    for (std::int64_t f = 0; f < frames; ++f) {
        const float g = gain * (frame_gains ? frame_gains[f] : 1.0f);
        for (int c = 0; c < common; ++c) out[f * to + c] += g * in[f * from + c];
    }
}

}  // namespace vc::audio
