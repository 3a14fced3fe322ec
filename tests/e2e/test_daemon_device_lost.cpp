// The sound device disappears in the middle of an airing (the test stops its PulseAudio, as a
// USB sound card pulled out would) and comes back: the daemon keeps running, the cut airing is
// logged as interrupted ("output lost") and airs again from its start once the device is back,
// within its late window, and the next occurrence airs as usual.

#include <catch2/catch.hpp>

#include <csignal>
#include <cstdlib>
#include <thread>

#include "tests/e2e/station_builder.hpp"
#include "tests/support/fixtures.hpp"
#include "tests/support/pulse_server.hpp"
#include "tests/support/run_command.hpp"

using nlohmann::json;
using vc::test::TempDir;

TEST_CASE("the output lost mid-airing and back: interrupted, aired again, the next airs",
          "[e2e][pulse]") {
    vc::test::PulseServer pulse;
    TempDir dir;
    const auto station = dir.path() / "station";
    vc::test::write_station(station, {"default", "2s", ""});
    vc::test::write_clip(station, "tone/talk", 10.0, 440.0);
    vc::test::write_clip(station, "tone/a2", 2.0, 660.0);
    const auto talk_at = vc::test::seconds_from_now(6);
    const auto next_at = talk_at + std::chrono::seconds(40);
    vc::test::write_text(station / "schedule.toml",
                         vc::test::one_shot_toml("talk", "tone/talk", talk_at, "60s") +
                             vc::test::one_shot_toml("next", "tone/a2", next_at));
    const auto env = vc::test::pulse_env();
    auto daemon = vc::test::start_running(station, "", env);

    // Three seconds into the talk, the device goes away; four seconds later it is back.
    std::this_thread::sleep_until(std::chrono::system_clock::time_point(talk_at) +
                                  std::chrono::seconds(3));
    pulse.stop();
    auto interrupted = [](const json& l) {
        for (const auto& r : vc::test::rows_of(l, "talk"))
            if (r.value("status", "") == "interrupted") return true;
        return false;
    };
    json log = vc::test::wait_for_log(station, interrupted, std::chrono::seconds(10));
    INFO("the daemon said:\n" << daemon->err() << "\nlog: " << log.dump(1));
    REQUIRE(interrupted(log));
    CHECK(daemon->running());
    std::this_thread::sleep_for(std::chrono::seconds(4));
    pulse.start();

    auto settled = [](const json& l) {
        int finals = 0;
        for (const char* id : {"talk", "next"})
            for (const auto& r : vc::test::rows_of(l, id)) finals += r.value("final", false);
        return finals == 2;
    };
    log = vc::test::wait_for_log(station, settled, std::chrono::seconds(60));
    INFO("the daemon said:\n" << daemon->err() << "\nlog: " << log.dump(1));
    const auto talk = vc::test::rows_of(log, "talk");
    REQUIRE(talk.size() == 2);
    CHECK(talk[0]["status"] == "interrupted");
    CHECK(talk[0]["final"] == false);
    CHECK(talk[0]["reason"].get<std::string>().rfind("output lost", 0) == 0);
    CHECK(talk[1]["status"] == "aired");
    CHECK(talk[1]["final"] == true);
    // Aired again from its start once the device was back (after the 4 s without it).
    CHECK(talk[1]["start_ms"].get<std::int64_t>() >= vc::test::utc_ms(talk_at) + 7000);
    const auto next = vc::test::rows_of(log, "next");
    REQUIRE(next.size() == 1);
    CHECK(next[0]["status"] == "aired");
    CHECK(std::llabs(next[0]["start_ms"].get<std::int64_t>() - vc::test::utc_ms(next_at)) <= 20);

    vc::test::check_stops(*daemon);
    CHECK(vc::test::villagecast({"audit", "verify", "-s", station.string()}).exit_code == 0);
}
