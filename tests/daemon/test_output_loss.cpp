// The simulated output lost and back (SimulatedChain::lose_output): what airs is cut off ("output
// lost: ..."), what comes due while the output is away waits and is missed when its late window
// passes, and what comes due after it is back airs on time, on the same clock. (`cut` may
// start again only within 1 s, so it is not tried again once the output is lost.)

#include <catch2/catch.hpp>

#include <algorithm>

#include "asrun/airings.hpp"
#include "tests/daemon/daemon_fixture.hpp"

using namespace vc;
using namespace vc::test;

namespace {

std::vector<asrun::AiringRow> rows_of(const std::vector<asrun::AiringRow>& rows,
                                      const std::string& id) {
    std::vector<asrun::AiringRow> out;
    std::copy_if(rows.begin(), rows.end(), std::back_inserter(out),
                 [&](const asrun::AiringRow& r) { return r.broadcast == id; });
    return out;
}

}  // namespace

TEST_CASE("the output lost mid-airing and back: failed, missed while away, then on time") {
    test::TempDir dir;
    make_station(dir.path(),
                 "[[broadcast]]\nid = \"cut\"\nplaylist = \"tone\"\nat = \"2026-12-01 "
                 "08:00:00\"\nlate = \"1s\"\n"
                 "[[broadcast]]\nid = \"away\"\nplaylist = \"tone\"\nat = \"2026-12-01 "
                 "08:00:30\"\nlate = \"10s\"\n"
                 "[[broadcast]]\nid = \"back\"\nplaylist = \"tone\"\nat = \"2026-12-01 "
                 "08:01:30\"\n");
    Daemon d(dir.path(), local("2026-12-01 07:59:00"));
    d.run.start("test");
    d.run.run_until(local("2026-12-01 08:00:02"));
    d.chain.lose_output("the sound device was unplugged");
    d.run.run_until(local("2026-12-01 08:01:00"));
    CHECK_FALSE(d.chain.is_open());
    d.chain.restore_output();
    d.run.run_until(local("2026-12-01 08:02:00"));
    d.run.finish();

    const auto rows = d.rows();
    const auto cut = rows_of(rows, "cut");
    REQUIRE(!cut.empty());
    CHECK(cut.front().status == asrun::AiringStatus::interrupted);  // part of it went out
    CHECK(cut.front().reason.find("output lost: the sound device was unplugged") !=
          std::string::npos);
    CHECK(cut.back().final);

    const auto away = rows_of(rows, "away");
    REQUIRE(away.size() == 1);
    CHECK(away.front().status == asrun::AiringStatus::missed);
    CHECK(away.front().reason.find("output unavailable") != std::string::npos);

    const auto back = rows_of(rows, "back");
    REQUIRE(back.size() == 1);
    CHECK(back.front().status == asrun::AiringStatus::aired);
    REQUIRE(back.front().start);
    // The stream opened again from the frame the clock had reached: on time to the millisecond.
    CHECK(*back.front().start == local("2026-12-01 08:01:30"));
}

TEST_CASE("an airing waiting for the lost output asks to be woken later, not at an instant past") {
    test::TempDir dir;
    make_station(dir.path(),
                 "[[broadcast]]\nid = \"first\"\nplaylist = \"tone\"\nat = \"2026-12-01 "
                 "08:00:00\"\n"
                 "[[broadcast]]\nid = \"second\"\nplaylist = \"tone\"\nat = \"2026-12-01 "
                 "08:00:02\"\n");
    Daemon d(dir.path(), local("2026-12-01 07:59:00"));
    d.run.start("test");
    d.run.run_until(local("2026-12-01 08:00:01"));
    d.chain.lose_output("the sound device was unplugged");
    // The loss ends `first`; `second`, waiting behind it, is started and waits for the output.
    d.run.run_until(local("2026-12-01 08:00:01") + std::chrono::milliseconds(900));
    REQUIRE(d.service.airings_in_flight() == 1);
    // A driver calls wake(now) and then waits until next_wakeup(): an instant at or before now
    // would have it call again at once, for ever (the simulated clock never moves; a real
    // daemon spins a core until the output is back).
    d.clock.advance(std::chrono::seconds(2));
    d.service.wake(d.clock.now());
    const auto next = d.service.next_wakeup();
    REQUIRE(next);
    REQUIRE(*next > d.clock.now());

    d.chain.restore_output();
    d.run.run_until(local("2026-12-01 08:00:30"));
    d.run.finish();
    const auto second = rows_of(d.rows(), "second");
    REQUIRE(second.size() == 1);
    CHECK(second.front().status == asrun::AiringStatus::aired);
}
