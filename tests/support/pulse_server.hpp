#pragma once
// A private PulseAudio daemon with a null sink, for testing the real PortAudio path on a machine
// without a sound card, and a parec recording of the sink's monitor.

#include <sys/types.h>

#include <filesystem>
#include <string>
#include <vector>

namespace vc::test {

/// Starts `pulseaudio` with a null sink named "loudspeaker" (48 kHz) as the default sink, in a
/// fresh XDG_RUNTIME_DIR and HOME (set in this process's environment), with a ~/.asoundrc that
/// routes ALSA's default device to it, so PortAudio's ALSA host plays into it. Kills the daemon
/// when destroyed, whether the test passed or not. Fails the test when pulseaudio, pactl or parec
/// is not installed.
class PulseServer {
  public:
    /// `channels`: the null sink's channel count (2: stereo; 4: front and rear left and right,
    /// as a 4-channel card, which ALSA's pulse plugin maps one to one).
    explicit PulseServer(int channels = 2);
    ~PulseServer();
    PulseServer(const PulseServer&) = delete;
    PulseServer& operator=(const PulseServer&) = delete;

    /// Stops the sound server, as when a USB sound card is pulled out (the test's device is
    /// lost); start() brings it back with the same sink.
    void stop();
    void start();

  private:
    void kill_daemon() noexcept;
    std::filesystem::path root_;
    int channels_ = 2;
};

/// Records the null sink's monitor with parec as 32-bit float at 48 kHz into a file, mono (the
/// sink's channels mixed) or with the sink's `channels` as they are; once parec is connected it
/// restarts the sink's clock, so that playback starts at once.
class MonitorRecording {
  public:
    explicit MonitorRecording(std::filesystem::path file, int channels = 1);
    ~MonitorRecording();
    MonitorRecording(const MonitorRecording&) = delete;
    MonitorRecording& operator=(const MonitorRecording&) = delete;
    /// Stops parec and returns what it recorded.
    std::vector<float> stop();

  private:
    std::filesystem::path file_;
    pid_t pid_ = -1;
};

}  // namespace vc::test
