// Zones on channels of one sound card, through the binary: each airing plays on its zone's
// channels only, from its exact frame; each zone keeps its own conflict rules; every as-run row
// names its zone; a zone on another output (a Snapcast stream) starts at the same instant.

#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <thread>

#include <date/tz.h>

#include "tests/e2e/station_builder.hpp"
#include "tests/support/fixtures.hpp"
#include "tests/support/pulse_server.hpp"
#include "tests/support/run_command.hpp"

using nlohmann::json;
using vc::test::channel_of;
using vc::test::TempDir;
using vc::test::villagecast;

namespace {

/// A 4-channel card: 李家村 on channel 1, 王家村 on channel 2, 村委会 on channels 3 and 4;
/// 张家村 listens on a Snapcast stream (in a simulated run, a null output of its own).
const char* const zones_toml = R"([[zone]]
name = "李家村"
output = "default:1"
[[zone]]
name = "王家村"
output = "default:2"
[[zone]]
name = "村委会"
output = "default:3+4"
[[zone]]
name = "张家村"
output = "snapcast:zhangjia"

[group]
east = ["李家村", "王家村"]
)";

/// The first frame at or after `from` that is not digital silence, or -1.
std::int64_t first_sound(const std::vector<float>& ch, std::int64_t from) {
    for (auto f = from; f < static_cast<std::int64_t>(ch.size()); ++f)
        if (ch[static_cast<std::size_t>(f)] != 0.0f) return f;
    return -1;
}

/// Whether frames [from, to) are all digital silence.
bool silent(const std::vector<float>& ch, std::int64_t from, std::int64_t to) {
    return std::all_of(ch.begin() + from, ch.begin() + to, [](float s) { return s == 0.0f; });
}

}  // namespace

TEST_CASE(
    "zones on channels of one card: each airing plays on its zone's channels only, from its "
    "exact frame, by its zone's own rules, and its rows name the zone") {
    TempDir dir;
    const auto station = dir.path() / "station";
    vc::test::write_station(station, {"default", "2s", zones_toml, 4});
    vc::test::write_clip(station, "c/li", 3.0, 440.0);
    vc::test::write_clip(station, "c/wang", 3.0, 550.0);
    vc::test::write_clip(station, "c/alarm", 2.0, 1000.0);
    vc::test::write_text(
        station / "schedule.toml",
        vc::test::schedule_toml({
            // 20:00:10, frame 480000: a routine in 李家村 and a notice in 王家村 at the same
            // instant. With one output the notice would go first; each zone has its own.
            {"li", "", "c/li", "2026-12-03 20:00:10", "routine", "", "zones = [\"李家村\"]"},
            {"wang", "", "c/wang", "2026-12-03 20:00:10", "notice", "", "zones = [\"王家村\"]"},
            // 20:00:20, frame 960000: every zone, each at the same frame.
            {"flood", "", "c/alarm", "2026-12-03 20:00:20", "emergency", "", "zones = [\"all\"]"},
        }));

    const json plan = vc::test::villagecast_json({"plan", "-s", station.string(), "--from",
                                                  "2026-12-03", "--days", "1", "--format", "json"});
    REQUIRE(plan.size() == 6);  // li, wang, and flood in four zones
    std::map<std::string, json> planned;
    for (const auto& p : plan)
        planned[p["broadcast"].get<std::string>() + "@" + p["zone"].get<std::string>()] = p;
    REQUIRE(planned.count("flood@张家村") == 1);
    CHECK(planned["flood@张家村"]["outcome"] == "aired");
    CHECK(planned["flood@张家村"]["start_utc_ms"] == planned["flood@李家村"]["start_utc_ms"]);
    CHECK(planned["flood@村委会"]["outcome"] == "aired");
    CHECK(planned["li@李家村"]["start_utc_ms"] == planned["wang@王家村"]["start_utc_ms"]);

    const auto out = dir.path() / "card.wav";
    const auto audit = dir.path() / "card.db";
    {
        auto run = villagecast({"run", "-s", station.string(), "--simulate",
                                "2026-12-03T20:00:00/2026-12-03T20:00:40", "--output",
                                "wav:" + out.string(), "--audit", audit.string()});
        INFO(run.err);
        REQUIRE(run.exit_code == 0);
        CHECK(run.err.find("its airings are logged as failed") == std::string::npos);
    }
    int rate = 0, channels = 0;
    const auto samples = vc::test::read_audio(out, rate, channels);
    REQUIRE(rate == 48000);
    REQUIRE(channels == 4);
    REQUIRE(samples.size() == static_cast<std::size_t>(40 * 48000 * 4));
    const auto li = channel_of(samples, 4, 0);
    const auto wang = channel_of(samples, 4, 1);
    const auto office_l = channel_of(samples, 4, 2);
    const auto office_r = channel_of(samples, 4, 3);

    // 李家村 hears its 440 Hz tone from frame 480000 for 3 s, then nothing until the flood.
    CHECK(first_sound(li, 0) == 480000);
    CHECK(vc::test::crossings(li, 480000 + 48000) == Approx(880).margin(4));
    CHECK(silent(li, 480000 + 3 * 48000, 960000));
    // 王家村 hears its 550 Hz tone from the same frame.
    CHECK(first_sound(wang, 0) == 480000);
    CHECK(vc::test::crossings(wang, 480000 + 48000) == Approx(1100).margin(4));
    CHECK(silent(wang, 480000 + 3 * 48000, 960000));
    // 村委会 hears nothing before the flood.
    CHECK(first_sound(office_l, 0) == 960000);
    CHECK(first_sound(office_r, 0) == 960000);
    // The flood starts on one frame in every zone, a 1 kHz tone for 2 s, then silence.
    for (const auto* ch : {&li, &wang, &office_l, &office_r}) {
        CHECK(first_sound(*ch, 900000) == 960000);
        CHECK(vc::test::crossings(*ch, 960000 + 24000) == Approx(2000).margin(4));
        CHECK(silent(*ch, 960000 + 2 * 48000, 40 * 48000));
    }

    // Every airing's rows name its zone; no row says "all".
    const json log = vc::test::audit_export(station, audit);
    std::map<std::string, json> aired;
    for (const auto& a : log["airings"]) {
        INFO(a.dump());
        REQUIRE(a["zones"].size() == 1);
        CHECK(a["zones"][0] != "all");
        aired[a["broadcast"].get<std::string>() + "@" + a["zones"][0].get<std::string>()] = a;
    }
    REQUIRE(aired.size() == 6);
    for (const auto& [key, p] : planned) {
        INFO(key);
        REQUIRE(aired.count(key) == 1);
        CHECK(aired[key]["status"] == p["outcome"]);
        CHECK(aired[key]["start_ms"] == p["start_utc_ms"]);
    }
    CHECK(aired["flood@张家村"]["status"] == "aired");
    CHECK(aired["flood@李家村"]["start_ms"] == aired["flood@村委会"]["start_ms"]);
    CHECK(aired["flood@张家村"]["start_ms"] == aired["flood@李家村"]["start_ms"]);
}

