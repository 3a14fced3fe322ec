#include "scheduler/day_filter.hpp"

#include <algorithm>

namespace vc::scheduler {

bool DayFilter::matches_without_calendar(date::local_days day) const {
    if (from && day < *from) {
        return false;
    }
    if (until && day > *until) {
        return false;
    }
    if (!except.empty() && std::binary_search(except.begin(), except.end(), day)) {
        return false;
    }
    if (has_dates) {
        return std::binary_search(dates.begin(), dates.end(), day);
    }
    switch (kind) {
        case DayKind::daily:
        case DayKind::workdays:
        case DayKind::restdays:
            break;
        case DayKind::weekdays:
        case DayKind::weekends:
        case DayKind::listed:
            if ((weekday_mask & (1u << date::weekday{day}.c_encoding())) == 0) {
                return false;
            }
            break;
    }
    if (monthday_mask != 0 || season) {
        const date::year_month_day ymd{day};
        if (monthday_mask != 0 && (monthday_mask & (1u << static_cast<unsigned>(ymd.day()))) == 0) {
            return false;
        }
        if (season && !season->contains(day)) {
            return false;
        }
    }
    return true;
}

DayMatch DayFilter::matches(date::local_days day, const CalendarSet& calendars) const {
    if (!matches_without_calendar(day)) {
        return DayMatch::no;
    }
    if (!needs_calendar()) {
        return DayMatch::yes;
    }
    const auto work = calendars.is_workday(day);
    if (!work) {
        return DayMatch::unknown;
    }
    return (*work == (kind == DayKind::workdays)) ? DayMatch::yes : DayMatch::no;
}

}  // namespace vc::scheduler
