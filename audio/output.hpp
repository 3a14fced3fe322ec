#pragma once
// One output interface, chosen at run time by a spec string: a PortAudio device, a file, null.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "audio/audio_format.hpp"
#include "core/clock.hpp"

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
    /// Frames that have reached the listener since open(): what a sound card's callback took
    /// (silence included, so it can run ahead of what was written); what was written, for an
    /// output that takes frames at once (a file, null). Any thread.
    [[nodiscard]] virtual std::int64_t frames_played() const = 0;
    /// Times the device asked for frames that were not there (silence was played instead).
    [[nodiscard]] virtual std::int64_t underruns() const { return 0; }
    /// Times the sound system reported an underflow of its own below us (PortAudio's
    /// paOutputUnderflow: the host's buffer ran dry, a glitch heard though our ring was full),
    /// typically when the machine is overloaded.
    [[nodiscard]] virtual std::int64_t host_underflows() const { return 0; }
    /// True when written frames go nowhere and take no time (an unpaced null output): a
    /// simulated run may then skip silence instead of rendering it.
    [[nodiscard]] virtual bool discards_frames() const { return false; }
    /// When the first frame written since open() reaches (or reached) the listener, on the
    /// monotonic clock, for outputs that keep time: a sound card (its DAC time), a null output
    /// paced by a clock. Empty for a file or an unpaced null output, and until known. Any thread.
    [[nodiscard]] virtual std::optional<MonoTime> first_frame_time() const { return std::nullopt; }
    /// Frames from the one frames_played() counts last to the listener: the sound system's own
    /// buffer below the output (PortAudio's outputLatency), Snapcast's buffer. Any thread.
    [[nodiscard]] virtual std::int64_t latency_frames() const { return 0; }
    /// From now on keep at most `frames` written and not yet played (a live page wants its
    /// sound out soon, at the cost of less margin against a busy machine); 0: as many as the
    /// output's buffer holds. Called by the thread that writes. Outputs without a buffer of
    /// their own ignore it.
    virtual void limit_lead(std::int64_t /*frames*/) {}
};

}  // namespace vc::audio
