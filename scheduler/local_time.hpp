#pragma once
// Local wall-clock times in the station's time zone becoming instants, once, at the edge.
//
// Across a daylight-saving change a schedule's local time is placed by two rules:
// a time that does not exist (skipped when clocks go forward) airs at the first valid instant
// after it, the instant the gap ends; a time that occurs twice (clocks go back) airs once, at
// the earlier instant. The mapping never runs backwards: a later local time never gives an
// earlier instant, which the recurrence relies on.

#include <date/tz.h>

#include "core/instant.hpp"

namespace vc::scheduler {

/// The instant `local` names in `zone` under the rules above. Thread-safe.
Instant to_instant(const date::time_zone& zone, date::local_seconds local);

/// The local wall-clock time of `t` in `zone`. Thread-safe.
date::local_time<std::chrono::milliseconds> to_local(const date::time_zone& zone, Instant t);

/// The local calendar date of `t` in `zone`. Thread-safe.
date::local_days local_date_of(const date::time_zone& zone, Instant t);

/// Finds an IANA zone ("Asia/Shanghai"). Throws UserError naming the zone when tzdata does
/// not know it.
const date::time_zone& find_zone(const std::string& name);

}  // namespace vc::scheduler
