#include <catch2/catch.hpp>

#include <filesystem>

#include "core/sha256.hpp"
#include "scheduler/recurrence.hpp"
#include "test_schedule_support.hpp"
#include "tests/support/fixtures.hpp"

using namespace vc::scheduler;
using namespace vc::scheduler::test;
using Strings = std::vector<std::string>;
using namespace std::chrono_literals;

namespace {

const std::string sh = "Asia/Shanghai";

void write(const vc::test::TempDir& dir, const std::string& rel, const std::string& text) {
    vc::test::write_bytes(dir / rel, text);
}

}  // namespace

TEST_CASE("schedule.toml and schedule.d/*.toml load in order, ids are unique across files") {
    vc::test::TempDir station;
    write(station, "schedule.toml", R"([[broadcast]]
id = "morning"
playlist = "news"
at = "07:00"
)");
    write(station, "schedule.d/b-village.toml", R"([[broadcast]]
id = "evening"
playlist = "weather"
at = "19:00"
)");
    write(station, "schedule.d/a-office.toml", R"(# the office's own broadcasts
[[broadcast]]
id = "noon"
playlist = "news"
at = "12:00"

[[broadcast]]
id = "morning"
playlist = "weather"
at = "07:15"
)");
    write(station, "schedule.d/readme.txt", "not a schedule");
    const auto files = load_schedule(station.path(), context());
    REQUIRE(files.size() == 3);
    CHECK(files[0].display_name == "schedule.toml");
    CHECK(files[1].display_name == "schedule.d/a-office.toml");
    CHECK(files[2].display_name == "schedule.d/b-village.toml");
    CHECK(files[0].ok());
    CHECK_FALSE(files[1].ok());
    CHECK(files[2].ok());
    CHECK(messages(all_diagnostics(files)) ==
          Strings{"schedule.d/a-office.toml:8:6: error: duplicate id `morning`: already used at "
                  "schedule.toml:2:6; ids must be unique across schedule.toml and schedule.d/"});
    CHECK(files[0].path == station / "schedule.toml");
    CHECK(files[0].sha256 == vc::sha256_file(station / "schedule.toml"));

    // The file with the error does not air; the others do.
    const Schedule s(files, one_output(context()));
    CHECK(airings(s, local(sh, 2026, 12, 1), local(sh, 2026, 12, 2)) ==
          Strings{"2026-12-01 07:00 morning", "2026-12-01 19:00 evening"});
    REQUIRE(s.find("evening") != nullptr);
    CHECK(s.find("evening")->file == "schedule.d/b-village.toml");
    CHECK(s.find("noon") == nullptr);
}

TEST_CASE("one broken file beside a good one: the good one still yields occurrences") {
    vc::test::TempDir station;
    write(station, "schedule.d/good.toml", R"([[broadcast]]
id = "广播-早间"
playlist = "news"
at = ["06:30", "18:00"]
)");
    write(station, "schedule.d/broken.toml", "[[broadcast]\nid = \"x\"\n");
    const auto files = load_schedule(station.path(), context());
    REQUIRE(files.size() == 2);
    CHECK(files[0].display_name == "schedule.d/broken.toml");
    REQUIRE(files[0].diagnostics.items().size() == 1);
    CHECK(files[0].diagnostics.items()[0].str().rfind("schedule.d/broken.toml:1:", 0) == 0);
    CHECK(files[1].ok());
    const Schedule s(files, one_output(context()));
    CHECK(s.next_after(local(sh, 2026, 12, 1, 7)) == local(sh, 2026, 12, 1, 18));
    CHECK(airings(s, local(sh, 2026, 12, 1), local(sh, 2026, 12, 2)) ==
          Strings{"2026-12-01 06:30 广播-早间", "2026-12-01 18:00 广播-早间"});
}

