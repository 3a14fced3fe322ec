#include <catch2/catch.hpp>

#include "scheduler/recurrence.hpp"
#include "test_schedule_support.hpp"

using namespace vc::scheduler;
using namespace vc::scheduler::test;
using Strings = std::vector<std::string>;

namespace {

const std::string sh = "Asia/Shanghai";

/// One broadcast "b" airing the playlist news with the given extra lines.
std::string one(const std::string& lines) {
    return "[[broadcast]]\nid = \"b\"\nplaylist = \"news\"\n" + lines;
}

}  // namespace

TEST_CASE("the 31st is simply absent from months that have 30 days or fewer") {
    const auto s = schedule_of(one("at = \"08:00\"\nmonthdays = 31\n"));
    CHECK(dates_of(s, local(sh, 2026, 1, 1), local(sh, 2027, 1, 1)) ==
          Strings{"2026-01-31", "2026-03-31", "2026-05-31", "2026-07-31", "2026-08-31",
                  "2026-10-31", "2026-12-31"});
}

TEST_CASE("29 February airs in a leap year only") {
    const auto s = schedule_of(one("at = \"08:00\"\nmonthdays = [29]\n"));
    CHECK(dates_of(s, local(sh, 2027, 1, 1), local(sh, 2028, 4, 1)) ==
          Strings{"2027-01-29", "2027-03-29", "2027-04-29", "2027-05-29", "2027-06-29",
                  "2027-07-29", "2027-08-29", "2027-09-29", "2027-10-29", "2027-11-29",
                  "2027-12-29", "2028-01-29", "2028-02-29", "2028-03-29"});
    const auto leap = schedule_of(one("at = \"2028-02-29 09:00\"\n"));
    CHECK(airings(leap, local(sh, 2028, 1, 1), local(sh, 2029, 1, 1)) ==
          Strings{"2028-02-29 09:00 b"});
    // A February-29th-only rule (a season of that single day) recurs every four years.
    auto ctx = context();
    ctx.seasons["leap"] = Season{"leap", date::February / 29, date::February / 29};
    const auto every_four = schedule_of(one("at = \"08:00\"\nseason = \"leap\"\n"), ctx);
    CHECK(every_four.next_after(local(sh, 2028, 3, 1)) == local(sh, 2032, 2, 29, 8));
}

