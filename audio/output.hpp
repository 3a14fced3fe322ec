#pragma once
// One output interface, chosen at run time by a spec string: a PortAudio device, a file, null.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "audio/audio_format.hpp"

namespace vc::audio {

/// Where rendered frames go. Opened, written by one thread (the decoding thread), closed.
class Output {
public:
    virtual ~Output() = default;
    /// Opens the device or file. Throws UserError with a message a clerk can act on.
    virtual void open(const AudioFormat& format) = 0;
    /// Blocks until all frames are accepted; paced like a sound card where the output is
    /// real-time. Throws on a lost device or a failed write.
    virtual void write(const float* interleaved, std::int64_t frames) = 0;
    /// Blocks until everything written has been played or written out.
    virtual void drain() = 0;
    virtual void close() = 0;
    /// How the output names itself in logs ("PortAudio: pulse", "wav:/tmp/x.wav", "null").
    [[nodiscard]] virtual std::string name() const = 0;
    /// Times the device asked for frames that were not there (silence was played instead).
    [[nodiscard]] virtual std::int64_t underruns() const { return 0; }
};

}  // namespace vc::audio
