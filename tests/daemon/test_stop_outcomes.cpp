// The daemon stopping: everything that began has its `ended` row before daemon-stop, even when
// the output never confirms the fade-out, and everything that came due and waits gets its final
// outcome then.

#include <catch2/catch.hpp>

#include <algorithm>

#include "asrun/airings.hpp"
#include "tests/daemon/daemon_fixture.hpp"

using namespace vc;
using namespace vc::test;
using namespace std::chrono;

namespace {

/// Every event of the daemon's log, oldest first.
std::vector<asrun::StoredEvent> all_events(Daemon& d) {
    return d.audit.store().read();
}

std::int64_t seq_of_stop(const std::vector<asrun::StoredEvent>& events) {
    for (const auto& e : events)
        if (e.event.kind() == asrun::EventKind::daemon_stop) return e.row.seq;
    return -1;
}

}  // namespace

TEST_CASE("a stop the output never confirms still ends each airing before daemon-stop") {
    test::TempDir dir;
    make_station(dir.path(),
                 "[[broadcast]]\nid = \"talk\"\nplaylist = \"tone\"\nat = \"2026-12-01 "
                 "08:00:10\"\n");
    Daemon d(dir.path(), local("2026-12-01 08:00:00"));
    d.run.start("test");
    d.run.run_until(local("2026-12-01 08:00:12"));
    // SIGTERM, and the output reports nothing more (a stuck device, a feeder far behind): the
    // daemon gives up waiting and finishes.
    d.service.stop(d.clock.now(), "SIGTERM");
    REQUIRE_FALSE(d.service.done());
    d.service.finish(d.clock.now());

    const auto rows = d.rows();
    REQUIRE(rows.size() == 1);
    CHECK(rows.front().broadcast == "talk");
    CHECK(rows.front().status == asrun::AiringStatus::interrupted);
    CHECK(rows.front().final);
    CHECK(rows.front().reason == "daemon stopped (SIGTERM); the output did not confirm the end");
    REQUIRE(rows.front().end_seq);
    const auto events = all_events(d);
    CHECK(*rows.front().end_seq < seq_of_stop(events));
}

TEST_CASE("what waits behind an airing when the daemon stops is missed before daemon-stop") {
    test::TempDir dir;
    // `first` airs 08:00:10-15; `second` comes due at 08:00:12 and waits behind it.
    make_station(dir.path(),
                 "[[broadcast]]\nid = \"first\"\nplaylist = \"tone\"\nat = \"2026-12-01 "
                 "08:00:10\"\n[[broadcast]]\nid = \"second\"\nplaylist = \"tone\"\nat = "
                 "\"2026-12-01 08:00:12\"\n[[broadcast]]\nid = \"later\"\nplaylist = "
                 "\"tone\"\nat = \"2026-12-01 09:00:00\"\n");
    Daemon d(dir.path(), local("2026-12-01 08:00:00"));
    d.run.start("test");
    d.run.run_until(local("2026-12-01 08:00:13"));
    d.run.finish();  // stop, wait for the fade, daemon-stop

    const auto rows = d.rows();
    const auto events = all_events(d);
    auto row = [&](const std::string& id) {
        auto it = std::find_if(rows.begin(), rows.end(),
                               [&](const asrun::AiringRow& r) { return r.broadcast == id; });
        INFO(id);
        REQUIRE(it != rows.end());
        return *it;
    };
    CHECK(row("first").status == asrun::AiringStatus::interrupted);
    CHECK(row("first").final);
    const auto second = row("second");
    CHECK(second.status == asrun::AiringStatus::missed);
    CHECK(second.reason == "daemon stopped (end of simulation) before it began");
    CHECK(second.seq < seq_of_stop(events));
    // What is scheduled later has no row: a restart airs it.
    CHECK(std::none_of(rows.begin(), rows.end(),
                       [](const asrun::AiringRow& r) { return r.broadcast == "later"; }));
}
