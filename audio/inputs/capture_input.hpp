#pragma once
// Capturing a microphone with PortAudio into the LiveRings of a LiveFanOut.

#include <memory>
#include <string>

#include "audio/inputs/live_fan_out.hpp"
#include "audio/inputs/live_ring.hpp"

namespace vc::audio {

class PortAudioSession;

/// A PortAudio capture stream (1 channel, 32-bit float, at the fan-out's rate; PortAudio or the
/// sound server resamples when the device runs at another rate). Its callback
/// (capture_callback.cpp) only copies into the fan-out's rings; the mixing thread reads each
/// ring through a LiveSource. One stream serves every airing of a page (a raw ALSA device
/// opens only once). open/close: the control thread; the accessors: any thread that also owns
/// it.
class CaptureInput {
  public:
    /// `device_spec` is "default", a device index or a case-insensitive part of a capture
    /// device's name, as for outputs. Nothing is opened yet.
    CaptureInput(std::string device_spec, std::shared_ptr<LiveFanOut> fan_out);
    /// The same, into one ring.
    CaptureInput(std::string device_spec, std::shared_ptr<LiveRing> ring);
    ~CaptureInput();
    CaptureInput(const CaptureInput&) = delete;
    CaptureInput& operator=(const CaptureInput&) = delete;

    /// Opens and starts the capture stream (closing any open one first). Throws UserError
    /// naming the spec and listing the capture devices when it matches none, or with
    /// PortAudio's message when the device cannot be opened or started.
    void open();
    /// Stops capturing at once and closes the stream. Never throws.
    void close() noexcept;
    [[nodiscard]] bool is_open() const { return stream_ != nullptr; }

    /// The device's name as PortAudio lists it (empty before the first open()).
    [[nodiscard]] std::string name() const { return device_name_; }
    /// The capture stream's input latency in seconds (Pa_GetStreamInfo), 0 when closed.
    [[nodiscard]] double input_latency_seconds() const;

  private:
    std::string spec_;
    std::shared_ptr<LiveFanOut> fan_out_;
    std::string device_name_;
    std::unique_ptr<PortAudioSession> session_;
    void* stream_ = nullptr;  ///< PaStream*
};

}  // namespace vc::audio
