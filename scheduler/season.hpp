#pragma once
// A named yearly date range from station.toml ("summer": 05-01 to 09-30), for summer and
// winter timetables. Both ends are included; a season whose `until` comes before its `from`
// spans the new year (winter: 11-01 to 02-28).

#include <string>

#include <date/date.h>

namespace vc::scheduler {

struct Season {
    std::string name;
    date::month_day from{date::January / 1};
    date::month_day until{date::December / 31};

    /// True when `day` falls inside the season in its own year. Thread-safe.
    [[nodiscard]] bool contains(date::local_days day) const {
        const date::year_month_day ymd{day};
        const date::month_day md{ymd.month(), ymd.day()};
        if (from <= until) {
            return from <= md && md <= until;
        }
        return md >= from || md <= until;
    }
};

}  // namespace vc::scheduler
