#include "audio/sources/clip_source.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

#include "core/diagnostic.hpp"

namespace vc::audio {

namespace {

/// Channels worth resampling: never more than the output keeps.
int resampled_channels(int source, int output) {
    if (source == 1 || output == 1) return 1;
    return std::min(source, output);
}

Decoder open_clip(const Placement& p) {
    try {
        return Decoder(p.file);
    } catch (const AudioFileError& e) {
        throw UserError("clip " + (p.clip_id.empty() ? p.file.string() : p.clip_id) + ": " +
                        e.what());
    }
}

}  // namespace

ClipSource::ClipSource(const Placement& placement, const AudioFormat& output)
    : placement_(placement),
      output_(output),
      decoder_(open_clip(placement)),
      pre_map_(decoder_.channels(), resampled_channels(decoder_.channels(), output.channels)),
      post_map_(pre_map_.to(), output.channels),
      resampler_(pre_map_.to(), decoder_.sample_rate(), output.sample_rate,
                 [this](float* out, std::int64_t n) { return pull(out, n); }),
      gain_(static_cast<float>(std::pow(10.0, placement.gain_db / 20.0))) {
    if (!pre_map_.identity())
        decode_buf_.resize(static_cast<std::size_t>(Resampler::chunk_frames * decoder_.channels()));
    resampled_.resize(static_cast<std::size_t>(block_frames * pre_map_.to()));
    gains_.resize(static_cast<std::size_t>(block_frames));
    skip_leading_frames();
}

void ClipSource::skip_leading_frames() {
    // A trimmed clip: the quiet before its first sound is decoded and left out, so that every
    // decoder lands on the same frame.
    std::vector<float> scratch(
        static_cast<std::size_t>(Resampler::chunk_frames * decoder_.channels()));
    for (std::int64_t left = placement_.skip; left > 0;) {
        const std::int64_t n =
            decoder_.read(scratch.data(), std::min(left, Resampler::chunk_frames));
        if (n == 0) break;
        left -= n;
    }
}

std::int64_t ClipSource::pull(float* out, std::int64_t max_frames) {
    float* dst = pre_map_.identity() ? out : decode_buf_.data();
    max_frames = std::min(max_frames, Resampler::chunk_frames);
    std::int64_t n = decoder_.read(dst, max_frames);
    if (n == 0 && placement_.loop && ever_read_) {
        decoder_.rewind();
        n = decoder_.read(dst, max_frames);
    }
    if (n > 0) ever_read_ = true;
    if (!pre_map_.identity()) pre_map_.apply(dst, out, n);
    return n;
}

bool ClipSource::fade_gains(std::int64_t n) {
    const std::int64_t length = placement_.length;
    const std::int64_t fade_in = std::min(placement_.fade_in, length);
    const std::int64_t fade_out = std::min(placement_.fade_out, length);
    const bool in_fade_in = position_ < fade_in;
    const bool in_fade_out = position_ + n > length - fade_out && fade_out > 0;
    if (!in_fade_in && !in_fade_out) return false;
    for (std::int64_t i = 0; i < n; ++i) {
        const std::int64_t p = position_ + i;
        double g = 1.0;
        if (p < fade_in) g *= static_cast<double>(p) / static_cast<double>(fade_in);
        if (p >= length - fade_out)
            g *= static_cast<double>(length - 1 - p) / static_cast<double>(fade_out);
        gains_[static_cast<std::size_t>(i)] = static_cast<float>(g);
    }
    return true;
}

void ClipSource::mix_into(float* mix, std::int64_t frames) {
    frames = std::min(frames, placement_.length - position_);
    while (frames > 0) {
        const std::int64_t n = std::min(frames, block_frames);
        std::int64_t got = 0;
        if (!source_ended_) {
            got = resampler_.read(resampled_.data(), n);
            if (got < n) source_ended_ = true;
        }
        if (got > 0) {
            const bool faded = fade_gains(got);
            post_map_.add(resampled_.data(), mix, got, gain_, faded ? gains_.data() : nullptr);
        }
        position_ += n;
        mix += n * output_.channels;
        frames -= n;
    }
}

}  // namespace vc::audio
