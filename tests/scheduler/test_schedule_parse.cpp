#include <catch2/catch.hpp>

#include <fstream>

#include "test_schedule_support.hpp"

using namespace vc::scheduler;
using namespace vc::scheduler::test;
using Strings = std::vector<std::string>;

namespace {

const std::string days_help =
    "\"daily\", \"weekdays\", \"weekends\", \"workdays\", \"restdays\", or a list of day names "
    "such as [\"mon\", \"wed\", \"sat\"]";
const std::string at_help =
    "a time of day such as \"07:00\" or \"18:30:15\", a list of them, or one local date and "
    "time such as \"2026-12-03 19:30\"";
const std::string with_cron =
    " cannot be used with `cron`: the cron expression sets its own times and days (use one or "
    "the other)";
const std::string with_one_shot =
    " cannot be used with a one-shot `at` (a date and time); give `at` times of day instead";

/// The diagnostics of a one-broadcast file "[[broadcast]]\nid = \"b\"\n" + lines.
Strings problems(const std::string& lines, const ScheduleContext& ctx = context()) {
    return messages(parse("[[broadcast]]\nid = \"b\"\n" + lines, ctx).diagnostics);
}

}  // namespace

TEST_CASE("the examples of the spec load without a problem") {
    auto ctx = context();
    ctx.today = day(2026, 11, 1);
    const auto file = parse(R"([[broadcast]]
id = "morning-policy"
playlist = "policy-digest"
at = ["07:00", "18:30"]          # local times of day
days = "weekdays"
from = "2026-12-01"
until = "2027-01-31"
except = ["2027-01-01"]
priority = "routine"
late = "10m"

[[broadcast]]
id = "meeting-2026-12-03"
playlist = "meeting-call"
at = "2026-12-03 19:30"

[[broadcast]]
id = "monthly-drill"
clip = "emergency/flood-drill"
cron = "0 10 1 * *"
priority = "emergency"
zones = ["north"]
)",
                            ctx);
    CHECK(messages(file.diagnostics).empty());
    REQUIRE(file.broadcasts.size() == 3);
    const auto& b = file.broadcasts[0];
    CHECK(b.id == "morning-policy");
    CHECK(b.playlist == "policy-digest");
    CHECK(b.rule.kind == RuleKind::times);
    CHECK(b.rule.at ==
          std::vector<std::chrono::seconds>{std::chrono::hours(7),
                                            std::chrono::hours(18) + std::chrono::minutes(30)});
    CHECK(b.rule.days.kind == DayKind::weekdays);
    CHECK(b.rule.days.from == day(2026, 12, 1));
    CHECK(b.rule.days.until == day(2027, 1, 31));
    CHECK(b.rule.days.except == std::vector<date::local_days>{day(2027, 1, 1)});
    CHECK(b.priority == Priority::routine);
    CHECK(b.late == std::chrono::minutes(10));
    CHECK(b.zones == Strings{"all"});
    CHECK(b.place() == "schedule.toml:1:1");
    CHECK(b.id_place() == "schedule.toml:2:6");
    CHECK(file.broadcasts[1].rule.kind == RuleKind::one_shot);
    CHECK(file.broadcasts[1].place() == "schedule.toml:12:1");
    CHECK(file.broadcasts[2].rule.kind == RuleKind::cron);
    CHECK(file.broadcasts[2].clip == "emergency/flood-drill");
    CHECK(file.broadcasts[2].priority == Priority::emergency);
    CHECK(file.broadcasts[2].zones == Strings{"north"});
    CHECK(file.sha256.size() == 64);
}

