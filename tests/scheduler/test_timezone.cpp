#include <catch2/catch.hpp>

#include "core/diagnostic.hpp"
#include "test_schedule_support.hpp"

using namespace vc::scheduler;
using namespace vc::scheduler::test;
using namespace std::chrono_literals;

namespace {

date::local_seconds lt(int y, unsigned m, unsigned d, int h, int min) {
    return date::local_seconds{day(y, m, d)} + std::chrono::hours(h) + std::chrono::minutes(min);
}

/// A schedule from one file's text, in `zone`.
Schedule schedule_in(const std::string& zone, const std::string& text) {
    auto ctx = context();
    ctx.timezone = zone;
    return schedule_of(text, ctx);
}

const std::string daily_0230 = R"([[broadcast]]
id = "night"
playlist = "news"
at = "02:30"
)";

}  // namespace

TEST_CASE("local times become instants, a skipped time airs when the gap ends") {
    const auto& ny = find_zone("America/New_York");
    // Ordinary days: EST is UTC-5, EDT is UTC-4.
    CHECK(to_instant(ny, lt(2026, 3, 7, 2, 30)) == utc(2026, 3, 7, 7, 30));
    CHECK(to_instant(ny, lt(2026, 3, 9, 2, 30)) == utc(2026, 3, 9, 6, 30));
    // 2026-03-08 02:00 EST jumps to 03:00 EDT: 02:00..02:59 do not exist.
    CHECK(to_instant(ny, lt(2026, 3, 8, 2, 0)) == utc(2026, 3, 8, 7, 0));
    CHECK(to_instant(ny, lt(2026, 3, 8, 2, 30)) == utc(2026, 3, 8, 7, 0));
    CHECK(to_instant(ny, lt(2026, 3, 8, 3, 0)) == utc(2026, 3, 8, 7, 0));
    CHECK(to_instant(ny, lt(2026, 3, 8, 3, 1)) == utc(2026, 3, 8, 7, 1));
    // 2026-11-01 02:00 EDT goes back to 01:00 EST: 01:00..01:59 happen twice; the first counts.
    CHECK(to_instant(ny, lt(2026, 11, 1, 1, 30)) == utc(2026, 11, 1, 5, 30));
    CHECK(to_instant(ny, lt(2026, 11, 1, 2, 0)) == utc(2026, 11, 1, 7, 0));

    const auto& berlin = find_zone("Europe/Berlin");
    // 2026-03-29 02:00 CET -> 03:00 CEST; 2026-10-25 03:00 CEST -> 02:00 CET.
    CHECK(to_instant(berlin, lt(2026, 3, 29, 2, 30)) == utc(2026, 3, 29, 1, 0));
    CHECK(to_instant(berlin, lt(2026, 10, 25, 2, 30)) == utc(2026, 10, 25, 0, 30));
    CHECK(to_instant(berlin, lt(2026, 10, 25, 3, 0)) == utc(2026, 10, 25, 2, 0));

    const auto& shanghai = find_zone("Asia/Shanghai");
    CHECK(to_instant(shanghai, lt(2026, 12, 3, 19, 30)) == utc(2026, 12, 3, 11, 30));
    CHECK(local_date_of(shanghai, utc(2026, 12, 3, 16, 0)) == day(2026, 12, 4));
}

TEST_CASE("an unknown time zone is an error a clerk can fix") {
    CHECK_THROWS_WITH(find_zone("Asia/Beijing"),
                      "the time zone \"Asia/Beijing\" is not known; write an IANA name such as "
                      "\"Asia/Shanghai\"");
    auto ctx = context();
    ctx.timezone = "Mars/Olympus";
    CHECK_THROWS_AS(Schedule(std::vector<ScheduleFile>{}, ctx), vc::UserError);
}

