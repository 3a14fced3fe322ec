// Loading one schedule file: the spec's and the documentation's examples, every error of a
// file at once at its file:line:col, and columns counted in characters.

#include <catch2/catch.hpp>

#include "test_schedule_support.hpp"
#include "tests/support/doc_blocks.hpp"

using namespace vc::scheduler;
using namespace vc::scheduler::test;
using Strings = std::vector<std::string>;

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
    CHECK(
        messages(file.diagnostics) ==
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
            "priority, rate, season, text, until, voice, zones)",
            "schedule.toml:12:8: error: unknown clip \"missing/clip\" (no audio file "
            "clips/missing/clip.* in the library)",
            "schedule.toml:14:6: error: `at`" + with_cron,
            "schedule.toml:17:6: error: duplicate id `drill`: already used at "
            "schedule.toml:11:6",
            "schedule.toml:18:8: error: clip \"broken\" cannot air: truncated file",
            "schedule.toml:20:8: error: `days`" + with_one_shot,
            "schedule.toml:21:19: error: unknown zone \"east\" (station.toml declares zones north, "
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
    std::vector<std::string> blocks;
    for (auto& block : vc::test::doc_blocks("schedule.md", "toml"))
        if (block.find("[[broadcast]]") != std::string::npos) blocks.push_back(std::move(block));
    REQUIRE(blocks.size() == 3);
    auto ctx = context();
    ctx.playlist_exists = nullptr;
    ctx.clip_problem = nullptr;
    // What a broadcast's text is handed to the station to speak (tests/e2e/test_text_items.cpp
    // speaks them for real).
    std::vector<std::string> spoken;
    ctx.speak = [&](const std::string& text, const std::string& voice, int rate) {
        spoken.push_back(text + "|" + voice + "|" + std::to_string(rate));
        return "spoken/" + std::to_string(spoken.size());
    };
    for (const auto& text : blocks) {
        const auto file = parse(text, ctx);
        INFO(text);
        CHECK(messages(file.diagnostics).empty());
        CHECK_FALSE(file.broadcasts.empty());
        for (const auto& b : file.broadcasts)
            if (!b.text.empty()) CHECK(b.clip == "spoken/" + std::to_string(spoken.size()));
    }
    CHECK(spoken == std::vector<std::string>{"明天上午8点到下午5点停水，请提前储水。||0"});
}
