#pragma once
// Connecting the scheduler to the station's files: the scheduler knows no playlists or clips,
// so what it needs of them (does it exist, can it air, how long is it) is given here.

#include <map>
#include <memory>
#include <optional>
#include <string>

#include <date/tz.h>

#include "core/diagnostic.hpp"
#include "daemon/station_files.hpp"
#include "scheduler/arbiter_config.hpp"
#include "scheduler/plan.hpp"
#include "scheduler/schedule_context.hpp"

namespace vc::cli {

/// The context schedule files are checked against: the station's zone, seasons and zones, the
/// calendars (their problems go to `calendar_diags`), the playlists and clips that exist.
/// `files` must outlive the context. Control thread.
sched::ScheduleContext schedule_context(const StationFiles& files, date::local_days today,
                                        Diagnostics& calendar_diags);

/// The conflict settings from station.toml.
sched::ArbiterConfig arbiter_config(const pl::Station& station);

/// The exact airing length of each occurrence's playlist or clip, computed once per playlist
/// or clip and remembered; nullopt when it cannot air. `files` must outlive the function.
sched::DurationFn duration_function(const StationFiles& files);

/// Today's date in the station's time zone, read from the system clock (the edge).
date::local_days today_in(const date::time_zone* zone);

/// The station's zone; throws UserError when tzdata does not know it.
const date::time_zone* station_zone(const pl::Station& station);

/// The UTC instant of local midnight starting `day` in `zone` (the earliest, across DST).
Instant local_midnight(date::local_days day, const date::time_zone* zone);

/// Parses "YYYY-MM-DD"; throws UsageError naming `option` otherwise.
date::local_days parse_date_option(const std::string& text, const std::string& option);

}  // namespace vc::cli
