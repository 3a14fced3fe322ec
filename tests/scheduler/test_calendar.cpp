#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "test_schedule_support.hpp"
#include "tests/support/fixtures.hpp"

using namespace vc::scheduler;
using namespace vc::scheduler::test;
using Strings = std::vector<std::string>;

namespace {

Strings calendar_errors(const std::string& text, const std::string& name = "calendars/2027.toml",
                        CalendarSet* into = nullptr) {
    CalendarSet local;
    vc::Diagnostics diags;
    load_calendar_text(text, name, into ? *into : local, diags);
    return messages(diags);
}

}  // namespace

TEST_CASE("the shipped 2026 calendar is China's official arrangement") {
    CalendarSet c;
    vc::Diagnostics diags;
    load_calendar_file(std::filesystem::path(VC_SOURCE_DIR) / "examples/calendars/2026.toml",
                       "calendars/2026.toml", c, diags);
    CHECK(messages(diags).empty());
    CHECK(c.years() == std::vector<int>{2026});
    CHECK(c.is_workday(day(2026, 1, 4)) == true);    // Sunday worked for 元旦
    CHECK(c.is_workday(day(2026, 2, 14)) == true);   // Saturday worked for 春节
    CHECK(c.is_workday(day(2026, 2, 16)) == false);  // Monday of the Spring Festival
    REQUIRE(c.holiday_name(day(2026, 2, 16)) != nullptr);
    CHECK(*c.holiday_name(day(2026, 2, 16)) == "春节");
    CHECK(c.is_workday(day(2026, 2, 24)) == true);
    CHECK(c.is_workday(day(2026, 10, 7)) == false);  // Wednesday of National Day
    CHECK(c.is_workday(day(2026, 10, 8)) == true);
    CHECK(c.is_workday(day(2026, 10, 10)) == true);   // Saturday worked
    CHECK(c.is_workday(day(2026, 12, 25)) == true);   // a plain Friday
    CHECK(c.is_workday(day(2026, 12, 26)) == false);  // a plain Saturday
    CHECK(c.is_workday(day(2027, 1, 4)) == std::nullopt);
    CHECK(c.is_makeup_workday(day(2026, 9, 20)));
    CHECK_FALSE(c.is_holiday(day(2026, 9, 20)));
    int workdays = 0;
    for (auto d = day(2026, 1, 1); d <= day(2026, 12, 31); d += date::days{1})
        workdays += c.is_workday(d).value() ? 1 : 0;
    // 261 weekdays - 19 holiday weekdays + 6 make-up weekend days.
    CHECK(workdays == 248);

    CalendarSet next;
    load_calendar_file(std::filesystem::path(VC_SOURCE_DIR) / "examples/calendars/2027.toml",
                       "calendars/2027.toml", next, diags);
    CHECK(messages(diags).empty());
    CHECK(next.covers(2027));
    CHECK(next.is_workday(day(2027, 2, 20)) == true);
}

TEST_CASE("calendar errors are reported all at once with their places") {
    const std::string text = R"(year = 2027

[[holiday]]
name = "春节"
from = "2027-02-05"
until = "2027-02-01"
workdays = ["2027-02-03", "2026-12-27", "2027-02-20"]
colour = "red"

[[holiday]]
from = "2027-02-10"
until = "2027-02-12"

[[holiday]]
name = "国庆节"
from = "2027-10-01"
until = "2027-10-07"
workdays = ["2027-10-02"]

[[holiday]]
name = "重阳"
from = "2027-10-05"
)";
    CalendarSet c;
    CHECK(calendar_errors(text, "calendars/2027.toml", &c) ==
          Strings{
              "calendars/2027.toml:6:9: error: `until` (2027-02-01) is before `from` (2027-02-05)",
              "calendars/2027.toml:7:13: error: `workdays`: 2027-02-03 is a weekday already; list "
              "only the Saturdays and Sundays that are worked",
              "calendars/2027.toml:7:27: error: `workdays`: 2026-12-27 is not in 2027; put it in "
              "the calendar file of its own year",
              "calendars/2027.toml:8:1: error: unknown key `colour` in [[holiday]] #1 (expected "
              "one of: from, name, until, workdays)",
              "calendars/2027.toml:10:1: error: [[holiday]] #2 needs `name` (such as \"春节\")",
              "calendars/2027.toml:18:13: error: `workdays`: 2027-10-02 is inside holiday `国庆节` "
              "(2027-10-01 to 2027-10-07)",
              "calendars/2027.toml:20:1: error: holiday `重阳` overlaps `国庆节` "
              "(calendars/2027.toml:14:1); give each day to one holiday",
          });
    // A file with errors covers nothing.
    CHECK_FALSE(c.covers(2027));
}

