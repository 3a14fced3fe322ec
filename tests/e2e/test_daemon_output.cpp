// The daemon whose output device is not there: it keeps running, and what cannot start before
// its late window passes is logged as missed because the output is unavailable.

#include <catch2/catch.hpp>

#include <csignal>

#include "tests/e2e/station_builder.hpp"
#include "tests/support/fixtures.hpp"
#include "tests/support/run_command.hpp"

using nlohmann::json;
using vc::test::TempDir;

TEST_CASE(
    "a missing output device: the daemon stays up and the occurrence is missed with "
    "\"output unavailable\"") {
    TempDir dir;
    const auto station = dir.path() / "station";
    const auto at = vc::test::write_one_shot_station(station, "notice", "tone/a2", 2.0, 3, "2s");
    auto daemon = vc::test::start_running(station, "no such loudspeaker device");

    auto missed = [](const json& l) {
        for (const auto& r : vc::test::rows_of(l, "notice"))
            if (r.value("status", "") == "missed") return true;
        return false;
    };
    const json log = vc::test::wait_for_log(station, missed, std::chrono::seconds(15));
    INFO("the daemon said:\n" << daemon->err() << "\nlog: " << log.dump(1));
    const auto rows = vc::test::rows_of(log, "notice");
    REQUIRE(rows.size() == 1);
    CHECK(rows.front()["status"] == "missed");
    CHECK(rows.front()["final"] == true);
    CHECK(rows.front()["reason"].get<std::string>().find("output unavailable") !=
          std::string::npos);
    CHECK(rows.front()["scheduled_ms"] == vc::test::utc_ms(at));

    // Still up, and it stops cleanly.
    CHECK(daemon->running());
    vc::test::check_stops(*daemon);
}
