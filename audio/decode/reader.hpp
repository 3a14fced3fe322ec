#pragma once
// What a decoding library gives the Decoder: one file's frames as interleaved floats.

#include <cstdint>
#include <string>

namespace vc::audio {

/// One open file in one decoding library (libsndfile or FFmpeg). Owned and used by one thread.
/// Errors are AudioFileError (decoder.hpp).
class Reader {
  public:
    virtual ~Reader() = default;
    [[nodiscard]] virtual int sample_rate() const = 0;
    [[nodiscard]] virtual int channels() const = 0;
    /// Frames the header or container claims; 0 when it says nothing.
    [[nodiscard]] virtual std::int64_t header_frames() const = 0;
    /// What the file holds, for people: "WAV PCM-16", "AAC in MP4", "AMR-NB".
    [[nodiscard]] virtual std::string format() const = 0;
    /// Reads up to `frames` frames into `out`; returns how many, 0 at the end.
    virtual std::int64_t read(float* out, std::int64_t frames) = 0;
    /// Back to the first frame, exactly.
    virtual void rewind() = 0;
};

}  // namespace vc::audio
