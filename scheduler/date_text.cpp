#include "scheduler/date_text.hpp"

#include <cstdio>

namespace vc::scheduler {

namespace {

/// Reads exactly `digits` decimal digits at `pos`, advancing it.
std::optional<int> read_digits(std::string_view text, std::size_t& pos, std::size_t min_digits,
                               std::size_t max_digits) {
    int value = 0;
    std::size_t n = 0;
    while (pos < text.size() && n < max_digits && text[pos] >= '0' && text[pos] <= '9') {
        value = value * 10 + (text[pos] - '0');
        ++pos;
        ++n;
    }
    if (n < min_digits) {
        return std::nullopt;
    }
    return value;
}

bool expect(std::string_view text, std::size_t& pos, char c) {
    if (pos < text.size() && text[pos] == c) {
        ++pos;
        return true;
    }
    return false;
}

std::optional<date::local_days> read_date(std::string_view text, std::size_t& pos) {
    auto y = read_digits(text, pos, 4, 4);
    if (!y || !expect(text, pos, '-')) {
        return std::nullopt;
    }
    auto m = read_digits(text, pos, 2, 2);
    if (!m || !expect(text, pos, '-')) {
        return std::nullopt;
    }
    auto d = read_digits(text, pos, 2, 2);
    if (!d) {
        return std::nullopt;
    }
    date::year_month_day ymd{date::year{*y}, date::month{static_cast<unsigned>(*m)},
                             date::day{static_cast<unsigned>(*d)}};
    if (!ymd.ok()) {
        return std::nullopt;
    }
    return date::local_days{ymd};
}

std::optional<std::chrono::seconds> read_time(std::string_view text, std::size_t& pos) {
    auto h = read_digits(text, pos, 1, 2);
    if (!h || *h > 23 || !expect(text, pos, ':')) {
        return std::nullopt;
    }
    auto m = read_digits(text, pos, 2, 2);
    if (!m || *m > 59) {
        return std::nullopt;
    }
    int s = 0;
    if (expect(text, pos, ':')) {
        auto sec = read_digits(text, pos, 2, 2);
        if (!sec || *sec > 59) {
            return std::nullopt;
        }
        s = *sec;
    }
    return std::chrono::hours(*h) + std::chrono::minutes(*m) + std::chrono::seconds(s);
}

}  // namespace

std::optional<date::local_days> parse_date(std::string_view text) {
    std::size_t pos = 0;
    auto d = read_date(text, pos);
    if (!d || pos != text.size()) {
        return std::nullopt;
    }
    return d;
}

std::optional<std::chrono::seconds> parse_time_of_day(std::string_view text) {
    std::size_t pos = 0;
    auto t = read_time(text, pos);
    if (!t || pos != text.size()) {
        return std::nullopt;
    }
    return t;
}

std::optional<date::local_seconds> parse_local_date_time(std::string_view text) {
    std::size_t pos = 0;
    auto d = read_date(text, pos);
    if (!d) {
        return std::nullopt;
    }
    if (!expect(text, pos, ' ') && !expect(text, pos, 'T')) {
        return std::nullopt;
    }
    while (pos < text.size() && text[pos] == ' ') {
        ++pos;
    }
    auto t = read_time(text, pos);
    if (!t || pos != text.size()) {
        return std::nullopt;
    }
    return date::local_seconds{*d} + *t;
}

std::optional<date::month_day> parse_month_day(std::string_view text) {
    std::size_t pos = 0;
    auto m = read_digits(text, pos, 2, 2);
    if (!m || !expect(text, pos, '-')) {
        return std::nullopt;
    }
    auto d = read_digits(text, pos, 2, 2);
    if (!d || pos != text.size()) {
        return std::nullopt;
    }
    date::month_day md{date::month{static_cast<unsigned>(*m)},
                       date::day{static_cast<unsigned>(*d)}};
    if (!md.ok()) {
        return std::nullopt;
    }
    return md;
}

std::string format_date(date::local_days day) {
    date::year_month_day ymd{day};
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                  static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
    return buf;
}

std::string format_time_of_day(std::chrono::seconds since_midnight) {
    const auto total = since_midnight.count();
    const auto h = total / 3600;
    const auto m = (total / 60) % 60;
    const auto s = total % 60;
    char buf[64];
    if (s == 0) {
        std::snprintf(buf, sizeof buf, "%02lld:%02lld", static_cast<long long>(h),
                      static_cast<long long>(m));
    } else {
        std::snprintf(buf, sizeof buf, "%02lld:%02lld:%02lld", static_cast<long long>(h),
                      static_cast<long long>(m), static_cast<long long>(s));
    }
    return buf;
}

std::string format_local(date::local_seconds when) {
    const auto day = date::floor<date::days>(when);
    return format_date(day) + " " + format_time_of_day(when - day);
}

std::string format_month_day(date::month_day md) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "%02u-%02u", static_cast<unsigned>(md.month()),
                  static_cast<unsigned>(md.day()));
    return buf;
}

}  // namespace vc::scheduler