TEST_CASE("broadcasts in different files that always collide are warned about") {
    vc::test::TempDir station;
    write(station, "schedule.toml",
          "[[broadcast]]\nid = \"a\"\nplaylist = \"news\"\nat = \"07:00\"\n");
    write(station, "schedule.d/x.toml",
          "[[broadcast]]\nid = \"b\"\nclip = \"chime\"\nat = \"07:00\"\nzones = [\"north\"]\n");
    const auto files = load_schedule(station.path(), context());
    CHECK(messages(all_diagnostics(files)) ==
          Strings{"schedule.d/x.toml:1:1: warning: `b` always comes due at the same instants as "
                  "`a` (schedule.toml:1:1), on every day either airs in the next year: they "
                  "compete every time; move one of them or merge them"});
    CHECK(files[1].ok());
}

TEST_CASE("a station with no schedule files has an empty schedule") {
    vc::test::TempDir station;
    const auto files = load_schedule(station.path(), context());
    CHECK(files.empty());
    const Schedule s(files, one_output(context()));
    CHECK(s.next_after(utc(2026, 1, 1)) == std::nullopt);
    CHECK(s.between(utc(2026, 1, 1), utc(2027, 1, 1)).empty());
}

TEST_CASE("between orders by instant then id and copies what airs") {
    const auto s = schedule_of(R"([[broadcast]]
id = "z-last"
clip = "chime"
at = "07:00"
priority = "background"
late = "1m"

[[broadcast]]
id = "a-first"
playlist = "news"
at = "07:00"
priority = "urgent"
zones = ["south"]

[[broadcast]]
id = "m-middle"
playlist = "weather"
at = "06:59"
)");
    const auto occ = s.between(local(sh, 2026, 12, 1), local(sh, 2026, 12, 2));
    REQUIRE(occ.size() == 3);
    CHECK(occ[0].broadcast_id == "m-middle");
    CHECK(occ[1].broadcast_id == "a-first");
    CHECK(occ[1].priority == Priority::urgent);
    CHECK(occ[1].playlist == "news");
    CHECK(occ[2].broadcast_id == "z-last");
    CHECK(occ[2].clip == "chime");
    CHECK(occ[2].priority == Priority::background);
    CHECK(occ[2].late == 1min);
    CHECK(s.find("a-first")->zones == Strings{"south"});
    // Ranges are half-open.
    CHECK(s.between(local(sh, 2026, 12, 1, 7), local(sh, 2026, 12, 1, 7) + 1ms).size() == 2);
    CHECK(s.between(local(sh, 2026, 12, 1, 6, 59), local(sh, 2026, 12, 1, 7)).size() == 1);
    CHECK(s.due_at(local(sh, 2026, 12, 1, 7)).size() == 2);
    CHECK(s.between(local(sh, 2026, 12, 2), local(sh, 2026, 12, 1)).empty());
    CHECK(s.next_of("z-last", local(sh, 2026, 12, 1, 7)) == local(sh, 2026, 12, 2, 7));
    CHECK(s.next_of("nobody", local(sh, 2026, 12, 1, 7)) == std::nullopt);
}

