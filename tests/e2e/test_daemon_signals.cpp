// The real-time daemon and the signals and processes around it: SIGTERM while an airing goes
// out, and a second daemon started on the same station.

#include <catch2/catch.hpp>

#include <csignal>
#include <cstdlib>
#include <thread>

#include "tests/e2e/station_builder.hpp"
#include "tests/support/fixtures.hpp"
#include "tests/support/run_command.hpp"

using nlohmann::json;
using vc::test::TempDir;

namespace {

std::int64_t now_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

}  // namespace

TEST_CASE(
    "SIGTERM during an airing: the daemon exits 0 within 2 s and logs the airing as "
    "interrupted") {
    TempDir dir;
    const auto station = dir.path() / "station";
    const auto at = vc::test::write_one_shot_station(station, "talk", "talk/long", 20.0, 3);
    auto daemon = vc::test::start_running(station, "null");

    // Two seconds into the airing.
    std::this_thread::sleep_until(std::chrono::system_clock::time_point(at) +
                                  std::chrono::seconds(2));
    INFO("the daemon said:\n" << daemon->err());
    REQUIRE(daemon->err().find("airing talk") != std::string::npos);
    const auto term_ms = now_ms();
    const auto sent = std::chrono::steady_clock::now();
    daemon->signal(SIGTERM);
    const auto code = daemon->wait_for_exit(std::chrono::seconds(5));
    const auto took = std::chrono::steady_clock::now() - sent;
    REQUIRE(code.has_value());
    CHECK(*code == 0);
    CHECK(took < std::chrono::seconds(2));

    const json log = vc::test::audit_export(station);
    const auto rows = vc::test::rows_of(log, "talk");
    INFO("log: " << log["airings"].dump(1));
    REQUIRE(rows.size() == 1);
    const auto& r = rows.front();
    CHECK(r["status"] == "interrupted");
    CHECK(r["final"] == true);
    CHECK(r["reason"].get<std::string>().find("daemon stopped") != std::string::npos);
    // It began on time (a null output keeps real time) and ended with the 0.5 s fade after
    // the signal, not at the clip's end 18 s later.
    REQUIRE(r["start_ms"].is_number());
    REQUIRE(r["end_ms"].is_number());
    CHECK(std::abs(r["start_ms"].get<std::int64_t>() - vc::test::utc_ms(at)) <= 100);
    CHECK(r["end_ms"].get<std::int64_t>() >= term_ms);
    CHECK(r["end_ms"].get<std::int64_t>() <= term_ms + 1500);

    const json events = vc::test::audit_export(station, {}, true);
    const auto stops = vc::test::events_of(events, "daemon-stop");
    REQUIRE(stops.size() == 1);
    CHECK(stops.front()["payload"]["reason"] == "SIGTERM");
}

TEST_CASE("a second villagecast run of the same station is refused with a clear message") {
    TempDir dir;
    const auto station = dir.path() / "station";
    vc::test::write_station(station);
    vc::test::write_clip(station, "tone/a3", 3.0);
    vc::test::write_text(station / "schedule.toml",
                         vc::test::broadcast_toml({"daily", "", "tone/a3", "07:00", "", "", ""}));
    auto first = vc::test::start_running(station, "null");

    auto second = vc::test::start_daemon(station, "null");
    const auto code = second->wait_for_exit(std::chrono::seconds(10));
    INFO("the second said:\n" << second->err());
    REQUIRE(code.has_value());  // it did not stay up beside the first
    CHECK(*code != 0);
    CHECK(second->err().find("already running") != std::string::npos);
    // It names the process that holds the station.
    CHECK(second->err().find(std::to_string(first->pid())) != std::string::npos);

    // The first runs on, and the log holds only its start.
    CHECK(first->running());
    const json events = vc::test::audit_export(station, {}, true);
    CHECK(vc::test::events_of(events, "daemon-start").size() == 1);
    vc::test::check_stops(*first);
}
