#pragma once
// Connecting the scheduler to the station's files: the scheduler knows no playlists or clips,
// so what it needs of them (does it exist, can it air, how long is it) is given here.

#include <map>
#include <memory>
#include <optional>
#include <string>

#include <date/tz.h>

#include "core/diagnostic.hpp"
#include "scheduler/arbiter_config.hpp"
#include "scheduler/plan.hpp"
#include "scheduler/schedule_context.hpp"
#include "station/station_files.hpp"

namespace vc::station {

/// The context schedule files are checked against: the station's zone, seasons and zones, the
/// calendars (their problems go to `calendar_diags`), the playlists and clips that exist.
/// `files` must outlive the context. Control thread.
scheduler::ScheduleContext schedule_context(const StationFiles& files, date::local_days today,
                                            Diagnostics& calendar_diags);

/// The conflict settings from station.toml.
scheduler::ArbiterConfig arbiter_config(const station::Station& station);

/// The exact airing length of each occurrence's playlist or clip, computed once per playlist
/// or clip and remembered; nullopt when it cannot air (a broken clip, a zone off the station's
/// output). `files` must outlive the function.
scheduler::DurationFn duration_function(const StationFiles& files);

/// The date in the station's time zone at `now`.
date::local_days today_in(const date::time_zone* zone, Instant now);

/// The station's zone; throws UserError when tzdata does not know it.
const date::time_zone* station_zone(const station::Station& station);

/// The UTC instant of local midnight starting `day` in `zone` (the earliest, across DST).
Instant local_midnight(date::local_days day, const date::time_zone* zone);

}  // namespace vc::station
