// What a schedule file is warned about or refused for beyond its own fields: office calendars
// the broadcast can reach, one-shots already past, broadcasts that never air, and two
// broadcasts that always come due together.

#include <catch2/catch.hpp>

#include "test_schedule_support.hpp"

using namespace vc::scheduler;
using namespace vc::scheduler::test;
using Strings = std::vector<std::string>;

TEST_CASE("workdays and restdays need a calendar for every day they can reach") {
    const std::string p = "playlist = \"news\"\nat = \"07:00\"\n";
    // today is 2026-09-01 and only 2026 is covered.
    check_problems(
        p, {
               {"days = \"workdays\"\n",
                {"schedule.toml:5:8: error: `days = \"workdays\"` follows the office calendar, "
                 "but no calendar file covers 2027, which this broadcast can reach within the "
                 "next year; add calendars/2027.toml"}},
               {"days = \"restdays\"\nuntil = \"2028-06-30\"\n",
                {"schedule.toml:5:8: error: `days = \"restdays\"` follows the office calendar, "
                 "but no calendar file covers 2027, 2028, which this broadcast can reach (it "
                 "runs until 2028-06-30); add calendars/2027.toml, calendars/2028.toml"}},
               {"days = \"workdays\"\nuntil = \"2026-12-31\"\n", {}},
               // Days the other fields rule out need no calendar: every summer day before
               // 2027-04-30 falls in 2026.
               {"days = \"workdays\"\nseason = \"summer\"\nuntil = \"2027-04-30\"\n", {}},
               // "weekdays" is plain Monday to Friday and needs no calendar.
               {"days = \"weekdays\"\n", {}},
           });
    CHECK(problems(p + "days = \"workdays\"\nfrom = \"2027-03-01\"\nuntil = \"2027-03-31\"\n")
              .size() == 1);
    // A calendar for 2027 too: fine.
    auto ctx = context();
    ctx.calendars.add_year(2027);
    CHECK(problems(p + "days = \"workdays\"\n", ctx).empty());
}

TEST_CASE("warnings: past one-shots and broadcasts that never air") {
    const std::string p = "playlist = \"news\"\n";
    const auto past = parse("[[broadcast]]\nid = \"old\"\n" + p + "at = \"2026-08-31 19:30\"\n");
    CHECK(past.ok());
    CHECK(messages(past.diagnostics) ==
          Strings{"schedule.toml:4:6: warning: `old` at 2026-08-31 19:30 is already past (today "
                  "is 2026-09-01); it will not air"});
    const std::string never =
        "schedule.toml:1:1: warning: `b` does not air on any day from "
        "2026-09-01 to 2027-09-01: ";
    const std::string day_rules =
        "no day passes all of its day rules; check `days`, "
        "`monthdays`, `dates`, `season`, `from`, `until`, `except`";
    check_problems(
        p, {
               {"at = \"07:00\"\nuntil = \"2026-08-01\"\n",
                {never + "its `until` (2026-08-01) is past"}},
               {"at = \"07:00\"\nfrom = \"2028-01-01\"\n",
                {never + "its `from` (2028-01-01) is more than a year away"}},
               {"at = \"07:00\"\ndates = [\"2026-03-01\"]\n", {never + day_rules}},
               {"cron = \"0 7 30 feb *\"\n",
                {never + day_rules + " and the cron's day and month fields"}},
               {"at = \"2026-12-03 19:30\"\nexcept = [\"2026-12-03\"]\n",
                {"schedule.toml:1:1: warning: `b` never airs: its date 2026-12-03 is outside "
                 "`from`/`until` or listed in `except`"}},
               // A one-shot more than a year away airs, with a word about the year (9999 is
               // more often a typing slip than a plan).
               {"at = \"2030-01-01 09:00\"\n",
                {"schedule.toml:1:1: warning: `b` does not air within a year: its date "
                 "2030-01-01 is more than a year away (is the year right?)"}},
               {"at = \"2027-09-01 09:00\"\n", {}},
           });
}

TEST_CASE("warnings: two broadcasts that always come due together") {
    const auto file = parse(R"([[broadcast]]
id = "a"
playlist = "news"
at = ["18:30", "07:00"]
days = "weekdays"

[[broadcast]]
id = "b"
playlist = "weather"
at = ["07:00", "18:30"]
days = ["mon", "tue", "wed", "thu", "fri"]

[[broadcast]]
id = "c-daily"
playlist = "weather"
at = ["07:00", "18:30"]

[[broadcast]]
id = "d-south"
playlist = "weather"
at = ["07:00", "18:30"]
days = "weekdays"
zones = ["south"]

[[broadcast]]
id = "e-north"
playlist = "weather"
at = ["07:00", "18:30"]
days = "weekdays"
zones = ["north"]

[[broadcast]]
id = "f-other-time"
playlist = "weather"
at = ["07:00", "18:31"]
days = "weekdays"
)");
    CHECK(file.ok());
    // d-south collides with a (zones "all" hear everything); e-north with a too; not with each
    // other's zones alone. c-daily airs on more days, f-other-time at other times.
    const std::string same =
        " always comes due at the same instants as `a` (schedule.toml:1:1), "
        "on every day either airs in the next year: they compete every "
        "time; move one of them or merge them";
    CHECK(messages(file.diagnostics) == Strings{"schedule.toml:7:1: warning: `b`" + same,
                                                "schedule.toml:18:1: warning: `d-south`" + same,
                                                "schedule.toml:25:1: warning: `e-north`" + same});
}

TEST_CASE("a group of zones is accepted in `zones`, and collides with the zones it holds") {
    auto ctx = context();
    ctx.zones = {"north", "south", "west"};
    ctx.zone_groups["upland"] = {"north", "west"};
    const auto file = parse(R"([[broadcast]]
id = "a-upland"
playlist = "news"
at = "07:00"
zones = ["upland"]

[[broadcast]]
id = "b-south"
playlist = "news"
at = "07:00"
zones = ["south"]

[[broadcast]]
id = "c-west"
playlist = "news"
at = "07:00"
zones = ["west"]
)",
                            ctx);
    // b-south shares no zone with upland; c-west does (west is in upland).
    CHECK(messages(file.diagnostics) ==
          Strings{"schedule.toml:13:1: warning: `c-west` always comes due at the same instants "
                  "as `a-upland` (schedule.toml:1:1), on every day either airs in the next "
                  "year: they compete every time; move one of them or merge them"});
    const auto unknown = parse(
        "[[broadcast]]\nid = \"d\"\nplaylist = \"news\"\nat = \"07:00\"\n"
        "zones = [\"upland\", \"lowland\"]\n",
        ctx);
    CHECK(messages(unknown.diagnostics) ==
          Strings{"schedule.toml:5:20: error: unknown zone \"lowland\" (station.toml declares "
                  "zones north, south, west and group upland; \"all\" means every zone)"});
}
