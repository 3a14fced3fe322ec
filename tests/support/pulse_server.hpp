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
    struct Options {
        /// The null sink's channel count (2: stereo; 4: front and rear left and right, as a
        /// 4-channel card, which ALSA's pulse plugin maps one to one). Ignored with a microphone.
        int channels = 2;
        /// Instead of the plain "loudspeaker" null sink: a 2-channel null sink "room" whose
        /// front-right is the mono sink "loudspeaker" (the default sink) and whose front-left is
        /// the mono sink "microphone_feed", whose monitor is the default source. What
        /// feed_microphone() plays there is what PortAudio's default input device captures,
        /// and "room.monitor" records both sides in 2 channels.
        bool microphone = false;
        /// Instead of the plain "loudspeaker" null sink, when not 0: a null sink "room" of
        /// 1 + `receivers` channels (at most 31) whose first channel is the mono sink
        /// "loudspeaker" (the default sink) and whose others are the mono sinks "receiver1",
        /// "receiver2", ..., one for each snapclient (--player pulse). "room.monitor" records
        /// them all on one clock.
        int receivers = 0;

        /// A server with the test microphone (and the room's two channels).
        static Options with_microphone() {
            Options o;
            o.microphone = true;
            return o;
        }
        /// A server with the loudspeaker and `count` receivers' sinks on one clock.
        static Options with_receivers(int count = 3) {
            Options o;
            o.receivers = count;
            return o;
        }
    };

    /// `channels`: as Options::channels.
    explicit PulseServer(int channels = 2);
    explicit PulseServer(Options options);
    ~PulseServer();
    PulseServer(const PulseServer&) = delete;
    PulseServer& operator=(const PulseServer&) = delete;

    /// Stops the sound server, as when a USB sound card is pulled out (the test's device is
    /// lost); start() brings it back with the same sink.
    void stop();
    void start();

    /// Plays a sound file into "microphone_feed" with paplay in the background, paced in real
    /// time by the null sink, and returns once it is playing (with the sink's clock restarted,
    /// so that it is heard at once). A feed still playing is stopped first. Needs a server
    /// made with Options::microphone.
    void feed_microphone(const std::filesystem::path& sound_file);
    /// Waits until the feed has played to its end (paplay drains before it exits).
    void wait_for_feed();

  private:
    void kill_daemon() noexcept;
    void stop_feed() noexcept;
    std::filesystem::path root_;
    Options options_;
    pid_t feed_pid_ = -1;
};

/// Records a monitor source with parec as 32-bit float at 48 kHz into a file, mono (the
/// sink's channels mixed) or with the sink's `channels` as they are; once parec is connected it
/// restarts the sink's clock, so that playback starts at once. `monitor` is the source
/// recorded, "<sink>.monitor" ("room.monitor" for both sides of a server with a microphone).
class MonitorRecording {
  public:
    explicit MonitorRecording(std::filesystem::path file, int channels = 1,
                              std::string monitor = "loudspeaker.monitor");
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
