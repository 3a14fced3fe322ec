#pragma once
// Checks of parsed broadcasts that look ahead from "today": days reachable without a
// calendar, broadcasts that never air, and pairs that always come due together.

#include <optional>
#include <string>
#include <vector>

#include "core/diagnostic.hpp"
#include "core/toml_reader.hpp"
#include "scheduler/broadcast.hpp"
#include "scheduler/schedule_context.hpp"

namespace vc::scheduler {

/// How far the look-ahead checks see: today and the 365 days after it.
inline constexpr int lookahead_days = 366;

/// The years a workdays/restdays broadcast can reach that no calendar covers: the days from
/// max(from, today) to `until` (or, with no `until`, the 366 days from there) that the rest of
/// its rule accepts. Empty when the broadcast does not need the calendar.
std::vector<int> uncovered_years(const Rule& rule, const ScheduleContext& ctx);

/// A warning text when the broadcast comes due on no day of the 366 from today (and the
/// answer did not depend on a missing calendar); nullopt otherwise. One-shots are judged on
/// their own date only.
std::optional<std::string> never_airs(const Broadcast& b, const ScheduleContext& ctx);

/// One broadcast to compare, and where its warnings go.
struct CollisionCandidate {
    const Broadcast* broadcast;
    Diagnostics* diagnostics;
    int file_index;  ///< which file it came from
};

/// Warns, at the later of each pair, about two broadcasts that always come due at the same
/// instants: identical times of day and the same set of days in the 366 days from today (at
/// least one), heard in overlapping zones. `across_files_only` limits the pairs to broadcasts
/// of different files.
void warn_collisions(const std::vector<CollisionCandidate>& candidates, const ScheduleContext& ctx,
                     bool across_files_only);

}  // namespace vc::scheduler
