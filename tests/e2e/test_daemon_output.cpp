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
    vc::test::write_station(station);
    vc::test::write_clip(station, "tone/a2", 2.0);
    const auto at = vc::test::seconds_from_now(3);
    vc::test::write_text(station / "schedule.toml",
                         vc::test::broadcast_toml(
                             {"notice", "", "tone/a2", vc::test::shanghai_text(at), "", "2s", ""}));
    auto daemon = vc::test::start_daemon(station, "no such loudspeaker device");
    vc::test::require_running(*daemon);

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
    daemon->signal(SIGTERM);
    CHECK(daemon->wait_for_exit(std::chrono::seconds(5)) == 0);
}
