#pragma once
// The output sample format and the frame arithmetic every part shares (frames are integers).

#include <cstdint>

namespace vc::audio {

/// The output's sample format: interleaved 32-bit float frames at this rate and channel count.
struct AudioFormat {
    int sample_rate = 48000;
    int channels = 2;
    bool operator==(const AudioFormat&) const = default;
};

/// Output frames that `source_frames` at `source_rate` occupy at `output_rate`:
/// ceil(N x R / r), in exact integer arithmetic.
constexpr std::int64_t output_frames_for(std::int64_t source_frames, int source_rate,
                                         int output_rate) {
    return (source_frames * output_rate + source_rate - 1) / source_rate;
}

/// Frames in a duration of `ms` milliseconds at `rate`, rounded to the nearest frame.
constexpr std::int64_t frames_for_ms(std::int64_t ms, int rate) {
    return (ms * rate + 500) / 1000;
}

}  // namespace vc::audio