TEST_CASE("every error of a file is reported at once, each at its file:line:col") {
    const auto file = parse(R"([[broadcast]]
id = "morning"
playlist = "nosuch"
at = ["07:00", "25:00"]
days = "weekdayz"
priority = "high"
late = "10 minutes"
colour = "red"

[[broadcast]]
id = "drill"
clip = "missing/clip"
cron = "0 10 1 * *"
at = "10:00"

[[broadcast]]
id = "drill"
clip = "broken"
at = "2026-12-03 19:30"
days = "weekdays"
zones = ["north", "east"]

[[broadcast]]
id = "season"
playlist = "news"
at = "08:00"
season = "spring"
from = "2026-12-01"
until = "2026-11-01"
monthdays = [0, 15]
cron = "0 25 * * *"
)");
    CHECK_FALSE(file.ok());
    CHECK(file.broadcasts.empty());
    CHECK(messages(file.diagnostics) ==
          Strings{
              "schedule.toml:3:12: error: unknown playlist \"nosuch\" (there is no "
              "playlists/nosuch.toml)",
              "schedule.toml:4:16: error: `at`: \"25:00\" is not " + at_help,
              "schedule.toml:5:8: error: `days`: \"weekdayz\" is not " + days_help,
              "schedule.toml:6:12: error: `priority`: \"high\" is not one of emergency, urgent, "
              "notice, routine, background",
              "schedule.toml:7:8: error: `late` in [[broadcast]] #1: \"10 minutes\" is not a "
              "duration such as \"90s\", \"1m30s\" or \"250ms\"",
              "schedule.toml:8:1: error: unknown key `colour` in [[broadcast]] #1 (expected one "
              "of: at, clip, cron, dates, days, except, from, id, late, monthdays, playlist, "
              "priority, season, until, zones)",
              "schedule.toml:12:8: error: unknown clip \"missing/clip\" (no audio file "
              "clips/missing/clip.* in the library)",
              "schedule.toml:14:6: error: `at`" + with_cron,
              "schedule.toml:17:6: error: duplicate id `drill`: already used at "
              "schedule.toml:11:6",
              "schedule.toml:18:8: error: clip \"broken\" cannot air: truncated file",
              "schedule.toml:20:8: error: `days`" + with_one_shot,
              "schedule.toml:21:19: error: unknown zone \"east\" (station.toml declares north, "
              "south; \"all\" means every zone)",
              "schedule.toml:26:6: error: `at`" + with_cron,
              "schedule.toml:27:10: error: unknown season \"spring\" (station.toml declares "
              "summer, winter)",
              "schedule.toml:29:9: error: `until` (2026-11-01) is before `from` (2026-12-01)",
              "schedule.toml:30:13: error: `monthdays`" + with_cron,
              "schedule.toml:30:14: error: `monthdays`: 0 is not a day of the month (1 to 31)",
              "schedule.toml:31:11: error: `cron`: cron field 2 (hour) \"25\": 25 is out of "
              "range (expected 0-23)",
          });
}

TEST_CASE("what airs: a playlist or a clip, exactly one") {
    CHECK(problems("at = \"07:00\"\n") ==
          Strings{"schedule.toml:1:1: error: this [[broadcast]] needs what it airs: playlist = "
                  "\"NAME\" or clip = \"ID\""});
    CHECK(problems("playlist = \"news\"\nclip = \"chime\"\nat = \"07:00\"\n") ==
          Strings{"schedule.toml:4:8: error: a broadcast airs a `playlist` or a `clip`, not both"});
    CHECK(messages(parse("[[broadcast]]\nplaylist = \"news\"\nat = \"07:00\"\n").diagnostics) ==
          Strings{"schedule.toml:1:1: error: this [[broadcast]] needs an `id`, such as id = "
                  "\"morning-news\""});
    CHECK(messages(
              parse("[[broadcast]]\nid = \"morning news\"\nplaylist = \"news\"\nat = \"07:00\"\n")
                  .diagnostics) ==
          Strings{"schedule.toml:2:6: error: `id` \"morning news\" cannot contain spaces or "
                  "control characters; join words with dashes, such as \"morning-news\""});
    CHECK(messages(
              parse("[[broadcast]]\nid = 5\nplaylist = \"news\"\nat = \"07:00\"\n").diagnostics) ==
          Strings{"schedule.toml:2:6: error: `id` in [[broadcast]] #1 must be a string in quotes, "
                  "not an integer"});
}

