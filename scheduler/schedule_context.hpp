#pragma once
// What a schedule file is checked against, as plain data: the scheduler knows nothing of the
// station's files, the playlists or the clip library beyond what comes in here.

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <date/date.h>

#include "scheduler/calendar_set.hpp"
#include "scheduler/season.hpp"

namespace vc::scheduler {

/// Filled by the caller (the daemon's wiring, `check`, tests). Read only while loading.
struct ScheduleContext {
    /// The station's IANA time zone; every time in the schedule is local to it.
    std::string timezone = "Asia/Shanghai";
    /// Seasons declared in station.toml, by name.
    std::map<std::string, Season> seasons;
    /// Zones declared in station.toml ("all" is always valid and need not be listed).
    std::vector<std::string> zones;
    /// Groups of zones declared in station.toml ([group]), each with its zones: a broadcast's
    /// `zones` may name them too.
    std::map<std::string, std::vector<std::string>> zone_groups;
    /// The office calendar (load_calendars).
    CalendarSet calendars;
    /// True when a playlist of that name exists. Unset: playlists are not checked.
    std::function<bool(const std::string& name)> playlist_exists;
    /// nullopt when the clip exists and can air; "missing" when there is no such clip;
    /// otherwise the clip's problem in words. Unset: clips are not checked.
    std::function<std::optional<std::string>(const std::string& id)> clip_problem;
    /// Speaks a broadcast's `text` with its `voice` and `rate` ("" and 0: the defaults) into a
    /// clip of the library and returns the clip's id; throws UserError when it cannot be spoken.
    /// Unset: a broadcast's `text` is an error.
    std::function<std::string(const std::string& text, const std::string& voice, int rate)> speak;
    /// The local date the warnings look from: a one-shot before it is past, "never airs" and
    /// "always collide" look at the 366 days from it, and workdays broadcasts must find
    /// calendars for the days they can reach from it.
    date::local_days today{date::January / 1 / 2026};
    /// Whether to look for warnings (a one-shot in the past, never airs, always collide): `check`
    /// wants them; `plan` and the daemon, which only need the broadcasts, skip the work.
    bool warnings = true;
};

}  // namespace vc::scheduler
