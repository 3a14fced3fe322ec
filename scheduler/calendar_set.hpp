#pragma once
// The office's working calendar: per year, the public holidays and the make-up working days
// that fall on weekends (the way China's official arrangements swap days). Read from
// calendars/*.toml in the station folder, one file per year:
//
//     year = 2026
//     [[holiday]]
//     name = "春节"
//     from = "2026-02-15"
//     until = "2026-02-23"
//     workdays = ["2026-02-14", "2026-02-28"]   # weekend days worked in exchange
//
// A workday is Monday to Friday minus holidays, plus the make-up working days; a rest day is
// every other day. Only the years a file covers are known: asking about another year gives
// no answer rather than a guess.

#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <date/date.h>

#include "core/diagnostic.hpp"
#include "core/toml_reader.hpp"

namespace vc::scheduler {

/// Which days are holidays and which weekend days are worked, for the years covered.
/// Plain data: copy freely; reading is thread-safe once built.
class CalendarSet {
  public:
    /// Marks `year` as covered. A covered year with nothing else is all plain weekdays.
    void add_year(int year, std::string file = {});
    /// Adds a holiday day (its year should be covered).
    void add_holiday(date::local_days day, std::string name);
    /// Adds a make-up working day (a weekend day worked in exchange for a holiday).
    void add_makeup_workday(date::local_days day, std::string holiday_name = {});

    [[nodiscard]] bool covers(int year) const { return years_.count(year) != 0; }
    [[nodiscard]] bool covers(date::local_days day) const;
    /// The covered years, ascending.
    [[nodiscard]] std::vector<int> years() const;
    /// The file that covers `year` ("calendars/2026.toml"), or "" when none does.
    [[nodiscard]] std::string file_of(int year) const;

    [[nodiscard]] bool is_holiday(date::local_days day) const { return holidays_.count(day) != 0; }
    /// The holiday's name, or nullptr when `day` is not a holiday.
    [[nodiscard]] const std::string* holiday_name(date::local_days day) const;
    [[nodiscard]] bool is_makeup_workday(date::local_days day) const {
        return makeup_.count(day) != 0;
    }
    /// True on a working day, false on a rest day, nullopt when no calendar covers the year.
    [[nodiscard]] std::optional<bool> is_workday(date::local_days day) const;

  private:
    std::map<int, std::string> years_;  ///< year -> file that covers it
    std::map<date::local_days, std::string> holidays_;
    std::map<date::local_days, std::string> makeup_;
};

/// Reads one calendar file into `into`, reporting every problem at once under `display_name`
/// (syntax, unknown keys, a missing `year`, dates outside that year, `until` before `from`,
/// overlapping holidays, a make-up day that is not a Saturday or Sunday or that falls inside a
/// holiday, a year already covered by another file). A file with errors adds nothing.
/// Call from the control thread.
void load_calendar_file(const std::filesystem::path& path, const std::string& display_name,
                        CalendarSet& into, Diagnostics& diags);

/// Same, from text already in memory (tests).
void load_calendar_text(std::string_view text, const std::string& display_name, CalendarSet& into,
                        Diagnostics& diags);

/// Reads every `station_root`/calendars/*.toml (sorted by name; no folder means no calendar).
/// Problems go to `diags` as `calendars/2027.toml:LINE:COL: ...`; files with errors are left
/// out, so the years they would cover stay uncovered. Call from the control thread.
CalendarSet load_calendars(const std::filesystem::path& station_root, Diagnostics& diags);

}  // namespace vc::scheduler