TEST_CASE("next_after walked in time order agrees with between, also after going back") {
    auto ctx = context();
    ctx.timezone = "America/New_York";
    ctx.today = day(2026, 1, 1);
    ctx.calendars.add_year(2027);
    const auto s = schedule_of(R"([[broadcast]]
id = "a"
playlist = "news"
at = ["01:30", "02:30", "07:00"]

[[broadcast]]
id = "b"
playlist = "news"
cron = "*/20 6-8 * * mon-fri"

[[broadcast]]
id = "c"
playlist = "news"
at = "07:00"
days = "weekends"
monthdays = [1, 2, 3, 4, 5, 6, 7]

[[broadcast]]
id = "d"
clip = "chime"
at = "2026-11-01 01:30"

[[broadcast]]
id = "e"
playlist = "news"
at = "12:00"
days = "workdays"
until = "2027-12-31"
)",
                               ctx);
    const auto from = utc(2026, 1, 1);
    const auto to = utc(2027, 1, 1);
    const auto all = s.between(from, to);
    std::vector<vc::Instant> expected;
    for (const auto& o : all)
        if (expected.empty() || expected.back() != o.scheduled) expected.push_back(o.scheduled);
    std::vector<vc::Instant> walked;
    for (auto t = s.next_after(from - 1ms); t && *t < to; t = s.next_after(*t))
        walked.push_back(*t);
    CHECK(walked.size() == expected.size());
    CHECK(walked == expected);
    // Each day of one-at-a-time questions gives the same occurrences as one big question.
    std::size_t count = 0;
    for (auto d = from; d < to; d += 24h) count += s.between(d, d + 24h).size();
    CHECK(count == all.size());
    // The same with the queue behind each question (the way the daemon asks).
    (void)s.next_after(from - 1ms);
    std::vector<Occurrence> by_day;
    for (auto d = from; d < to; d += 24h) {
        auto part = s.between(d, d + 24h);
        by_day.insert(by_day.end(), part.begin(), part.end());
    }
    CHECK(by_day == all);
    // Going back in time rebuilds the queue.
    CHECK(s.next_after(utc(2026, 11, 1, 5)) == utc(2026, 11, 1, 5, 30));
    CHECK(s.due_at(utc(2026, 11, 1, 5, 30)).size() == 2);                  // a and d at 01:30 EDT
    CHECK(s.next_after(utc(2026, 3, 8, 6, 30)) == utc(2026, 3, 8, 7, 0));  // a's 02:30 in the gap
}

TEST_CASE("ten thousand broadcasts: next_after in order matches between") {
    std::string text;
    for (int i = 0; i < 10'000; ++i) {
        const int minute = (i * 7) % (24 * 60);
        char at[8];
        std::snprintf(at, sizeof at, "%02d:%02d", minute / 60, minute % 60);
        text += "[[broadcast]]\nid = \"b" + std::to_string(i) + "\"\nplaylist = \"news\"\nat = \"" +
                at + "\"\n";
        if (i % 3 == 1) text += "days = \"weekdays\"\n";
        if (i % 3 == 2) text += "monthdays = [" + std::to_string(1 + i % 28) + "]\n";
    }
    auto ctx = context();
    auto file = parse(text, ctx);
    REQUIRE(file.ok());
    REQUIRE(file.broadcasts.size() == 10'000);
    const Schedule s(std::vector<ScheduleFile>{file}, one_output(ctx));
    const auto from = local(sh, 2026, 12, 1);
    const auto to = local(sh, 2026, 12, 3);
    const auto all = s.between(from, to);
    std::size_t n = 0;
    std::size_t mismatches = 0;
    for (auto t = s.next_after(from - 1ms); t && *t < to; t = s.next_after(*t)) {
        const auto due = s.due_at(*t);
        for (const auto& o : due) {
            if (n >= all.size() || !(all[n] == o)) ++mismatches;
            ++n;
        }
    }
    CHECK(n == all.size());
    CHECK(mismatches == 0);
    // Day 1 (Tuesday): every daily and weekday broadcast, and the monthday-1 ones.
    std::size_t expect = 0;
    for (int i = 0; i < 10'000; ++i) expect += (i % 3 != 2 || 1 + i % 28 == 1) ? 1 : 0;
    CHECK(s.between(from, from + 24h).size() == expect);
}

TEST_CASE("a schedule file that cannot be read is an error of that file") {
    vc::test::TempDir station;
    const auto file =
        load_schedule_file(station / "schedule.d/gone.toml", "schedule.d/gone.toml", context());
    CHECK(messages(file.diagnostics) ==
          Strings{"schedule.d/gone.toml: error: cannot be read (does it exist, and may this user "
                  "read it?)"});
    CHECK(file.sha256.empty());
}
