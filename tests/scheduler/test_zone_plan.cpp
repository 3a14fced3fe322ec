// The conflict rules per zone: each zone a broadcast reaches gets its own occurrence, and each
// zone's Arbiter decides alone. Times are local to Asia/Shanghai on 2026-12-03.

#include <algorithm>
#include <map>

#include "scheduler/plan.hpp"
#include "scheduler/plan_format.hpp"
#include "scheduler/zone_arbiters.hpp"
#include "scheduler/zone_reach.hpp"
#include "test_schedule_support.hpp"

using namespace vc;
using namespace vc::scheduler;
using namespace vc::scheduler::test;
using std::chrono::minutes;
using std::chrono::seconds;

namespace {

ScheduleContext village_context() {
    ScheduleContext ctx = context();
    ctx.zones = {"李家村", "王家村", "村委会"};
    ctx.zone_groups = {{"east", {"李家村", "王家村"}}};
    ctx.today = day(2026, 12, 1);
    return ctx;
}

Instant local_at(int h, int m, int s = 0) {
    return local("Asia/Shanghai", 2026, 12, 3, h, m) + seconds(s);
}

/// An emergency to every zone at 10:03 while a routine airs in 李家村 and, in 王家村, a
/// notice airs and another waits behind it. Nothing in one zone waits for another zone.
const char* const village_schedule = R"(
[[broadcast]]
id = "music"
playlist = "news"
priority = "routine"
at = "2026-12-03 10:00"
late = "1m"
zones = ["李家村"]

[[broadcast]]
id = "talk"
playlist = "weather"
priority = "notice"
at = "2026-12-03 10:00"
late = "1m"
zones = ["王家村"]

[[broadcast]]
id = "queued"
playlist = "policy-digest"
priority = "notice"
at = "2026-12-03 10:01"
zones = ["王家村"]

[[broadcast]]
id = "flood"
playlist = "meeting-call"
priority = "emergency"
at = "2026-12-03 10:03"
zones = ["all"]
)";

DurationFn village_durations() {
    const std::map<std::string, Millis> by_playlist = {{"news", minutes(10)},
                                                       {"weather", minutes(10)},
                                                       {"policy-digest", minutes(1)},
                                                       {"meeting-call", minutes(2)}};
    return [by_playlist](const Occurrence& o) -> std::optional<Millis> {
        return by_playlist.at(o.playlist);
    };
}

const PlanRow& row_of(const std::vector<PlanRow>& rows, const std::string& id,
                      const std::string& zone) {
    auto it = std::find_if(rows.begin(), rows.end(), [&](const PlanRow& r) {
        return r.occurrence.broadcast_id == id && r.occurrence.zone == zone;
    });
    INFO(id << " in " << zone);
    REQUIRE(it != rows.end());
    return *it;
}

}  // namespace

TEST_CASE("a broadcast's zones reach zones, groups and every zone, in station order") {
    const ScheduleContext ctx = village_context();
    CHECK(zones_reached({"all"}, ctx) == std::vector<std::string>{"李家村", "王家村", "村委会"});
    CHECK(zones_reached({"村委会", "east"}, ctx) ==
          std::vector<std::string>{"李家村", "王家村", "村委会"});
    CHECK(zones_reached({"王家村", "王家村"}, ctx) == std::vector<std::string>{"王家村"});
    CHECK(zones_reached({"all"}, context()) == std::vector<std::string>{"north", "south"});
    ScheduleContext none = context();
    none.zones.clear();
    CHECK(zones_reached({"all"}, none).empty());
}

TEST_CASE("the schedule gives one occurrence per zone a broadcast reaches") {
    const ScheduleContext ctx = village_context();
    auto file = parse(village_schedule, ctx);
    REQUIRE(all_text(file.diagnostics).empty());
    const Schedule schedule({file}, ctx);
    const auto flood = schedule.due_at(local_at(10, 3));
    REQUIRE(flood.size() == 3);
    CHECK(flood[0].zone == "李家村");
    CHECK(flood[1].zone == "王家村");
    CHECK(flood[2].zone == "村委会");
    for (const auto& o : flood) CHECK(o.broadcast_id == "flood");
    const auto at_ten = schedule.due_at(local_at(10, 0));
    REQUIRE(at_ten.size() == 2);
    CHECK(at_ten[0].broadcast_id == "music");
    CHECK(at_ten[0].zone == "李家村");
    CHECK(at_ten[1].broadcast_id == "talk");
    CHECK(at_ten[1].zone == "王家村");
}

