// The fields of one [[broadcast]]: what airs, when, and values of the wrong type or shape, each
// with its exact diagnostic at file:line:col.

#include <catch2/catch.hpp>

#include "test_schedule_support.hpp"

using namespace vc::scheduler;
using namespace vc::scheduler::test;
using Strings = std::vector<std::string>;

TEST_CASE("what airs: a playlist, a clip or a text, exactly one") {
    check_problems(
        "", {
                {"at = \"07:00\"\n",
                 {"schedule.toml:1:1: error: this [[broadcast]] needs what it airs: playlist = "
                  "\"NAME\", clip = \"ID\" or text = \"a notice to speak\""}},
                {"playlist = \"news\"\nclip = \"chime\"\nat = \"07:00\"\n",
                 {"schedule.toml:4:8: error: a broadcast airs one of a `playlist`, a `clip` or a "
                  "`text`, not more"}},
                {"clip = \"chime\"\ntext = \"开会\"\nat = \"07:00\"\n",
                 {"schedule.toml:4:8: error: a broadcast airs one of a `playlist`, a `clip` or a "
                  "`text`, not more"}},
                {"clip = \"chime\"\nvoice = \"cmn\"\nat = \"07:00\"\n",
                 {"schedule.toml:4:9: error: `voice` applies only to a broadcast that speaks a "
                  "`text`"}},
                // Without a station to speak it (the context's `speak` unset).
                {"text = \"开会\"\nat = \"07:00\"\n",
                 {"schedule.toml:3:8: error: a `text` is spoken only in a station's schedule"}},
                {"text = \" \"\nat = \"07:00\"\n",
                 {"schedule.toml:3:8: error: `text` is empty; write the notice to say, e.g. "
                  "text = \"今晚七点在村委会开院坝会\""}},
            });
    check_file_problems({
        {"[[broadcast]]\nplaylist = \"news\"\nat = \"07:00\"\n",
         {"schedule.toml:1:1: error: this [[broadcast]] needs an `id`, such as id = "
          "\"morning-news\""}},
        {"[[broadcast]]\nid = \"morning news\"\nplaylist = \"news\"\nat = \"07:00\"\n",
         {"schedule.toml:2:6: error: `id` \"morning news\" cannot contain spaces or "
          "control characters; join words with dashes, such as \"morning-news\""}},
        {"[[broadcast]]\nid = 5\nplaylist = \"news\"\nat = \"07:00\"\n",
         {"schedule.toml:2:6: error: `id` in [[broadcast]] #1 must be a string in quotes, "
          "not an integer"}},
    });
}

TEST_CASE("when it airs: the field combinations that are not allowed") {
    const std::string one_value =
        "schedule.toml:4:6: error: a one-shot `at` takes one date and time only; write a "
        "[[broadcast]] for each, or `dates` with times of day in `at`";
    check_problems(
        "playlist = \"news\"\n",
        {
            {"",
             {"schedule.toml:1:1: error: this [[broadcast]] needs when it airs: "
              "`at` (times of day, or one date and time) or `cron`"}},
            {"cron = \"0 7 * * *\"\ndays = \"weekdays\"\ndates = [\"2026-12-01\"]\n",
             {"schedule.toml:5:8: error: `days`" + with_cron,
              "schedule.toml:6:9: error: `dates`" + with_cron}},
            {"at = \"2026-12-03 19:30\"\nmonthdays = 3\ndates = [\"2026-12-03\"]\nseason "
             "= \"winter\"\n",
             {"schedule.toml:5:13: error: `monthdays`" + with_one_shot,
              "schedule.toml:6:9: error: `dates`" + with_one_shot,
              "schedule.toml:7:10: error: `season`" + with_one_shot}},
            {"at = \"2026-12-03 19:30\"\ncron = \"0 7 * * *\"\n",
             {"schedule.toml:4:6: error: `at`" + with_cron}},
            {"at = [\"2026-12-03 19:30\", \"2026-12-04 19:30\"]\n", {one_value}},
            {"at = [\"07:00\", \"2026-12-04 19:30\"]\n", {one_value}},
            {"at = []\n",
             {"schedule.toml:4:6: error: `at` lists no time; write one such as \"07:00\""}},
            {"at = 2026-12-03T19:30:00+08:00\n",
             {"schedule.toml:4:6: error: `at`: write the local date and time without a UTC "
              "offset, such as \"2026-12-03 19:30\"; every time is in the station's time zone"}},
        });
}

