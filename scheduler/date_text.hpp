#pragma once
// Dates and times of day as written in schedule and calendar files, read strictly and
// formatted back the same way for messages.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include <date/date.h>

namespace vc::scheduler {

/// Parses "YYYY-MM-DD" naming a real calendar date ("2027-02-29" is rejected). Thread-safe.
std::optional<date::local_days> parse_date(std::string_view text);

/// Parses a time of day "HH:MM" or "HH:MM:SS" (hour 0-23, may be written with one digit;
/// minutes and seconds with two). Returns the offset from midnight. Thread-safe.
std::optional<std::chrono::seconds> parse_time_of_day(std::string_view text);

/// Parses a local date and time "YYYY-MM-DD HH:MM[:SS]" (a 'T' may stand for the space).
std::optional<date::local_seconds> parse_local_date_time(std::string_view text);

/// Parses a day of the year "MM-DD" (as seasons are written); "02-29" is allowed.
std::optional<date::month_day> parse_month_day(std::string_view text);

/// "2026-12-03".
std::string format_date(date::local_days day);
/// "07:00" or "07:00:30" (seconds only when not zero).
std::string format_time_of_day(std::chrono::seconds since_midnight);
/// "2026-12-03 19:30".
std::string format_local(date::local_seconds when);
/// "05-01".
std::string format_month_day(date::month_day md);

/// The form expected, for error messages.
inline constexpr std::string_view date_help = "a date such as \"2026-12-01\"";
inline constexpr std::string_view time_help = "a time of day such as \"07:00\" or \"18:30:15\"";

}  // namespace vc::scheduler
