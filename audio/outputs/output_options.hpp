#pragma once
// Settings that choosing an output by its spec may need.

namespace vc {
class Clock;
}

namespace vc::audio {

/// Settings for make_output().
struct OutputOptions {
    /// Paces the null output in real (or simulated) time; null: the null output is unpaced.
    /// Must outlive the output.
    Clock* clock = nullptr;
    /// Milliseconds of audio the PortAudio output's ring holds between the decoding thread and
    /// the sound card.
    int buffer_ms = 500;
    /// Latency asked of the sound card, in seconds; 0: the device's default high latency
    /// (safest on a slow office PC).
    double device_latency_s = 0.0;
};

}  // namespace vc::audio
