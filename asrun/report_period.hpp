#pragma once
// The period a monthly broadcast record covers: whole days in the station's time zone, turned
// into UTC instants once, here.

#include <optional>
#include <string>
#include <string_view>

#include <date/tz.h>

#include "core/instant.hpp"

namespace vc::asrun {

/// Days first_day..last_day (both included) in `zone`, and the UTC instants they span:
/// [from, to), from local midnight starting first_day to local midnight after last_day.
/// Plain value; any thread.
struct ReportPeriod {
    date::local_days first_day{};
    date::local_days last_day{};
    const date::time_zone* zone = nullptr;  ///< never null in a period made by the functions below
    Instant from{};                         ///< inclusive
    Instant to{};                           ///< exclusive

    /// True when `t` falls in [from, to).
    [[nodiscard]] bool contains(Instant t) const { return t >= from && t < to; }
};

/// The days first_day..last_day in `zone` (midnights taken as the earliest instant, across a
/// DST change). Throws std::invalid_argument when last_day is before first_day or zone is null.
ReportPeriod day_period(date::local_days first_day, date::local_days last_day,
                        const date::time_zone* zone);

/// The calendar month `month` in `zone`: its first to its last day. Throws as day_period().
ReportPeriod month_period(date::year_month month, const date::time_zone* zone);

/// Reads "YYYY-MM" (e.g. "2026-12"); nullopt when the text is not a month.
std::optional<date::year_month> parse_month(std::string_view text);

/// "2026-12-01" for a day.
std::string format_day(date::local_days day);

}  // namespace vc::asrun