TEST_CASE("when it airs: the field combinations that are not allowed") {
    const std::string p = "playlist = \"news\"\n";
    CHECK(problems(p) == Strings{"schedule.toml:1:1: error: this [[broadcast]] needs when it airs: "
                                 "`at` (times of day, or one date and time) or `cron`"});
    CHECK(problems(p + "cron = \"0 7 * * *\"\ndays = \"weekdays\"\ndates = [\"2026-12-01\"]\n") ==
          Strings{"schedule.toml:5:8: error: `days`" + with_cron,
                  "schedule.toml:6:9: error: `dates`" + with_cron});
    CHECK(problems(p + "at = \"2026-12-03 19:30\"\nmonthdays = 3\ndates = [\"2026-12-03\"]\nseason "
                       "= \"winter\"\n") ==
          Strings{"schedule.toml:5:13: error: `monthdays`" + with_one_shot,
                  "schedule.toml:6:9: error: `dates`" + with_one_shot,
                  "schedule.toml:7:10: error: `season`" + with_one_shot});
    CHECK(problems(p + "at = \"2026-12-03 19:30\"\ncron = \"0 7 * * *\"\n") ==
          Strings{"schedule.toml:4:6: error: `at`" + with_cron});
    const std::string one_value =
        "schedule.toml:4:6: error: a one-shot `at` takes one date and time only; write a "
        "[[broadcast]] for each, or `dates` with times of day in `at`";
    CHECK(problems(p + "at = [\"2026-12-03 19:30\", \"2026-12-04 19:30\"]\n") ==
          Strings{one_value});
    CHECK(problems(p + "at = [\"07:00\", \"2026-12-04 19:30\"]\n") == Strings{one_value});
    CHECK(problems(p + "at = []\n") ==
          Strings{"schedule.toml:4:6: error: `at` lists no time; write one such as \"07:00\""});
    CHECK(
        problems(p + "at = 2026-12-03T19:30:00+08:00\n") ==
        Strings{"schedule.toml:4:6: error: `at`: write the local date and time without a UTC "
                "offset, such as \"2026-12-03 19:30\"; every time is in the station's time zone"});
}

TEST_CASE("bad values: types, times, dates, lists, durations") {
    const std::string p = "playlist = \"news\"\n";
    CHECK(problems(p + "at = 7\n") ==
          Strings{"schedule.toml:4:6: error: `at` must be " + at_help + ", not an integer"});
    CHECK(problems(p + "at = \"7.30\"\n") ==
          Strings{"schedule.toml:4:6: error: `at`: \"7.30\" is not " + at_help});
    CHECK(problems(p + "at = \"2026-02-30 07:00\"\n") ==
          Strings{"schedule.toml:4:6: error: `at`: \"2026-02-30 07:00\" is not " + at_help});
    CHECK(problems(p + "at = \"07:00\"\nfrom = \"2026-02-30\"\n") ==
          Strings{"schedule.toml:5:8: error: `from`: \"2026-02-30\" is not a date such as "
                  "\"2026-12-01\" (year-month-day)"});
    CHECK(problems(p + "at = \"07:00\"\nexcept = [\"2026-12-01\", 3]\n") ==
          Strings{"schedule.toml:5:25: error: `except` must be a date such as \"2026-12-01\", not "
                  "an integer"});
    CHECK(problems(p + "at = \"07:00\"\ndays = [\"mon\", \"weekdays\"]\n") ==
          Strings{"schedule.toml:5:16: error: `days`: \"weekdays\" is not a day name; a list "
                  "takes \"mon\", \"tue\", \"wed\", \"thu\", \"fri\", \"sat\", \"sun\""});
    CHECK(problems(p + "at = \"07:00\"\ndays = []\n") ==
          Strings{"schedule.toml:5:8: error: `days` lists no day; leave it out to air every day"});
    CHECK(
        problems(p + "at = \"07:00\"\nmonthdays = [1, 32]\n") ==
        Strings{"schedule.toml:5:17: error: `monthdays`: 32 is not a day of the month (1 to 31)"});
    CHECK(problems(p + "at = \"07:00\"\nmonthdays = \"1\"\n") ==
          Strings{"schedule.toml:5:13: error: `monthdays` must be days of the month (1 to 31), "
                  "such as [1, 15], not a string"});
    CHECK(problems(p + "at = \"07:00\"\ndates = []\n") ==
          Strings{"schedule.toml:5:9: error: `dates` lists no date; write at least one, such as "
                  "[\"2026-12-08\"]"});
    CHECK(problems(p + "at = \"07:00\"\nlate = 10\n") ==
          Strings{"schedule.toml:5:8: error: `late` in [[broadcast]] #1 must be a duration such as "
                  "\"90s\", \"1m30s\" or \"250ms\", not an integer"});
    CHECK(problems(p + "at = \"07:00\"\npriority = \"Routine\"\n") ==
          Strings{"schedule.toml:5:12: error: `priority`: \"Routine\" is not one of emergency, "
                  "urgent, notice, routine, background"});
    CHECK(problems(p + "at = \"07:00\"\nzones = []\n") ==
          Strings{"schedule.toml:5:9: error: `zones` lists no zone; leave it out (or write "
                  "[\"all\"]) to be heard everywhere"});
    // Bare TOML times and dates are read like quoted ones.
    CHECK(problems(p + "at = [07:00:00, \"18:30\"]\nfrom = 2026-09-01\n").empty());
}

