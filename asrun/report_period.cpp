#include "asrun/report_period.hpp"

#include <charconv>
#include <stdexcept>

namespace vc::asrun {

namespace {

Instant midnight(date::local_days day, const date::time_zone* zone) {
    return std::chrono::time_point_cast<std::chrono::milliseconds>(
        zone->to_sys(date::local_seconds(day), date::choose::earliest));
}

}  // namespace

ReportPeriod day_period(date::local_days first_day, date::local_days last_day,
                        const date::time_zone* zone) {
    if (zone == nullptr) throw std::invalid_argument("a report period needs a time zone");
    if (last_day < first_day)
        throw std::invalid_argument("the last day " + format_day(last_day) +
                                    " comes before the first day " + format_day(first_day));
    return ReportPeriod{first_day, last_day, zone, midnight(first_day, zone),
                        midnight(last_day + date::days(1), zone)};
}

ReportPeriod month_period(date::year_month month, const date::time_zone* zone) {
    return day_period(date::local_days(month / date::day(1)), date::local_days(month / date::last),
                      zone);
}

std::optional<date::year_month> parse_month(std::string_view text) {
    if (text.size() != 7 || text[4] != '-') return std::nullopt;
    for (std::size_t i : {0u, 1u, 2u, 3u, 5u, 6u})
        if (text[i] < '0' || text[i] > '9') return std::nullopt;
    int y = 0;
    unsigned m = 0;
    const char* begin = text.data();
    auto ry = std::from_chars(begin, begin + 4, y);
    auto rm = std::from_chars(begin + 5, begin + 7, m);
    if (ry.ec != std::errc() || ry.ptr != begin + 4 || rm.ec != std::errc() ||
        rm.ptr != begin + 7 || m < 1 || m > 12)
        return std::nullopt;
    return date::year(y) / date::month(m);
}

std::string format_day(date::local_days day) {
    return date::format("%F", day);
}

}  // namespace vc::asrun
