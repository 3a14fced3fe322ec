// Real time, real audio: the daemon plays through PortAudio into a PulseAudio null sink that
// paces like a sound card, and a parec recording of the sink shows when each airing arrived.

#include <catch2/catch.hpp>

#include <cmath>
#include <csignal>
#include <cstdlib>
#include <thread>

#include "tests/e2e/station_builder.hpp"
#include "tests/support/fixtures.hpp"
#include "tests/support/pulse_server.hpp"
#include "tests/support/run_command.hpp"

using nlohmann::json;
using vc::test::TempDir;

namespace {

/// Indices where sound (|x| > 0.02) begins after at least `quiet` samples below 0.002.
std::vector<std::int64_t> onsets(const std::vector<float>& x, std::int64_t quiet) {
    std::vector<std::int64_t> out;
    std::int64_t still = quiet;
    for (std::size_t i = 0; i < x.size(); ++i) {
        const float a = std::fabs(x[i]);
        if (a > 0.02f) {
            if (still >= quiet) out.push_back(static_cast<std::int64_t>(i));
            still = 0;
        } else if (a < 0.002f) {
            ++still;
        } else {
            still = 0;
        }
    }
    return out;
}

}  // namespace

TEST_CASE(
    "real time, real audio: two one-shots 5 s apart arrive 240000 frames apart, each "
    "logged within 20 ms of its instant") {
    vc::test::PulseServer pulse;
    TempDir dir;
    const auto station = dir.path() / "station";
    vc::test::write_station(station, {"default", "2s", ""});
    // A click on frame 0 marks each airing's first sample.
    vc::test::write_clip(station, "tone/a2", 2.0, 440.0);
    const auto first = vc::test::seconds_from_now(7);
    const auto second = first + std::chrono::seconds(5);
    vc::test::write_text(station / "schedule.toml",
                         vc::test::one_shot_toml("first", "tone/a2", first) +
                             vc::test::one_shot_toml("second", "tone/a2", second));
    // The daemon reaches the test's PulseAudio through ALSA's default device.
    const auto env = vc::test::pulse_env();
    vc::test::MonitorRecording recording(dir.path() / "loudspeaker.raw");
    auto daemon = vc::test::start_running(station, "", env);

    std::this_thread::sleep_until(std::chrono::system_clock::time_point(second) +
                                  std::chrono::seconds(3));
    const auto captured = recording.stop();
    vc::test::check_stops(*daemon);
    INFO("the daemon said:\n" << daemon->err());

    const auto found = onsets(captured, 24000);
    INFO("recorded " << captured.size() << " frames; onsets at " << json(found).dump());
    REQUIRE(found.size() == 2);
    CHECK(std::llabs(found[1] - found[0] - 240000) <= 240);

    const json log = vc::test::audit_export(station);
    INFO("log: " << log["airings"].dump(1));
    for (const auto& [id, at] : {std::pair{"first", first}, std::pair{"second", second}}) {
        INFO(id);
        const auto rows = vc::test::rows_of(log, id);
        REQUIRE(rows.size() == 1);
        CHECK(rows.front()["status"] == "aired");
        REQUIRE(rows.front()["start_ms"].is_number());
        CHECK(std::llabs(rows.front()["start_ms"].get<std::int64_t>() - vc::test::utc_ms(at)) <=
              20);
    }
}