TEST_CASE("the file's own shape: TOML syntax, top-level keys") {
    CHECK(messages(parse("[[broadcast]]\nid = \"b\" x\n").diagnostics)
              .at(0)
              .rfind("schedule.toml:2:10: error: not valid TOML: ", 0) == 0);
    CHECK(messages(parse("station = \"x\"\n").diagnostics) ==
          Strings{"schedule.toml:1:1: error: unknown key `station` (expected one of: broadcast)"});
    CHECK(messages(parse("broadcast = 3\n").diagnostics) ==
          Strings{"schedule.toml:1:13: error: `broadcast` must be a list of tables "
                  "([[broadcast]]), not an integer"});
    const auto empty = parse("# nothing scheduled yet\n");
    CHECK(empty.ok());
    CHECK(empty.broadcasts.empty());
}

TEST_CASE("workdays and restdays need a calendar for every day they can reach") {
    const std::string p = "playlist = \"news\"\nat = \"07:00\"\n";
    // today is 2026-09-01 and only 2026 is covered.
    CHECK(problems(p + "days = \"workdays\"\n") ==
          Strings{"schedule.toml:5:8: error: `days = \"workdays\"` follows the office calendar, "
                  "but no calendar file covers 2027, which this broadcast can reach within the "
                  "next year; add calendars/2027.toml"});
    CHECK(problems(p + "days = \"restdays\"\nuntil = \"2028-06-30\"\n") ==
          Strings{"schedule.toml:5:8: error: `days = \"restdays\"` follows the office calendar, "
                  "but no calendar file covers 2027, 2028, which this broadcast can reach (it runs "
                  "until 2028-06-30); add calendars/2027.toml, calendars/2028.toml"});
    CHECK(problems(p + "days = \"workdays\"\nuntil = \"2026-12-31\"\n").empty());
    CHECK(problems(p + "days = \"workdays\"\nfrom = \"2027-03-01\"\nuntil = \"2027-03-31\"\n")
              .size() == 1);
    // Days the other fields rule out need no calendar: every summer day before 2027-04-30
    // falls in 2026.
    CHECK(
        problems(p + "days = \"workdays\"\nseason = \"summer\"\nuntil = \"2027-04-30\"\n").empty());
    // A calendar for 2027 too: fine.
    auto ctx = context();
    ctx.calendars.add_year(2027);
    CHECK(problems(p + "days = \"workdays\"\n", ctx).empty());
    // "weekdays" is plain Monday to Friday and needs no calendar.
    CHECK(problems(p + "days = \"weekdays\"\n").empty());
}

