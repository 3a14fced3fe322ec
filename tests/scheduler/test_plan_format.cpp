// plan's output formats: table (aligned with Chinese ids), CSV, JSON; local times in the
// station's zone.

#include <date/tz.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "core/text_width.hpp"
#include "scheduler/plan_format.hpp"
#include "test_arbiter_support.hpp"

using namespace vc;
using namespace vc::scheduler;
using namespace vc::scheduler::test;

namespace {

const date::time_zone* shanghai() {
    return date::locate_zone("Asia/Shanghai");
}

PlanRow row(std::string id, Instant scheduled, Priority p, Outcome outcome) {
    PlanRow r;
    r.occurrence = occ(std::move(id), scheduled, p);
    r.outcome = outcome;
    return r;
}

std::vector<PlanRow> sample() {
    // 02:00 UTC is 10:00 in Shanghai.
    PlanRow weather = row("weather", at(2, 0, 0), Priority::routine, Outcome::aired);
    weather.start = at(2, 0, 35);
    weather.end = at(2, 1, 35);
    weather.attempts = 2;
    weather.delay = 35s;
    weather.waited_for = "monthly-drill";
    weather.interrupted_by = "monthly-drill";

    PlanRow notice = row("村委会通知", at(2, 5, 0), Priority::routine, Outcome::aired);
    notice.start = at(2, 6, 12);
    notice.end = at(2, 6, 42, 250);
    notice.attempts = 1;
    notice.delay = 72s;
    notice.waited_for = "meeting-2026-12-03";

    PlanRow missed = row("short-window", at(2, 5, 10), Priority::notice, Outcome::missed);
    missed.reason = "late window passed while waiting for meeting-2026-12-03";
    missed.occurrence.playlist.clear();
    missed.occurrence.clip = "alerts/短";
    return {weather, notice, missed};
}

}  // namespace

TEST_CASE("plan notes say what conflicts did, in local time", "[plan]") {
    const auto rows = sample();
    CHECK(plan_note(rows[0], shanghai()) ==
          "interrupted by monthly-drill, aired again at 10:00:35.000");
    CHECK(plan_note(rows[1], shanghai()) == "delayed 1m12s by meeting-2026-12-03");
    CHECK(plan_note(rows[2], shanghai()) ==
          "late window passed while waiting for meeting-2026-12-03");
    PlanRow on_time = rows[1];
    on_time.delay = 0ms;
    CHECK(plan_note(on_time, shanghai()).empty());
    // An airing again after local midnight shows its date.
    PlanRow late = rows[0];
    late.start = at(16, 0, 1);
    CHECK(plan_note(late, shanghai()) ==
          "interrupted by monthly-drill, aired again at 2026-12-04 00:00:01.000");
    CHECK(iso_local_time(at(2, 0, 35), shanghai()) == "2026-12-03T10:00:35.000+08:00");
    CHECK(iso_local_time(at(2, 0, 35), date::locate_zone("America/New_York")) ==
          "2026-12-02T21:00:35.000-05:00");
    CHECK(local_time_text(at(2, 0, 35, 7), shanghai()) == "2026-12-03 10:00:35.007");
}

TEST_CASE("plan as CSV: a header line, then one line per row, quoted where needed", "[plan]") {
    const std::string csv = format_plan(sample(), PlanFormat::csv, shanghai());
    std::istringstream in(csv);
    std::string header, first, second, third, extra;
    std::getline(in, header);
    std::getline(in, first);
    std::getline(in, second);
    std::getline(in, third);
    CHECK(
        header ==
        "\xEF\xBB\xBF"
        "scheduled,scheduled_utc_ms,start,start_utc_ms,end,end_utc_ms,broadcast,zone,playlist,clip,"
        "priority,outcome,attempts,delay_ms,note");
    CHECK(first ==
          "2026-12-03T10:00:00.000+08:00,1796263200000,2026-12-03T10:00:35.000+08:00,1796263235000,"
          "2026-12-03T10:01:35.000+08:00,1796263295000,weather,,weather,,routine,aired,2,35000,"
          "\"interrupted by monthly-drill, aired again at 10:00:35.000\"");
    CHECK(second.rfind("2026-12-03T10:05:00.000+08:00,", 0) == 0);
    CHECK(
        second.find(
            ",村委会通知,,村委会通知,,routine,aired,1,72000,delayed 1m12s by meeting-2026-12-03") !=
        std::string::npos);
    CHECK(third ==
          "2026-12-03T10:05:10.000+08:00,1796263510000,,,,,short-window,,,alerts/"
          "短,notice,missed,0,0,"
          "late window passed while waiting for meeting-2026-12-03");
    CHECK_FALSE(std::getline(in, extra));
}

TEST_CASE("plan as JSON: an array of objects with ISO local times and UTC milliseconds", "[plan]") {
    const auto j = nlohmann::json::parse(format_plan(sample(), PlanFormat::json, shanghai()));
    REQUIRE(j.is_array());
    REQUIRE(j.size() == 3);
    CHECK(j[0]["broadcast"] == "weather");
    CHECK(j[0]["scheduled"] == "2026-12-03T10:00:00.000+08:00");
    CHECK(j[0]["scheduled_utc_ms"] == 1796263200000);
    CHECK(j[0]["start"] == "2026-12-03T10:00:35.000+08:00");
    CHECK(j[0]["start_utc_ms"] == 1796263235000);
    CHECK(j[0]["end_utc_ms"] == 1796263295000);
    CHECK(j[0]["attempts"] == 2);
    CHECK(j[0]["interrupted_by"] == "monthly-drill");
    CHECK(j[0]["note"] == "interrupted by monthly-drill, aired again at 10:00:35.000");
    CHECK(j[1]["broadcast"] == "村委会通知");
    CHECK(j[1]["end"] == "2026-12-03T10:06:42.250+08:00");
    CHECK(j[2]["outcome"] == "missed");
    CHECK(j[2]["start"].is_null());
    CHECK(j[2]["end_utc_ms"].is_null());
    CHECK(j[2]["clip"] == "alerts/短");
    CHECK(nlohmann::json::parse(format_plan({}, PlanFormat::json, shanghai())) ==
          nlohmann::json::array());
}

TEST_CASE("plan as a table: columns align in display width with Chinese ids", "[plan]") {
    const std::string table = format_plan(sample(), PlanFormat::table, shanghai());
    std::istringstream in(table);
    std::vector<std::string> lines;
    for (std::string l; std::getline(in, l);) lines.push_back(l);
    REQUIRE(lines.size() == 4);
    CHECK(lines[0].rfind("scheduled            start         end           broadcast", 0) == 0);
    CHECK(lines[1].rfind("2026-12-03 10:00:00  10:00:35.000  10:01:35.000  weather", 0) == 0);
    CHECK(lines[3].rfind("2026-12-03 10:05:10  -             -             short-window", 0) == 0);
    // The priority column starts at the same display column on every line.
    auto column_of = [](const std::string& line, const std::string& word) {
        return display_width(line.substr(0, line.find(word)));
    };
    const int col = column_of(lines[0], "priority");
    CHECK(column_of(lines[1], "routine") == col);
    CHECK(column_of(lines[2], "routine") == col);
    CHECK(column_of(lines[3], "notice") == col);
    CHECK(parse_plan_format("csv") == PlanFormat::csv);
    CHECK_FALSE(parse_plan_format("xml"));
}
