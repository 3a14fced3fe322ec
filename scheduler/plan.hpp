#pragma once
// `plan`: the conflict rules run ahead of time over the playlists' exact durations, with a
// virtual clock that jumps from event to event (announcements, starts, ends, deadlines). It
// runs the same rules as the daemon (one Arbiter per zone, ZoneArbiters), fed exactly as the
// timing contract in arbiter.hpp says.

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/duration.hpp"
#include "core/instant.hpp"
#include "scheduler/arbiter_config.hpp"
#include "scheduler/arbiter_decision.hpp"
#include "scheduler/occurrence.hpp"
#include "scheduler/occurrence_source.hpp"

namespace vc::scheduler {

/// How long an occurrence's playlist or clip airs, to the millisecond; nullopt when it cannot
/// air (a clip is missing or broken). Called once per occurrence, on plan's thread.
using DurationFn = std::function<std::optional<Millis>(const Occurrence&)>;

/// The reason given, by plan and by the daemon alike, for an occurrence whose playlist or clip
/// cannot be played (a clip missing or broken): "cannot air: playlist "x" cannot be played
/// (run `villagecast check`)".
std::string cannot_air(const Occurrence& occurrence);

/// One row of the plan: one occurrence (a broadcast at an instant in one zone) and its final
/// outcome. An occurrence interrupted and aired again is still one row: `start` and `end` are those
/// of its last airing, `attempts` counts its airings, and `interrupted_by` says who interrupted it.
struct PlanRow {
    Occurrence occurrence;  ///< broadcast id, scheduled instant (UTC), priority, playlist or clip
    Outcome outcome = Outcome::aired;
    std::optional<Instant> start;  ///< first frame of its last airing; none when it never aired
    std::optional<Instant> end;    ///< end of its last airing (start + duration, or fade end)
    int attempts = 0;              ///< airings begun
    Millis delay{0};               ///< start - scheduled of its last airing
    std::string waited_for;        ///< the broadcast its last airing waited for, when delayed
    std::string interrupted_by;    ///< the broadcast that last interrupted it, if any
    std::string reason;            ///< why it was missed, interrupted or failed (empty when aired)

    bool operator==(const PlanRow&) const = default;
};

/// Receives plan rows in order of (scheduled instant, priority, broadcast id, zone).
using PlanSink = std::function<void(PlanRow&&)>;

/// Runs the rules over every occurrence of `source` scheduled in [from, to) and hands each
/// occurrence's row to `sink` as soon as it and every row before it is final, so a year's plan
/// needs memory only for what is in flight. Airings that run past `to` are followed to their end.
/// An occurrence whose duration is nullopt is `failed` ("cannot air") and takes no part in the
/// conflicts. Runs on the caller's thread; throws what `source`, `durations` or `sink` throw,
/// std::invalid_argument for a negative duration in `config`.
void run_plan(const OccurrenceSource& source, Instant from, Instant to, const DurationFn& durations,
              const ArbiterConfig& config, const PlanSink& sink);

/// run_plan collected into a vector.
std::vector<PlanRow> make_plan(const OccurrenceSource& source, Instant from, Instant to,
                               const DurationFn& durations, const ArbiterConfig& config);

}  // namespace vc::scheduler
