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

    bool operator==(const ArbiterConfig&) const = default;
};

}  // namespace vc::scheduler
