// The daemon's service on a simulated clock: wall-clock steps forward (small and over a day)
// and back, with the real stream, conflict rules and SQLite as-run log.

#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>

#include "app/simulated_run.hpp"
#include "asrun/airings.hpp"
#include "asrun/log_store.hpp"
#include "engine/service.hpp"
#include "engine/simulated_chain.hpp"
#include "scheduler/date_text.hpp"
#include "scheduler/local_time.hpp"
#include "station/station_state.hpp"
#include "tests/daemon/daemon_fixture.hpp"

using namespace vc;
using namespace vc::test;
using namespace std::chrono;

namespace {

/// The row of broadcast `id`; REQUIREs that there is one.
const asrun::AiringRow& row_of(const std::vector<asrun::AiringRow>& rows, const std::string& id) {
    const auto it = std::find_if(rows.begin(), rows.end(),
                                 [&](const asrun::AiringRow& r) { return r.broadcast == id; });
    INFO("broadcast " << id);
    REQUIRE(it != rows.end());
    return *it;
}

/// The clock-step events of the daemon's log.
std::vector<asrun::StoredEvent> clock_steps(Daemon& d) {
    return asrun::list_events(
        d.audit.store(),
        {std::nullopt, std::nullopt, {asrun::EventKind::clock_step}, std::nullopt});
}

}  // namespace

TEST_CASE(
    "a small forward step: what was stepped over starts late within its window, or is missed") {
    test::TempDir dir;
    make_station(dir.path(),
                 "[[broadcast]]\nid = \"wide\"\nplaylist = \"tone\"\nat = \"2026-12-01 "
                 "08:00:30\"\nlate = \"10m\"\n"
                 "[[broadcast]]\nid = \"narrow\"\nplaylist = \"tone\"\nat = \"2026-12-01 "
                 "08:00:40\"\nlate = \"5s\"\n");
    Daemon d(dir.path(), local("2026-12-01 08:00:00"));
    d.run.start("test");
    d.run.run_until(local("2026-12-01 08:00:10"));
    d.run.step_wall(seconds(60));  // now 08:01:10
    d.run.run_until(local("2026-12-01 08:02:00"));
    d.run.finish();

    auto rows = d.rows();
    const auto& wide = row_of(rows, "wide");
    const auto& narrow = row_of(rows, "narrow");
    CHECK(wide.status == asrun::AiringStatus::aired);
    REQUIRE(wide.planned_start);
    // Started at the step (08:01:10), or within the 0.5 s the rules commit ahead of a start.
    CHECK(*wide.planned_start >= local("2026-12-01 08:01:10"));
    CHECK(*wide.planned_start <= local("2026-12-01 08:01:10") + milliseconds(500));
    CHECK(narrow.status == asrun::AiringStatus::missed);
    CHECK(narrow.reason.find("clock") != std::string::npos);
    auto events = clock_steps(d);
    REQUIRE(events.size() == 1);
    const auto& step = std::get<asrun::ClockStep>(events[0].event.body);
    CHECK(step.to - step.from == seconds(60));
    CHECK(step.skipped == 0);
}

TEST_CASE("a forward step of more than a day is one clock-step event counting what it skipped") {
    test::TempDir dir;
    make_station(
        dir.path(),
        "[[broadcast]]\nid = \"daily\"\nplaylist = \"tone\"\nat = [\"08:00\", \"20:00\"]\n");
    Daemon d(dir.path(), local("2026-12-01 07:00:00"));
    d.run.start("test");
    d.run.run_until(local("2026-12-01 09:00:00"));  // 08:00 airs
    d.run.step_wall(hours(72));                     // now 2026-12-04 09:00
    d.run.run_until(local("2026-12-04 21:00:00"));  // 20:00 on the 4th airs
    d.run.finish();

    auto events = clock_steps(d);
    REQUIRE(events.size() == 1);
    // Passed over: 1st 20:00, 2nd 08:00 and 20:00, 3rd 08:00 and 20:00, 4th 08:00.
    CHECK(std::get<asrun::ClockStep>(events[0].event.body).skipped == 6);
    auto rows = d.rows();
    REQUIRE(rows.size() == 2);  // no row for each skipped occurrence
    CHECK(rows[0].scheduled == local("2026-12-01 08:00:00"));
    CHECK(rows[1].scheduled == local("2026-12-04 20:00:00"));
    CHECK(rows[1].status == asrun::AiringStatus::aired);
}

TEST_CASE("after a backward step nothing airs twice") {
    test::TempDir dir;
    make_station(
        dir.path(),
        "[[broadcast]]\nid = \"once\"\nplaylist = \"tone\"\nat = \"2026-12-01 08:00:30\"\n");
    Daemon d(dir.path(), local("2026-12-01 08:00:00"));
    d.run.start("test");
    d.run.run_until(local("2026-12-01 08:01:00"));  // it aired 08:00:30 to 08:00:35
    d.run.step_wall(-minutes(5));                   // 07:56: the same instant comes again
    d.run.run_until(local("2026-12-01 08:03:00"));
    d.run.finish();

    auto rows = d.rows();
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].status == asrun::AiringStatus::aired);
    CHECK(rows[0].scheduled == local("2026-12-01 08:00:30"));
}

TEST_CASE("a one-shot added inside the preparation lead, before what is already announced, airs") {
    test::TempDir dir;
    make_station(dir.path(),
                 "[[broadcast]]\nid = \"later\"\nplaylist = \"tone\"\nat = \"2026-12-01 "
                 "08:00:10\"\n");
    Daemon d(dir.path(), local("2026-12-01 08:00:00"));
    d.run.start("test");
    // 08:00:10 was announced at 08:00:05 (the 5 s lead).
    d.run.run_until(local("2026-12-01 08:00:06"));
    write_text(dir.path() / "schedule.d/console.toml",
               "[[broadcast]]\nid = \"early\"\nplaylist = \"tone\"\nat = \"2026-12-01 "
               "08:00:08\"\npriority = \"urgent\"\n");
    d.service.reload(d.clock.now());
    d.run.run_until(local("2026-12-01 08:01:00"));
    d.run.finish();

    auto rows = d.rows();
    const auto& early = row_of(rows, "early");
    const auto& later = row_of(rows, "later");
    CHECK(early.status == asrun::AiringStatus::aired);
    REQUIRE(early.planned_start);
    CHECK(*early.planned_start == local("2026-12-01 08:00:08"));
    CHECK(later.status == asrun::AiringStatus::aired);
}