TEST_CASE(
    "real time, real audio: two zones on channels 1 and 2 of a 4-channel card each hear "
    "their own tone only, from the same frame") {
    vc::test::PulseServer pulse(4);
    TempDir dir;
    const auto station = dir.path() / "station";
    vc::test::write_station(station, {"default", "2s",
                                      "[[zone]]\nname = \"李家村\"\noutput = \"default:1\"\n"
                                      "[[zone]]\nname = \"王家村\"\noutput = \"default:2\"\n",
                                      4});
    // A click on frame 0 marks each airing's first sample.
    vc::test::write_clip(station, "c/li", 2.0, 440.0);
    vc::test::write_clip(station, "c/wang", 2.0, 550.0);
    const auto at = vc::test::seconds_from_now(7);
    vc::test::write_text(
        station / "schedule.toml",
        vc::test::broadcast_toml(
            {"li", "", "c/li", vc::test::shanghai_text(at), "", "", "zones = [\"李家村\"]"}) +
            vc::test::broadcast_toml({"wang", "", "c/wang", vc::test::shanghai_text(at), "notice",
                                      "", "zones = [\"王家村\"]"}));
    vc::test::MonitorRecording recording(dir.path() / "card.raw", 4);
    auto daemon = vc::test::start_running(station, "", vc::test::pulse_env());
    std::this_thread::sleep_until(std::chrono::system_clock::time_point(at) +
                                  std::chrono::seconds(4));
    const auto captured = recording.stop();
    vc::test::check_stops(*daemon);
    INFO("the daemon said:\n" << daemon->err());

    const auto li = channel_of(captured, 4, 0);
    const auto wang = channel_of(captured, 4, 1);
    const auto rear_l = channel_of(captured, 4, 2);
    const auto rear_r = channel_of(captured, 4, 3);
    const std::int64_t onset = first_sound(li, 0);
    INFO("recorded " << li.size() << " frames; 李家村 begins at " << onset << ", 王家村 at "
                     << first_sound(wang, 0));
    REQUIRE(onset >= 0);
    REQUIRE(onset + 2 * 48000 <= static_cast<std::int64_t>(li.size()));
    // Both zones begin on one frame of the card, each with its own tone and nothing of the other.
    CHECK(first_sound(wang, 0) == onset);
    CHECK(vc::test::crossings(li, onset + 24000) == Approx(880).margin(4));
    CHECK(vc::test::crossings(wang, onset + 24000) == Approx(1100).margin(4));
    auto peak = [](const std::vector<float>& ch, std::int64_t from, std::int64_t to) {
        float p = 0;
        for (auto f = from; f < to; ++f) p = std::max(p, std::abs(ch[static_cast<std::size_t>(f)]));
        return p;
    };
    CHECK(peak(li, onset + 100, onset + 90000) < 0.26f);  // one tone of peak 0.25, not two
    CHECK(peak(wang, onset + 100, onset + 90000) < 0.26f);
    // Channels 3 and 4 carry nothing.
    CHECK(peak(rear_l, 0, static_cast<std::int64_t>(rear_l.size())) == 0.0f);
    CHECK(peak(rear_r, 0, static_cast<std::int64_t>(rear_r.size())) == 0.0f);

    const json log = vc::test::audit_export(station);
    for (const auto& [id, zone] : {std::pair{"li", "李家村"}, std::pair{"wang", "王家村"}}) {
        const auto rows = vc::test::rows_of(log, id);
        REQUIRE(rows.size() == 1);
        CHECK(rows.front()["status"] == "aired");
        CHECK(rows.front()["zones"] == json::array({zone}));
    }
}