TEST_CASE("spring forward in New York: 02:30 airs once, at 03:00 local") {
    const auto s = schedule_in("America/New_York", daily_0230);
    CHECK(
        airings(s, local("America/New_York", 2026, 3, 7), local("America/New_York", 2026, 3, 10)) ==
        std::vector<std::string>{"2026-03-07 02:30 night", "2026-03-08 03:00 night",
                                 "2026-03-09 02:30 night"});
    const auto occ = s.between(utc(2026, 3, 8), utc(2026, 3, 9));
    REQUIRE(occ.size() == 1);
    CHECK(occ[0].scheduled == utc(2026, 3, 8, 7, 0));
    CHECK(s.next_after(utc(2026, 3, 7, 7, 30)) == utc(2026, 3, 8, 7, 0));
    CHECK(s.next_after(utc(2026, 3, 8, 7, 0)) == utc(2026, 3, 9, 6, 30));
}

TEST_CASE("fall back in New York: 01:30 airs once, at the first of the two") {
    const auto s = schedule_in("America/New_York", R"([[broadcast]]
id = "early"
playlist = "news"
at = "01:30"
)");
    const auto occ = s.between(utc(2026, 11, 1), utc(2026, 11, 2, 12));
    REQUIRE(occ.size() == 2);
    CHECK(occ[0].scheduled == utc(2026, 11, 1, 5, 30));  // 01:30 EDT
    CHECK(occ[1].scheduled == utc(2026, 11, 2, 6, 30));  // 01:30 EST the next day
    // Asked during the second 01:30 (EST), the next one is the following night's.
    CHECK(s.next_after(utc(2026, 11, 1, 5, 30)) == utc(2026, 11, 2, 6, 30));
    CHECK(s.next_after(utc(2026, 11, 1, 6, 0)) == utc(2026, 11, 2, 6, 30));
}

TEST_CASE("Berlin in both directions") {
    const auto s = schedule_in("Europe/Berlin", daily_0230);
    CHECK(s.between(utc(2026, 3, 29), utc(2026, 3, 30)).at(0).scheduled == utc(2026, 3, 29, 1, 0));
    const auto autumn = s.between(utc(2026, 10, 24, 12), utc(2026, 10, 26, 12));
    REQUIRE(autumn.size() == 2);
    CHECK(autumn[0].scheduled == utc(2026, 10, 25, 0, 30));  // 02:30 CEST, not 02:30 CET
    CHECK(autumn[1].scheduled == utc(2026, 10, 26, 1, 30));
}

TEST_CASE("times of one day that land on the same instant air once") {
    const auto s = schedule_in("America/New_York", R"([[broadcast]]
id = "gap"
playlist = "news"
at = ["02:00", "02:30", "03:00", "03:30"]
)");
    CHECK(airings(s, utc(2026, 3, 8, 5), utc(2026, 3, 8, 12)) ==
          std::vector<std::string>{"2026-03-08 03:00 gap", "2026-03-08 03:30 gap"});
    CHECK(s.next_after(utc(2026, 3, 8, 6)) == utc(2026, 3, 8, 7, 0));
    CHECK(s.next_after(utc(2026, 3, 8, 7, 0)) == utc(2026, 3, 8, 7, 30));
}

TEST_CASE("a half-hourly cron skips the repeated hour when clocks go back") {
    const auto s = schedule_in("America/New_York", R"([[broadcast]]
id = "chime"
clip = "chime"
cron = "*/30 0-3 * * *"
)");
    std::vector<vc::Instant> got;
    for (const auto& o : s.between(utc(2026, 11, 1, 4), utc(2026, 11, 1, 9)))
        got.push_back(o.scheduled);
    CHECK(got == std::vector<vc::Instant>{utc(2026, 11, 1, 4, 0), utc(2026, 11, 1, 4, 30),
                                          utc(2026, 11, 1, 5, 0), utc(2026, 11, 1, 5, 30),
                                          utc(2026, 11, 1, 7, 0), utc(2026, 11, 1, 7, 30),
                                          utc(2026, 11, 1, 8, 0), utc(2026, 11, 1, 8, 30)});
}
