#pragma once
// When airings may start: the gap and the fade. How loud they are is the mixer's (audio/stream).

#include "core/duration.hpp"

namespace vc::scheduler {

/// The station's conflict settings (station.toml) and the rules' fixed ramps.
struct ArbiterConfig {
    /// No foreground airing starts within this long after the previous one's last frame,
    /// except by preemption.
    Millis gap_between{std::chrono::seconds(2)};
    /// A preempted airing fades out over this long, ending where the preempting one starts.
    /// It is also how far ahead the arbiter commits a start (see Arbiter).
    Millis fade{500};
    /// How long before the listener hears a frame the output takes it (a Snapcast stream's
    /// buffer; 0 for a sound card or a file): starts are committed this much earlier still, so
    /// that the first sample can go out that far ahead of its instant.
    Millis output_latency{0};

    bool operator==(const ArbiterConfig&) const = default;
};

}  // namespace vc::scheduler
