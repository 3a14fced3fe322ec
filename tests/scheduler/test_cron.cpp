#include <catch2/catch.hpp>

#include "scheduler/cron_expr.hpp"
#include "test_schedule_support.hpp"

using namespace vc::scheduler;
using namespace vc::scheduler::test;
using Strings = std::vector<std::string>;
using std::chrono::hours;
using std::chrono::minutes;
using Times = std::vector<std::chrono::seconds>;

namespace {

const std::string sh = "Asia/Shanghai";

std::string cron_broadcast(const std::string& cron) {
    return "[[broadcast]]\nid = \"c\"\nclip = \"chime\"\ncron = \"" + cron + "\"\n";
}

std::string cron_error(std::string_view text) {
    try {
        (void)CronExpr::parse(text);
    } catch (const CronError& e) {
        return std::to_string(e.offset()) + ": " + e.what();
    }
    return "parsed";
}

}  // namespace

TEST_CASE("cron lists, ranges and steps give the times of a day") {
    CHECK(CronExpr::parse("0,30 6-8 * * *").times() == Times{hours(6), hours(6) + minutes(30),
                                                             hours(7), hours(7) + minutes(30),
                                                             hours(8), hours(8) + minutes(30)});
    CHECK(CronExpr::parse("*/15 9 * * *").times() ==
          Times{hours(9), hours(9) + minutes(15), hours(9) + minutes(30), hours(9) + minutes(45)});
    CHECK(CronExpr::parse("10-20/5 12 * * *").times() ==
          Times{hours(12) + minutes(10), hours(12) + minutes(15), hours(12) + minutes(20)});
    CHECK(CronExpr::parse("0 */8 * * *").times() == Times{hours(0), hours(8), hours(16)});
    CHECK(CronExpr::parse("  5   7  * *  * ").times() == Times{hours(7) + minutes(5)});
    CHECK(CronExpr::parse("* * * * *").times().size() == 1440);
}

TEST_CASE("cron month and day names, in any case, also in ranges, 7 is Sunday") {
    const auto e = CronExpr::parse("0 9 * JAN,jul Mon-fri");
    CHECK(e.month(1));
    CHECK(e.month(7));
    CHECK_FALSE(e.month(2));
    CHECK(e.day_of_week(1));
    CHECK(e.day_of_week(5));
    CHECK_FALSE(e.day_of_week(6));
    CHECK_FALSE(e.day_of_week(0));
    const auto s = schedule_of(cron_broadcast("0 9 * jan,jul mon-fri"));
    CHECK(dates_of(s, local(sh, 2027, 1, 1), local(sh, 2027, 1, 11)) ==
          Strings{"2027-01-01", "2027-01-04", "2027-01-05", "2027-01-06", "2027-01-07",
                  "2027-01-08"});
    CHECK(s.next_after(local(sh, 2027, 1, 29, 10)) == local(sh, 2027, 7, 1, 9));
    CHECK(CronExpr::parse("0 9 * * 7").day_of_week(0));
    CHECK(CronExpr::parse("0 9 * * 5-7").day_of_week(0));
    CHECK(CronExpr::parse("0 9 * * 5-7").day_of_week(6));
    CHECK(CronExpr::parse("0 9 * * sun").day_of_week(0));
}

TEST_CASE("cron: when both day fields are restricted, a day matching either fires") {
    // Tuesday 2026-12-01, and every Monday.
    const auto either = schedule_of(cron_broadcast("0 10 1 * mon"));
    CHECK(dates_of(either, local(sh, 2026, 12, 1), local(sh, 2027, 1, 1)) ==
          Strings{"2026-12-01", "2026-12-07", "2026-12-14", "2026-12-21", "2026-12-28"});
    const auto dom_only = schedule_of(cron_broadcast("0 10 1 * *"));
    CHECK(dates_of(dom_only, local(sh, 2026, 10, 1), local(sh, 2027, 1, 1)) ==
          Strings{"2026-10-01", "2026-11-01", "2026-12-01"});
    const auto dow_only = schedule_of(cron_broadcast("0 10 * * mon"));
    CHECK(dates_of(dow_only, local(sh, 2026, 12, 1), local(sh, 2027, 1, 1)) ==
          Strings{"2026-12-07", "2026-12-14", "2026-12-21", "2026-12-28"});
    // Vixie: a field starting with '*' (even "*/2") counts as unrestricted, so both must match:
    // odd days that are Mondays.
    const auto star_step = schedule_of(cron_broadcast("0 10 */2 * mon"));
    CHECK(dates_of(star_step, local(sh, 2026, 12, 1), local(sh, 2027, 1, 1)) ==
          Strings{"2026-12-07", "2026-12-21"});
}