TEST_CASE("warnings: past one-shots and broadcasts that never air") {
    const std::string p = "playlist = \"news\"\n";
    const auto past = parse("[[broadcast]]\nid = \"old\"\n" + p + "at = \"2026-08-31 19:30\"\n");
    CHECK(past.ok());
    CHECK(messages(past.diagnostics) ==
          Strings{"schedule.toml:4:6: warning: `old` at 2026-08-31 19:30 is already past (today "
                  "is 2026-09-01); it will not air"});
    CHECK(problems(p + "at = \"07:00\"\nuntil = \"2026-08-01\"\n") ==
          Strings{"schedule.toml:1:1: warning: `b` does not air on any day from 2026-09-01 to "
                  "2027-09-01: its `until` (2026-08-01) is past"});
    CHECK(problems(p + "at = \"07:00\"\nfrom = \"2028-01-01\"\n") ==
          Strings{"schedule.toml:1:1: warning: `b` does not air on any day from 2026-09-01 to "
                  "2027-09-01: its `from` (2028-01-01) is more than a year away"});
    CHECK(problems(p + "at = \"07:00\"\ndates = [\"2026-03-01\"]\n") ==
          Strings{"schedule.toml:1:1: warning: `b` does not air on any day from 2026-09-01 to "
                  "2027-09-01: no day passes all of its day rules; check `days`, `monthdays`, "
                  "`dates`, `season`, `from`, `until`, `except`"});
    CHECK(problems(p + "cron = \"0 7 30 feb *\"\n") ==
          Strings{"schedule.toml:1:1: warning: `b` does not air on any day from 2026-09-01 to "
                  "2027-09-01: no day passes all of its day rules; check `days`, `monthdays`, "
                  "`dates`, `season`, `from`, `until`, `except` and the cron's day and month "
                  "fields"});
    CHECK(problems(p + "at = \"2026-12-03 19:30\"\nexcept = [\"2026-12-03\"]\n") ==
          Strings{"schedule.toml:1:1: warning: `b` never airs: its date 2026-12-03 is outside "
                  "`from`/`until` or listed in `except`"});
    // A one-shot later than a year away is fine.
    CHECK(problems(p + "at = \"2030-01-01 09:00\"\n").empty());
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
    CHECK(messages(file.diagnostics) ==
          Strings{"schedule.toml:7:1: warning: `b` always comes due at the same instants as `a` "
                  "(schedule.toml:1:1), on every day either airs in the next year: they compete "
                  "every time; move one of them or merge them",
                  "schedule.toml:18:1: warning: `d-south` always comes due at the same instants as "
                  "`a` (schedule.toml:1:1), on every day either airs in the next year: they "
                  "compete every time; move one of them or merge them",
                  "schedule.toml:25:1: warning: `e-north` always comes due at the same instants as "
                  "`a` (schedule.toml:1:1), on every day either airs in the next year: they "
                  "compete every time; move one of them or merge them"});
}

TEST_CASE("Chinese ids and text: columns count characters") {
    const auto file = parse(R"([[broadcast]]
id = "晨间新闻"
playlist = "news"
at = ["07:00", "早上", "八点"]

[[broadcast]]
id = "晨间新闻"
playlist = "news"
at = "07:00"
)");
    CHECK(messages(file.diagnostics) ==
          Strings{"schedule.toml:4:16: error: `at`: \"早上\" is not " + at_help,
                  "schedule.toml:4:22: error: `at`: \"八点\" is not " + at_help,
                  "schedule.toml:7:6: error: duplicate id `晨间新闻`: already used at "
                  "schedule.toml:2:6"});
}

TEST_CASE("every schedule example in docs/schedule.md loads without a problem") {
    std::ifstream in(std::string(VC_SOURCE_DIR) + "/docs/schedule.md");
    REQUIRE(in);
    std::string line;
    std::vector<std::string> blocks;
    std::string block;
    bool inside = false;
    while (std::getline(in, line)) {
        if (!inside && line == "```toml") {
            inside = true;
            block.clear();
        } else if (inside && line == "```") {
            inside = false;
            if (block.find("[[broadcast]]") != std::string::npos) blocks.push_back(block);
        } else if (inside) {
            block += line + "\n";
        }
    }
    REQUIRE(blocks.size() == 3);
    auto ctx = context();
    ctx.playlist_exists = nullptr;
    ctx.clip_problem = nullptr;
    for (const auto& text : blocks) {
        const auto file = parse(text, ctx);
        INFO(text);
        CHECK(messages(file.diagnostics).empty());
        CHECK_FALSE(file.broadcasts.empty());
    }
}