TEST_CASE(
    "each zone has its own conflict rules: an emergency to all over a routine in one zone "
    "and a waiting notice in another") {
    const ScheduleContext ctx = village_context();
    const Schedule schedule({parse(village_schedule, ctx)}, ctx);
    const auto rows =
        make_plan(schedule, local_at(9, 0), local_at(11, 0), village_durations(), ArbiterConfig{});
    REQUIRE(rows.size() == 6);  // music, talk, queued, and flood in three zones

    // A notice in 王家村 does not touch a routine in 李家村: both start at 10:00.
    const PlanRow& music = row_of(rows, "music", "李家村");
    CHECK(music.start == local_at(10, 0));
    CHECK(music.outcome == Outcome::interrupted);
    CHECK(music.end == local_at(10, 3));
    CHECK(music.interrupted_by == "flood");
    CHECK(music.attempts == 1);

    const PlanRow& talk = row_of(rows, "talk", "王家村");
    CHECK(talk.start == local_at(10, 0));
    CHECK(talk.outcome == Outcome::interrupted);
    CHECK(talk.end == local_at(10, 3));

    // The emergency starts in every zone at the same instant: free (村委会) or held by lower
    // priority (李家村, 王家村).
    for (const char* zone : {"李家村", "王家村", "村委会"}) {
        const PlanRow& flood = row_of(rows, "flood", zone);
        CHECK(flood.outcome == Outcome::aired);
        CHECK(flood.start == local_at(10, 3));
        CHECK(flood.end == local_at(10, 5));
        CHECK(flood.delay == Millis(0));
    }

    // The notice queued in 王家村 behind `talk` airs there after the emergency and the gap.
    const PlanRow& queued = row_of(rows, "queued", "王家村");
    CHECK(queued.outcome == Outcome::aired);
    CHECK(queued.start == local_at(10, 5, 2));
    CHECK(queued.delay == minutes(4) + seconds(2));
    CHECK(queued.end == local_at(10, 6, 2));
}

TEST_CASE("the plan names each row's zone in every format") {
    const ScheduleContext ctx = village_context();
    const Schedule schedule({parse(village_schedule, ctx)}, ctx);
    const auto rows =
        make_plan(schedule, local_at(10, 3), local_at(10, 4), village_durations(), ArbiterConfig{});
    REQUIRE(rows.size() == 3);
    const auto* zone = &find_zone("Asia/Shanghai");
    const std::string table = format_plan(rows, PlanFormat::table, zone);
    CHECK(table.find("zone") != std::string::npos);
    CHECK(table.find("flood      村委会") != std::string::npos);
    const std::string json = format_plan(rows, PlanFormat::json, zone);
    CHECK(json.find("\"broadcast\":\"flood\",\"zone\":\"王家村\"") != std::string::npos);
    const std::string csv = format_plan(rows, PlanFormat::csv, zone);
    CHECK(csv.find(",flood,李家村,meeting-call,") != std::string::npos);
}

TEST_CASE("ZoneArbiters keeps airing ids unique across zones and refuses an unknown one") {
    ZoneArbiters arbiters;
    Occurrence a;
    a.broadcast_id = "a";
    a.scheduled = local_at(10, 0);
    a.playlist = "news";
    a.zone = "李家村";
    Occurrence b = a;
    b.zone = "王家村";
    auto da = arbiters.due(a, local_at(10, 0));
    auto db = arbiters.due(b, local_at(10, 0));
    REQUIRE(da.size() == 1);
    REQUIRE(db.size() == 1);
    const auto& sa = std::get<Start>(da[0]);
    const auto& sb = std::get<Start>(db[0]);
    CHECK(sa.airing != sb.airing);
    CHECK(sa.occurrence.zone == "李家村");
    CHECK(sb.occurrence.zone == "王家村");
    CHECK_FALSE(arbiters.idle());
    auto end_a = arbiters.ended(sa.airing, local_at(10, 1), EndKind::finished);
    REQUIRE(end_a.size() == 1);
    CHECK(std::get<Final>(end_a[0]).occurrence.zone == "李家村");
    CHECK_THROWS_AS(arbiters.ended(sa.airing, local_at(10, 1), EndKind::finished),
                    std::invalid_argument);
    auto end_b = arbiters.ended(sb.airing, local_at(10, 2), EndKind::finished);
    REQUIRE(end_b.size() == 1);
    CHECK(arbiters.idle());
}
