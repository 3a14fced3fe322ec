// The as-run log deleted while the daemon runs: the next row starts a new log whose first row
// names the lost one, the daemon says so, and nothing after the deletion is lost.

#include <catch2/catch.hpp>

#include <csignal>
#include <filesystem>
#include <thread>

#include "tests/e2e/station_builder.hpp"
#include "tests/support/fixtures.hpp"

using nlohmann::json;
using vc::test::TempDir;

TEST_CASE(
    "state/audit.db deleted while the daemon runs: a new log names the lost head, no later "
    "row is lost") {
    TempDir dir;
    const auto station = dir.path() / "station";
    vc::test::write_station(station);
    vc::test::write_clip(station, "talk/short", 1.0, 440.0);
    const auto at = vc::test::seconds_from_now(3);
    vc::test::write_text(station / "schedule.toml",
                         vc::test::one_shot_toml("talk", "talk/short", at));
    auto daemon = vc::test::start_running(station, "null");

    const auto log = station / "state" / "audit.db";
    REQUIRE(std::filesystem::exists(log));
    for (const char* suffix : {"", "-wal", "-shm"})
        std::filesystem::remove(std::filesystem::path(log.string() + suffix));

    // The airing after the deletion writes its rows: the first write finds the file gone.
    std::this_thread::sleep_until(std::chrono::system_clock::time_point(at) +
                                  std::chrono::seconds(3));
    daemon->signal(SIGTERM);
    REQUIRE(daemon->wait_for_exit(std::chrono::seconds(5)).has_value());
    INFO("the daemon said:\n" << daemon->err());
    CHECK(daemon->err().find("was deleted") != std::string::npos);

    const json events = vc::test::audit_export(station, {}, true);
    const auto notes = vc::test::events_of(events, "system");
    REQUIRE_FALSE(notes.empty());
    const auto& first = notes.front();
    CHECK(first["payload"]["action"] == "log-recreated");
    const std::string detail = first["payload"]["detail"];
    CHECK(detail.find("was deleted") != std::string::npos);
    CHECK(detail.find("rows, its head row") != std::string::npos);
    // The airing and the stop that came after the deletion are all in the new log.
    const auto rows = vc::test::rows_of(vc::test::audit_export(station), "talk");
    REQUIRE(rows.size() == 1);
    CHECK(rows.front()["status"] == "aired");
    CHECK(vc::test::events_of(events, "daemon-stop").size() == 1);
}