TEST_CASE("except skips dates, from and until are both inclusive") {
    const auto s = schedule_of(one(R"(at = ["07:00", "23:59:59"]
from = "2026-12-01"
until = "2026-12-05"
except = ["2026-12-03"]
)"));
    CHECK(airings(s, local(sh, 2026, 11, 1), local(sh, 2027, 1, 1)) ==
          Strings{"2026-12-01 07:00 b", "2026-12-01 23:59:59 b", "2026-12-02 07:00 b",
                  "2026-12-02 23:59:59 b", "2026-12-04 07:00 b", "2026-12-04 23:59:59 b",
                  "2026-12-05 07:00 b", "2026-12-05 23:59:59 b"});
    CHECK(s.next_after(local(sh, 2026, 12, 5, 23, 59)) ==
          local(sh, 2026, 12, 5, 23, 59) + std::chrono::seconds(59));
    CHECK(s.next_after(local(sh, 2026, 12, 6)) == std::nullopt);
    CHECK(s.next_after(local(sh, 2020, 1, 1)) == local(sh, 2026, 12, 1, 7));
}

TEST_CASE("days, monthdays, season and from/until intersect, except is taken away") {
    // Weekdays that are the 1st or the 15th, in summer, from 05-10 to 09-10, except 07-01.
    const auto s = schedule_of(one(R"(at = "09:00"
days = "weekdays"
monthdays = [1, 15]
season = "summer"
from = "2026-05-10"
until = "2026-09-10"
except = ["2026-07-01"]
)"));
    // 08-01 and 08-15 are Saturdays; 07-01 is excepted; 05-01 is before `from`.
    CHECK(dates_of(s, local(sh, 2026, 1, 1), local(sh, 2027, 1, 1)) ==
          Strings{"2026-05-15", "2026-06-01", "2026-06-15", "2026-07-15", "2026-09-01"});
}

TEST_CASE("each day field alone") {
    const auto from = local(sh, 2026, 12, 1);
    const auto to = local(sh, 2026, 12, 15);
    CHECK(dates_of(schedule_of(one("at = \"09:00\"\ndays = [\"mon\", \"Wed\", \"saturday\"]\n")),
                   from, to) == Strings{"2026-12-02", "2026-12-05", "2026-12-07", "2026-12-09",
                                        "2026-12-12", "2026-12-14"});
    CHECK(dates_of(schedule_of(one("at = \"09:00\"\ndays = \"weekends\"\n")), from, to) ==
          Strings{"2026-12-05", "2026-12-06", "2026-12-12", "2026-12-13"});
    CHECK(dates_of(schedule_of(one("at = \"09:00\"\ndays = \"weekdays\"\n")), from, to).size() ==
          10);
    CHECK(dates_of(schedule_of(one("at = \"09:00\"\ndays = \"daily\"\n")), from, to).size() == 14);
    CHECK(dates_of(schedule_of(one("at = \"09:00\"\ndays = \"fri\"\n")), from, to) ==
          Strings{"2026-12-04", "2026-12-11"});
    CHECK(dates_of(schedule_of(one("at = \"09:00\"\nmonthdays = [1, 15]\n")), from,
                   local(sh, 2027, 1, 1)) == Strings{"2026-12-01", "2026-12-15"});
}

TEST_CASE("dates replace days, monthdays and season, from, until and except still apply") {
    const auto text = one(R"(at = "10:00"
dates = ["2026-12-10", "2026-12-08", "2026-12-09", "2026-12-11"]
days = "weekends"
monthdays = [1]
season = "summer"
from = "2026-12-09"
until = "2026-12-10"
except = ["2026-12-09"]
)");
    const auto file = parse(text);
    REQUIRE(file.ok());
    CHECK(messages(file.diagnostics) ==
          Strings{"schedule.toml:6:8: warning: `days` is ignored: `dates` replaces `days`, "
                  "`monthdays` and `season`",
                  "schedule.toml:7:13: warning: `monthdays` is ignored: `dates` replaces `days`, "
                  "`monthdays` and `season`",
                  "schedule.toml:8:10: warning: `season` is ignored: `dates` replaces `days`, "
                  "`monthdays` and `season`"});
    const auto s = schedule_of(text);
    CHECK(airings(s, local(sh, 2026, 1, 1), local(sh, 2028, 1, 1)) ==
          Strings{"2026-12-10 10:00 b"});
    const auto plain =
        schedule_of(one("at = [\"10:00\", \"15:00\"]\ndates = [\"2026-12-08\", \"2027-01-02\"]\n"));
    CHECK(airings(plain, local(sh, 2026, 1, 1), local(sh, 2028, 1, 1)) ==
          Strings{"2026-12-08 10:00 b", "2026-12-08 15:00 b", "2027-01-02 10:00 b",
                  "2027-01-02 15:00 b"});
    CHECK(plain.next_after(local(sh, 2027, 1, 2, 15)) == std::nullopt);
}

TEST_CASE("a season across the new year") {
    // winter: 11-01 to 02-29
    const auto s = schedule_of(one("at = \"06:00\"\nseason = \"winter\"\n"));
    const auto d = dates_of(s, local(sh, 2026, 10, 1), local(sh, 2027, 4, 1));
    REQUIRE(d.size() == 30 + 31 + 31 + 28);
    CHECK(d.front() == "2026-11-01");
    CHECK(d[60] == "2026-12-31");
    CHECK(d[61] == "2027-01-01");
    CHECK(d.back() == "2027-02-28");
    CHECK(s.next_after(local(sh, 2027, 2, 28, 6)) == local(sh, 2027, 11, 1, 6));
    CHECK(s.next_after(local(sh, 2028, 2, 28, 6)) == local(sh, 2028, 2, 29, 6));
}

TEST_CASE("a one-shot airs once at its local date and time") {
    const auto s = schedule_of(R"([[broadcast]]
id = "meeting-2026-12-03"
playlist = "meeting-call"
at = "2026-12-03 19:30"
priority = "notice"
late = "30m"
)");
    const auto occ = s.between(utc(2026, 1, 1), utc(2030, 1, 1));
    REQUIRE(occ.size() == 1);
    CHECK(occ[0].broadcast_id == "meeting-2026-12-03");
    CHECK(occ[0].scheduled == utc(2026, 12, 3, 11, 30));
    CHECK(occ[0].priority == Priority::notice);
    CHECK(occ[0].late == std::chrono::minutes(30));
    CHECK(occ[0].playlist == "meeting-call");
    CHECK(occ[0].clip.empty());
    CHECK(s.next_after(utc(2026, 12, 3, 11, 29)) == utc(2026, 12, 3, 11, 30));
    CHECK(s.next_after(utc(2026, 12, 3, 11, 30)) == std::nullopt);
    // A bare TOML date-time works the same.
    const auto bare = schedule_of(one("at = 2026-12-03T19:30:00\n"));
    CHECK(bare.next_after(utc(2026, 1, 1)) == utc(2026, 12, 3, 11, 30));
}

TEST_CASE("workdays follow the calendar: a holiday week and its make-up weekend days") {
    const std::string lines = "at = \"08:00\"\nuntil = \"2026-12-31\"\n";
    const auto from = local(sh, 2026, 9, 19);
    const auto to = local(sh, 2026, 10, 12);
    const auto work = schedule_of(one(lines + "days = \"workdays\"\n"));
    // Sunday 09-20 and Saturday 10-10 are worked; 10-01..10-07 are the National Day holiday.
    CHECK(dates_of(work, from, to) == Strings{"2026-09-20", "2026-09-21", "2026-09-22",
                                              "2026-09-23", "2026-09-24", "2026-09-25",
                                              "2026-09-28", "2026-09-29", "2026-09-30",
                                              "2026-10-08", "2026-10-09", "2026-10-10"});
    const auto rest = schedule_of(one(lines + "days = \"restdays\"\n"));
    CHECK(dates_of(rest, from, to) == Strings{"2026-09-19", "2026-09-26", "2026-09-27",
                                              "2026-10-01", "2026-10-02", "2026-10-03",
                                              "2026-10-04", "2026-10-05", "2026-10-06",
                                              "2026-10-07", "2026-10-11"});
    const auto weekdays = schedule_of(one(lines + "days = \"weekdays\"\n"));
    CHECK(dates_of(weekdays, local(sh, 2026, 10, 1), local(sh, 2026, 10, 12)) ==
          Strings{"2026-10-01", "2026-10-02", "2026-10-05", "2026-10-06", "2026-10-07",
                  "2026-10-08", "2026-10-09"});
}

TEST_CASE("expansion never guesses a workday past the calendars") {
    // Built directly (load_schedule_file would refuse it: no calendar covers 2027).
    Broadcast b;
    b.id = "w";
    b.playlist = "news";
    b.rule.days.kind = DayKind::workdays;
    b.rule.at = {std::chrono::hours(7)};
    const Schedule s({b}, sh, calendar_2026());
    CHECK(s.next_after(local(sh, 2026, 12, 30, 8)) == local(sh, 2026, 12, 31, 7));
    CHECK(s.next_after(local(sh, 2026, 12, 31, 8)) == std::nullopt);
    CHECK(s.between(local(sh, 2026, 12, 31), local(sh, 2027, 2, 1)).size() == 1);
    CHECK(next_day(b.rule, day(2027, 1, 1), day(2027, 12, 31), calendar_2026()) == std::nullopt);
    // Uncovered days are skipped, not guessed: with 2028 covered, the next airing is in 2028
    // (2028-01-01 is a Saturday).
    auto with_2028 = calendar_2026();
    with_2028.add_year(2028);
    const Schedule later({b}, sh, with_2028);
    CHECK(later.next_after(local(sh, 2026, 12, 31, 8)) == local(sh, 2028, 1, 3, 7));
    CHECK(later.between(local(sh, 2026, 12, 31), local(sh, 2028, 1, 5)).size() == 3);
}

TEST_CASE("a rule that never matches is given up after the search horizon") {
    // The 31st of a season that is only February.
    auto ctx = context();
    ctx.seasons["feb"] = Season{"feb", date::February / 1, date::February / 29};
    Broadcast b;
    b.id = "never";
    b.playlist = "news";
    b.rule.days.monthday_mask = 1u << 31;
    b.rule.days.season = ctx.seasons["feb"];
    b.rule.at = {std::chrono::hours(7)};
    CHECK(next_after(b.rule, utc(2026, 1, 1), find_zone(sh), ctx.calendars) == std::nullopt);
    std::vector<vc::Instant> out;
    instants_between(b.rule, utc(2026, 1, 1), utc(2036, 1, 1), find_zone(sh), ctx.calendars, out);
    CHECK(out.empty());
}
