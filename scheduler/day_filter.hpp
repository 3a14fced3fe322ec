#pragma once
// Which days a broadcast airs on:
//     (days ∩ monthdays ∩ season ∩ [from, until]) − except
// where a field that is absent does not restrict; when `dates` is given it replaces days,
// monthdays and season, and from, until and except still apply.

#include <cstdint>
#include <optional>
#include <vector>

#include <date/date.h>

#include "scheduler/calendar_set.hpp"
#include "scheduler/season.hpp"

namespace vc::scheduler {

/// The `days` field.
enum class DayKind {
    daily,     ///< every day (the default)
    weekdays,  ///< Monday to Friday
    weekends,  ///< Saturday and Sunday
    workdays,  ///< the office calendar's working days (holidays off, make-up days on)
    restdays,  ///< the office calendar's rest days
    listed,    ///< the weekdays in `weekday_mask`
};

/// Whether a day matches: `unknown` when the answer needs a calendar that does not cover
/// the day (never guessed).
enum class DayMatch { no, yes, unknown };

/// Plain data; thread-safe to read.
struct DayFilter {
    DayKind kind = DayKind::daily;
    std::uint8_t weekday_mask = 0x7f;  ///< bit i: date::weekday c_encoding i (0 = Sunday)
    std::uint32_t monthday_mask = 0;   ///< bit d for day d (1..31); 0 = any day of the month
    std::optional<Season> season;
    bool has_dates = false;  ///< `dates` given: only these days (sorted, unique)
    std::vector<date::local_days> dates;
    std::optional<date::local_days> from;   ///< inclusive
    std::optional<date::local_days> until;  ///< inclusive
    std::vector<date::local_days> except;   ///< sorted, unique

    /// True when the filter needs the office calendar (workdays, restdays).
    [[nodiscard]] bool needs_calendar() const {
        return !has_dates && (kind == DayKind::workdays || kind == DayKind::restdays);
    }

    /// Everything but the calendar: from/until, except, dates or days-by-weekday, monthdays,
    /// season. For workdays/restdays the weekday part is left to the calendar.
    [[nodiscard]] bool matches_without_calendar(date::local_days day) const;

    /// The whole rule.
    [[nodiscard]] DayMatch matches(date::local_days day, const CalendarSet& calendars) const;
};

}  // namespace vc::scheduler
