#include "scheduler/recurrence.hpp"

#include <algorithm>

#include "scheduler/local_time.hpp"

namespace vc::scheduler {

std::optional<date::local_days> next_day(const Rule& rule, date::local_days first,
                                         date::local_days last, const CalendarSet& calendars) {
    const auto& f = rule.days;
    if (f.from && first < *f.from) {
        first = *f.from;
    }
    if (f.until && last > *f.until) {
        last = *f.until;
    }
    if (f.has_dates) {
        for (auto it = std::lower_bound(f.dates.begin(), f.dates.end(), first);
             it != f.dates.end() && *it <= last; ++it) {
            if (rule.matches(*it, calendars) == DayMatch::yes) {
                return *it;
            }
        }
        return std::nullopt;
    }
    for (auto d = first; d <= last; d += date::days{1}) {
        if (rule.matches(d, calendars) == DayMatch::yes) {
            return d;
        }
    }
    return std::nullopt;
}

std::optional<Instant> next_after(const Rule& rule, Instant t, const date::time_zone& zone,
                                  const CalendarSet& calendars) {
    if (rule.at.empty()) {
        return std::nullopt;
    }
    auto first = local_date_of(zone, t);
    const auto last = first + date::days{search_days};
    while (first <= last) {
        const auto day = next_day(rule, first, last, calendars);
        if (!day) {
            return std::nullopt;
        }
        const date::local_seconds base{*day};
        // Later local times never give earlier instants, so the times that are due after t
        // form a suffix of the day's list.
        const auto it = std::partition_point(rule.at.begin(), rule.at.end(), [&](auto s) {
            return to_instant(zone, base + s) <= t;
        });
        if (it != rule.at.end()) {
            return to_instant(zone, base + *it);
        }
        first = *day + date::days{1};
    }
    return std::nullopt;
}

void instants_between(const Rule& rule, Instant from, Instant to, const date::time_zone& zone,
                      const CalendarSet& calendars, std::vector<Instant>& out) {
    if (from >= to || rule.at.empty()) {
        return;
    }
    // A day's local times can reach an instant on a neighbouring local date around a change of
    // offset, so look one day further on each side and keep only what falls in [from, to).
    auto first = local_date_of(zone, from) - date::days{1};
    const auto last = local_date_of(zone, to - std::chrono::milliseconds(1)) + date::days{1};
    const auto start = out.size();
    while (first <= last) {
        const auto day = next_day(rule, first, last, calendars);
        if (!day) {
            return;
        }
        const date::local_seconds base{*day};
        for (const auto s : rule.at) {
            const auto when = to_instant(zone, base + s);
            if (when < from) {
                continue;
            }
            if (when >= to) {
                return;
            }
            if (out.size() > start && out.back() == when) {
                continue;
            }
            out.push_back(when);
        }
        first = *day + date::days{1};
    }
}

}  // namespace vc::scheduler
