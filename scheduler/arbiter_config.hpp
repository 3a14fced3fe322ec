#pragma once

#include "core/duration.hpp"

namespace vc::sched {

/// The station's conflict settings (station.toml) and the rules' fixed ramps.
struct ArbiterConfig {
    /// No foreground airing starts within this long after the previous one's last frame,
    /// except by preemption.
    Millis gap_between{std::chrono::seconds(2)};
    /// How far a background airing is lowered under a foreground airing (not under emergency,
    /// where it goes silent).
    double duck_db = -15.0;
    /// A preempted airing fades out over this long, ending where the preempting one starts.
    /// It is also how far ahead the arbiter commits a start (see Arbiter).
    Millis fade{500};
    /// Background ramp down (duck or mute) when a foreground airing starts.
    Millis duck_ramp{500};
    /// Background ramp back up after the last foreground airing ends.
    Millis unduck_ramp{1000};

    bool operator==(const ArbiterConfig&) const = default;
};

}  // namespace vc::sched