TEST_CASE("bad values: types, times, dates, lists, durations") {
    check_problems(
        "playlist = \"news\"\n",
        {
            {"at = 7\n",
             {"schedule.toml:4:6: error: `at` must be " + at_help + ", not an integer"}},
            {"at = \"7.30\"\n", {"schedule.toml:4:6: error: `at`: \"7.30\" is not " + at_help}},
            {"at = \"2026-02-30 07:00\"\n",
             {"schedule.toml:4:6: error: `at`: \"2026-02-30 07:00\" is not " + at_help}},
            {"at = \"07:00\"\nfrom = \"2026-02-30\"\n",
             {"schedule.toml:5:8: error: `from`: \"2026-02-30\" is not a date such as "
              "\"2026-12-01\" (year-month-day)"}},
            {"at = \"07:00\"\nexcept = [\"2026-12-01\", 3]\n",
             {"schedule.toml:5:25: error: `except` must be a date such as \"2026-12-01\", not "
              "an integer"}},
            {"at = \"07:00\"\ndays = [\"mon\", \"weekdays\"]\n",
             {"schedule.toml:5:16: error: `days`: \"weekdays\" is not a day name; a list "
              "takes \"mon\", \"tue\", \"wed\", \"thu\", \"fri\", \"sat\", \"sun\""}},
            {"at = \"07:00\"\ndays = []\n",
             {"schedule.toml:5:8: error: `days` lists no day; leave it out to air every day"}},
            {"at = \"07:00\"\nmonthdays = [1, 32]\n",
             {"schedule.toml:5:17: error: `monthdays`: 32 is not a day of the month (1 to 31)"}},
            {"at = \"07:00\"\nmonthdays = \"1\"\n",
             {"schedule.toml:5:13: error: `monthdays` must be days of the month (1 to 31), "
              "such as [1, 15], not a string"}},
            {"at = \"07:00\"\ndates = []\n",
             {"schedule.toml:5:9: error: `dates` lists no date; write at least one, such as "
              "[\"2026-12-08\"]"}},
            {"at = \"07:00\"\nlate = 10\n",
             {"schedule.toml:5:8: error: `late` in [[broadcast]] #1 must be a duration such as "
              "\"90s\", \"1m30s\" or \"250ms\", not an integer"}},
            {"at = \"07:00\"\npriority = \"Routine\"\n",
             {"schedule.toml:5:12: error: `priority`: \"Routine\" is not one of emergency, "
              "urgent, notice, routine, background"}},
            {"at = \"07:00\"\nzones = []\n",
             {"schedule.toml:5:9: error: `zones` lists no zone; leave it out (or write "
              "[\"all\"]) to be heard everywhere"}},
            // Bare TOML times and dates are read like quoted ones.
            {"at = [07:00:00, \"18:30\"]\nfrom = 2026-09-01\n", {}},
        });
}

TEST_CASE("the file's own shape: TOML syntax, top-level keys") {
    CHECK(messages(parse("[[broadcast]]\nid = \"b\" x\n").diagnostics)
              .at(0)
              .rfind("schedule.toml:2:10: error: not valid TOML: ", 0) == 0);
    check_file_problems({
        {"station = \"x\"\n",
         {"schedule.toml:1:1: error: unknown key `station` (expected one of: broadcast)"}},
        {"broadcast = 3\n",
         {"schedule.toml:1:13: error: `broadcast` must be a list of tables "
          "([[broadcast]]), not an integer"}},
    });
    const auto empty = parse("# nothing scheduled yet\n");
    CHECK(empty.ok());
    CHECK(empty.broadcasts.empty());
}