TEST_CASE("a calendar needs its year, named after it, once") {
    CHECK(calendar_errors("[[holiday]]\nname = \"元旦\"\nfrom = \"2027-01-01\"\n") ==
          Strings{"calendars/2027.toml:1:1: error: a calendar file needs `year = YYYY` (the year "
                  "it covers)"});
    CHECK(calendar_errors("year = 2026\n") ==
          Strings{"calendars/2027.toml:1:8: error: `year = 2026` in a file named 2027.toml; name "
                  "the file 2026.toml or fix the year"});
    CHECK(calendar_errors("year = \"2027\"\n") ==
          Strings{"calendars/2027.toml:1:8: error: `year` must be a whole number, not a string"});
    CHECK(calendar_errors("year = 2027\n[[holiday]]\nname = \"x\"\nfrom = \"2027-13-01\"\n") ==
          Strings{"calendars/2027.toml:4:8: error: `from`: \"2027-13-01\" is not a date such as "
                  "\"2026-12-01\" (year-month-day)"});
    CalendarSet c;
    CHECK(calendar_errors("year = 2027\n", "calendars/2027.toml", &c).empty());
    CHECK(calendar_errors("year = 2027\n", "calendars/2027-extra.toml", &c) ==
          Strings{"calendars/2027-extra.toml:1:8: error: year 2027 is already covered by "
                  "calendars/2027.toml; keep one file per year"});
    // Bare TOML dates work too; a one-day holiday needs no `until`.
    CalendarSet d;
    CHECK(calendar_errors("year = 2027\n[[holiday]]\nname = \"端午节\"\nfrom = 2027-06-09\n",
                          "calendars/2027.toml", &d)
              .empty());
    CHECK(d.is_holiday(day(2027, 6, 9)));
    CHECK_FALSE(d.is_holiday(day(2027, 6, 10)));
}

TEST_CASE("load_calendars reads calendars/*.toml and leaves broken files out") {
    vc::test::TempDir dir;
    std::filesystem::create_directories(dir / "calendars");
    std::filesystem::copy_file(
        std::filesystem::path(VC_SOURCE_DIR) / "examples/calendars/2026.toml",
        dir / "calendars/2026.toml");
    vc::test::write_bytes(dir / "calendars/2027.toml", "year = 2027\n[[holiday]]\nname = 3\n");
    vc::test::write_bytes(dir / "calendars/notes.txt", "not a calendar");
    vc::Diagnostics diags;
    const auto c = load_calendars(dir.path(), diags);
    CHECK(c.years() == std::vector<int>{2026});
    CHECK(messages(diags) ==
          Strings{"calendars/2027.toml:2:1: error: [[holiday]] #1 needs `from` (its first day, "
                  "such as \"2027-01-01\")",
                  "calendars/2027.toml:3:8: error: `name` in [[holiday]] #1 must be a string in "
                  "quotes, not an integer"});
    vc::test::TempDir empty;
    vc::Diagnostics none;
    CHECK(load_calendars(empty.path(), none).years().empty());
    CHECK(none.empty());
}