TEST_CASE("a monthly emergency drill from the spec") {
    const auto s = schedule_of(R"([[broadcast]]
id = "monthly-drill"
clip = "emergency/flood-drill"
cron = "0 10 1 * *"
priority = "emergency"
)");
    const auto occ = s.between(local(sh, 2026, 10, 1), local(sh, 2027, 1, 1));
    REQUIRE(occ.size() == 3);
    CHECK(occ[0].scheduled == utc(2026, 10, 1, 2, 0));
    CHECK(occ[0].clip == "emergency/flood-drill");
    CHECK(occ[0].priority == Priority::emergency);
    CHECK(occ[0].late == std::chrono::minutes(10));
}

TEST_CASE("an every-minute cron answers next_after without walking the minutes") {
    const auto s = schedule_of(cron_broadcast("* * * * *"));
    const auto from = local(sh, 2026, 12, 1);
    const auto all = s.between(from, from + hours(24));
    REQUIRE(all.size() == 1440);
    std::size_t n = 0;
    for (auto t = s.next_after(from - std::chrono::milliseconds(1)); t && *t < from + hours(24);
         t = s.next_after(*t))
        CHECK(*t == all[n++].scheduled);
    CHECK(n == 1440);
    CHECK(s.next_after(from + minutes(90) + std::chrono::seconds(1)) == from + minutes(91));
}

TEST_CASE("cron errors name the field and what was expected") {
    const std::pair<const char*, std::string> cases[] = {
        {"0 25 * * *", "2: cron field 2 (hour) \"25\": 25 is out of range (expected 0-23)"},
        {"0 10 * * funday",
         "9: cron field 5 (day of week) \"funday\": \"funday\" is not a value (expected 0-7 "
         "(0 and 7 are Sunday) or sun-sat)"},
        {"0 10 * foo *",
         "7: cron field 4 (month) \"foo\": \"foo\" is not a value (expected 1-12 or jan-dec)"},
        {"5/10 * * * *",
         "0: cron field 1 (minute) \"5/10\": a step needs a range or '*' before it, such as "
         "\"*/10\" or \"5-59/10\""},
        {"0 10 20-5 * *",
         "5: cron field 3 (day of month) \"20-5\": the range 20-5 runs backwards (write the "
         "smaller first)"},
        {"*/0 * * * *", "0: cron field 1 (minute) \"*/0\": the step 0 is out of range"},
        {"0 0 0 * *", "4: cron field 3 (day of month) \"0\": 0 is out of range (expected 1-31)"},
        {"1,,2 * * * *", "0: cron field 1 (minute) \"1,,2\": an empty entry in the list"},
        {"0 10 * *",
         "0: `cron` needs five fields \"minute hour day-of-month month day-of-week\" (such as "
         "\"0 10 1 * *\"), found 4"},
        {"0 10 * * * 2027",
         "11: `cron` needs five fields \"minute hour day-of-month month day-of-week\" (such as "
         "\"0 10 1 * *\"), found 6"},
        {"0 10 * * 8",
         "9: cron field 5 (day of week) \"8\": 8 is out of range (expected 0-7 (0 and 7 are "
         "Sunday) or sun-sat)"},
    };
    for (const auto& [text, expected] : cases) {
        INFO(text);
        CHECK(cron_error(text) == expected);
    }
}

TEST_CASE("cron days are narrowed by from, until, except and season") {
    const auto s = schedule_of(R"([[broadcast]]
id = "c"
clip = "chime"
cron = "30 8 * * sat,sun"
from = "2026-12-01"
until = "2026-12-31"
except = ["2026-12-13"]
season = "winter"
)");
    CHECK(dates_of(s, local(sh, 2026, 11, 1), local(sh, 2027, 2, 1)) ==
          Strings{"2026-12-05", "2026-12-06", "2026-12-12", "2026-12-19", "2026-12-20",
                  "2026-12-26", "2026-12-27"});
}
