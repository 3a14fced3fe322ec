#pragma once
// Settings that choosing an output by its spec may need.

#include <map>
#include <memory>
#include <string>

#include "core/duration.hpp"

namespace vc {
class Clock;
}

namespace vc::audio {

class MarkerWatch;

/// Where snapserver takes one stream's sound (a `tcp://HOST:PORT?mode=server` source), and how
/// far ahead of the listener it sends it.
struct SnapcastAddress {
    std::string host = "127.0.0.1";  ///< snapserver's IPv4 address
    int port = 0;                    ///< the stream's TCP port
    Millis buffer{1000};             ///< snapserver's end-to-end buffer
    Millis chunk{20};                ///< how much snapserver reads at once (source's chunk_ms)
    /// Sees the stream as snapserver sends it on, so that the output learns when snapserver
    /// really read its first frame; null: the output trusts its own estimate.
    std::shared_ptr<MarkerWatch> watch;
};

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
    /// The Snapcast streams a `snapcast:STREAM` spec may name, by stream name.
    std::map<std::string, SnapcastAddress> snapcast;
};

}  // namespace vc::audio
