#pragma once
// One placement's sound at the output format: decoded, resampled, mapped, with gain and fades.

#include <cstdint>
#include <memory>
#include <vector>

#include "audio/audio_format.hpp"
#include "audio/decode/decoder.hpp"
#include "audio/dsp/channel_map.hpp"
#include "audio/dsp/resampler.hpp"
#include "audio/timeline.hpp"

namespace vc::audio {

/// Turns one Placement into exactly `placement.length` frames at the output format: decoder,
/// resampler (soxr HQ), channel map, gain in dB and linear fades; a looping placement repeats
/// the clip seamlessly to fill its length; a clip shorter than its placement ends in silence.
/// Allocates only when constructed. Owned and used by one thread (the decoding thread).
class ClipSource {
  public:
    /// Output frames produced per internal step.
    static constexpr std::int64_t block_frames = 4096;

    /// Opens the clip's file. Throws UserError naming the clip and file when it cannot be read.
    ClipSource(const Placement& placement, const AudioFormat& output);

    /// Adds the next `frames` frames of the placement into `mix` (interleaved, the output's
    /// channels). Frames past the placement's length add nothing. Throws UserError when the
    /// file cannot be decoded any further.
    void mix_into(float* mix, std::int64_t frames);

    /// Frames of the placement produced so far.
    [[nodiscard]] std::int64_t position() const { return position_; }
    [[nodiscard]] bool finished() const { return position_ >= placement_.length; }
    /// A rough relative cost per frame (resampling dominates), for sharing work between threads.
    [[nodiscard]] int cost() const { return pre_map_.to() * (resampler_.bypass() ? 1 : 8); }

  private:
    std::int64_t pull(float* out, std::int64_t max_frames);
    /// Fills gains_[0, n) for placement frames [position_, position_ + n); false when all are 1.
    bool fade_gains(std::int64_t n);
    /// Decodes and drops the placement's `skip` frames (a trimmed clip's leading quiet).
    void skip_leading_frames();

    Placement placement_;
    AudioFormat output_;
    Decoder decoder_;
    ChannelMap pre_map_;   ///< source channels to the channels resampled
    ChannelMap post_map_;  ///< resampled channels to the output's
    Resampler resampler_;
    float gain_;
    std::vector<float> decode_buf_;
    std::vector<float> resampled_;
    std::vector<float> gains_;
    std::int64_t position_ = 0;
    bool source_ended_ = false;
    bool ever_read_ = false;
};

}  // namespace vc::audio
