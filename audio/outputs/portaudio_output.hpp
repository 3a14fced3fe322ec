#pragma once
// Playing through a sound card with PortAudio.

#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "audio/output.hpp"
#include "audio/outputs/output_options.hpp"
#include "core/clock.hpp"

namespace vc::audio {

class PortAudioSession;
struct PlaybackRing;

/// A PortAudio output stream (32-bit float, interleaved). The decoding thread writes into a
/// lock-free ring allocated at open(); the callback (portaudio_callback.cpp) only copies from
/// it. The stream starts once the ring is full (or at drain()), so it never begins by running
/// dry. The writer waits for room on an atomic the callback notifies, never by sleeping.
/// open/write/drain/close: the decoding thread; the accessors: any thread.
class PortAudioOutput final : public Output {
  public:
    /// `device_spec` is "default", a device index or part of a device's name. It is resolved
    /// now (so a wrong spec fails at once) and again at each open(). Throws UserError.
    PortAudioOutput(std::string device_spec, const OutputOptions& options);
    ~PortAudioOutput() override;

    /// Opens the stream. Throws UserError with PortAudio's message.
    void open(const AudioFormat& format) override;
    /// Blocks until the ring has taken every frame. Throws UserError when the stream stopped.
    void write(const float* interleaved, std::int64_t frames) override;
    void limit_lead(std::int64_t frames) override { lead_limit_ = frames; }
    /// Blocks until the device has played everything written, then stops the stream.
    void drain() override;
    /// Stops at once (discarding what was not played) and closes the stream.
    void close() override;
    /// "PortAudio: <device name> [<host API>]".
    [[nodiscard]] std::string name() const override;
    [[nodiscard]] std::int64_t underruns() const override;
    [[nodiscard]] std::int64_t host_underflows() const override;
    [[nodiscard]] std::int64_t frames_played() const override { return device_frames(); }
    /// PortAudio's outputLatency for the open stream.
    [[nodiscard]] std::int64_t latency_frames() const override {
        return latency_frames_.load(std::memory_order_relaxed);
    }

    /// PortAudio stream time, in seconds, at which the first frame written since open() reached
    /// (or will reach) the DAC (outputBufferDacTime); empty until the stream has started.
    /// Its time base is the host API's: Debian's PortAudio 19.6 ALSA host stamps with
    /// CLOCK_REALTIME, other hosts with CLOCK_MONOTONIC. Any thread.
    [[nodiscard]] std::optional<double> first_frame_dac_time() const;
    /// The same instant on the monotonic clock (std::chrono::steady_clock, CLOCK_MONOTONIC),
    /// whatever the host's time base: frame k of this open() reaches the DAC at about
    /// first_frame_time() + k / rate. Empty until the stream has started. Any thread.
    [[nodiscard]] std::optional<MonoTime> first_frame_time() const override;
    /// Frames the device has taken since the stream started, silence included.
    [[nodiscard]] std::int64_t device_frames() const;
    /// Blocks until device_frames() >= frames (starting the stream if it waits for a full
    /// ring) or the stream has stopped.
    void wait_for_device_frames(std::int64_t frames);

  private:
    void start();
    void wait_for_progress(std::uint32_t seen);

    std::string spec_;
    OutputOptions options_;
    std::string device_name_;
    AudioFormat format_;
    std::unique_ptr<PortAudioSession> session_;
    std::unique_ptr<PlaybackRing> ring_;
    std::size_t ring_samples_ = 0;  ///< the ring's capacity in samples
    std::int64_t lead_limit_ = 0;   ///< limit_lead's frames; 0: the whole ring
    void* stream_ = nullptr;        ///< PaStream*
    std::int64_t written_ = 0;      ///< frames pushed since open()
    /// Monotonic time minus stream time, measured when the stream started.
    std::atomic<double> stream_to_monotonic_{0.0};
    std::atomic<bool> stream_time_mapped_{false};
    std::atomic<std::int64_t> latency_frames_{0};
    bool started_ = false;
};

}  // namespace vc::audio
