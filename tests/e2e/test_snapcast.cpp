// A station on a Snapcast stream, through the binary and Debian's own snapserver and snapclient:
// `villagecast snapcast config` writes the server's stream, the daemon sends the airing to it a
// buffer ahead, and every receiver on the stream plays it whole; without a snapserver the airing
// is logged as missed, with the reason a clerk can act on.

#include <catch2/catch.hpp>

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <iostream>
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "snapcast/server_status.hpp"
#include "tests/e2e/station_builder.hpp"
#include "tests/support/fixtures.hpp"
#include "tests/support/free_port.hpp"
#include "tests/support/pulse_server.hpp"
#include "tests/support/run_command.hpp"
#include "tests/support/snapcast_server.hpp"

using nlohmann::json;
using vc::test::TempDir;
using vc::test::villagecast;

namespace {

/// A station with snapserver's ports whose [output] is `device` (by default the Snapcast stream
/// "wangjia"), with `zones` ([[zone]] tables) when given.
void write_snapcast_station(const std::filesystem::path& station, std::uint16_t control_port,
                            std::uint16_t receiver_port, std::uint16_t stream_port,
                            const std::string& device = "snapcast:wangjia",
                            const std::string& zones = "") {
    vc::test::StationSettings settings;
    settings.device = device;
    settings.extra = "[snapcast]\ncontrol_port = " + std::to_string(control_port) +
                     "\nreceiver_port = " + std::to_string(receiver_port) +
                     "\nstream_port = " + std::to_string(stream_port) + "\nbuffer = \"1000ms\"\n" +
                     zones;
    vc::test::write_station(station, settings);
}

/// Waits (up to 10 s) until snapserver has every receiver of `ids` connected, so that the
/// daemon's first look at the receivers finds them there (one that connects later is, rightly,
/// a receiver that came back).
void wait_connected(std::uint16_t control, const std::vector<std::string>& ids) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    auto all_there = [&] {
        const auto status = vc::snapcast::server_status({"127.0.0.1", control});
        return std::all_of(ids.begin(), ids.end(), [&](const std::string& id) {
            const auto* r = status.find(id);
            return r != nullptr && r->connected;
        });
    };
    while (!all_there() && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    REQUIRE(all_there());
}

}  // namespace

TEST_CASE(
    "real time, over the network: a station on a Snapcast stream airs through snapserver, and "
    "each receiver on the stream plays the airing whole") {
    TempDir dir;
    const auto station = dir.path() / "station";
    const std::uint16_t control = vc::test::free_port();
    const std::uint16_t stream = vc::test::free_port();
    const std::uint16_t receivers = vc::test::free_port();
    write_snapcast_station(station, control, receivers, stream);
    // A click on frame 0 marks the airing's first sample.
    vc::test::write_clip(station, "c/notice", 2.0, 1000.0);

    const auto config = villagecast({"snapcast", "config", station.string()});
    INFO(config.out << config.err);
    REQUIRE(config.exit_code == 0);
    CHECK(config.out.find("source = tcp://127.0.0.1:" + std::to_string(stream) +
                          "?name=wangjia&mode=server&sampleformat=48000:16:2&codec=pcm") !=
          std::string::npos);
    vc::test::SnapServer server(dir.path() / "snapserver", config.out, control, receivers);
    vc::test::SnapClient first(dir.path() / "receivers", "pi-wangjia-1", receivers);
    vc::test::SnapClient second(dir.path() / "receivers", "pi-wangjia-2", receivers);

    const auto at = vc::test::seconds_from_now(8);
    vc::test::write_text(station / "schedule.toml",
                         vc::test::broadcast_toml({"notice", "", "c/notice",
                                                   vc::test::shanghai_text(at), "notice", "", ""}));
    auto daemon = vc::test::start_running(station, "");
    // The receivers play each frame snapserver's buffer (1 s) after the daemon sends it, so the
    // 2 s airing has been heard whole by `at` + 2 s.
    std::this_thread::sleep_until(std::chrono::system_clock::time_point(at) +
                                  std::chrono::milliseconds(3500));
    vc::test::check_stops(*daemon);
    const auto heard = {first.stop(), second.stop()};
    INFO("the daemon said:\n" << daemon->err() << "\nsnapserver said:\n" << server.log());

    std::vector<float> peaks;
    for (const auto& played : heard) {
        const std::int64_t onset = vc::test::first_above(played, 0.5F);
        INFO("the receiver wrote " << played.size() << " frames; the click at " << onset);
        REQUIRE(onset >= 0);
        REQUIRE(onset + 2 * 48000 <= static_cast<std::int64_t>(played.size()));
        // Silence before the airing, then 2 s of the 1 kHz tone.
        CHECK(vc::test::first_above(std::vector<float>(played.begin(), played.begin() + onset),
                                    0.01F) == -1);
        CHECK(vc::test::crossings(played, onset + 4800) == Approx(2000).margin(4));
        peaks.push_back(std::abs(
            *std::max_element(played.begin() + onset + 100, played.begin() + onset + 90000,
                              [](float a, float b) { return std::abs(a) < std::abs(b); })));
    }
    // The tone at the level the station gave it (normalised to its loudness target), the same
    // at every receiver: nothing of it was lost or mixed twice.
    REQUIRE(peaks.size() == 2);
    CHECK(peaks[0] > 0.1F);
    CHECK(peaks[0] < 0.26F);
    CHECK(peaks[1] == Approx(peaks[0]).epsilon(0.01));
    // The daemon's own listener on the stream told the stream's output when snapserver started
    // it; it is no village's receiver.
    CHECK(daemon->err().find("snapcast:wangjia (127.0.0.1:" + std::to_string(stream) +
                             "): snapserver started the stream's clock") != std::string::npos);
    CHECK(daemon->err().find("did not come within 1 s") == std::string::npos);
    const auto villages = villagecast({"villages", "-s", station.string()});
    INFO(villages.out << villages.err);
    CHECK(villages.exit_code == 0);
    CHECK(villages.out.find("pi-wangjia-1") != std::string::npos);
    CHECK(villages.out.find("villagecast-listener") == std::string::npos);

    const json log = vc::test::audit_export(station);
    const auto rows = vc::test::rows_of(log, "notice");
    REQUIRE(rows.size() == 1);
    CHECK(rows.front()["status"] == "aired");
    // Sent snapserver's buffer ahead of its instant, so that the receivers sound on time: the
    // start the log records is when they play the first frame.
    const auto late_ms = rows.front()["start_ms"].get<std::int64_t>() -
                         rows.front()["scheduled_ms"].get<std::int64_t>();
    CHECK(std::abs(late_ms) <= 20);
}

TEST_CASE(
    "without a snapserver, an airing to a Snapcast stream is logged as missed, naming the "
    "server's address and what to run") {
    TempDir dir;
    const auto station = dir.path() / "station";
    const std::uint16_t stream = vc::test::free_port();  // nothing listens on it
    write_snapcast_station(station, vc::test::free_port(), vc::test::free_port(), stream);
    vc::test::write_clip(station, "c/notice", 1.0, 1000.0);
    const auto at = vc::test::seconds_from_now(5);
    vc::test::write_text(
        station / "schedule.toml",
        vc::test::broadcast_toml(
            {"notice", "", "c/notice", vc::test::shanghai_text(at), "notice", "2s", ""}));
    auto daemon = vc::test::start_running(station, "");
    const json log = vc::test::wait_for_final_row(station, "notice", std::chrono::seconds(30));
    vc::test::check_stops(*daemon);
    INFO("the daemon said:\n" << daemon->err());
    const auto rows = vc::test::rows_of(log, "notice");
    REQUIRE(rows.size() == 1);
    CHECK(rows.front()["status"] == "missed");
    const auto reason = rows.front()["reason"].get<std::string>();
    INFO(reason);
    CHECK(reason.find("cannot reach snapserver's stream \"wangjia\" at 127.0.0.1:" +
                      std::to_string(stream)) != std::string::npos);
    CHECK(reason.find("villagecast snapcast config") != std::string::npos);
}

TEST_CASE(
    "villages lists the receivers snapserver knows, with their village, and assign puts one "
    "receiver on its village's stream while the others stay") {
    TempDir dir;
    const auto station = dir.path() / "station";
    const std::uint16_t control = vc::test::free_port();
    const std::uint16_t receivers = vc::test::free_port();
    write_snapcast_station(station, control, receivers, vc::test::free_port(), "null",
                           "[[zone]]\nname = \"王家村\"\noutput = \"snapcast:wangjia\"\n"
                           "[[zone]]\nname = \"张家村\"\noutput = \"snapcast:zhangjia\"\n");
    const auto config = villagecast({"snapcast", "config", station.string()});
    REQUIRE(config.exit_code == 0);

    // No snapserver yet: the clerk is told where it was looked for.
    const auto away = villagecast({"villages", "-s", station.string()});
    CHECK(away.exit_code == 1);
    CHECK(away.err.find("cannot reach snapserver's control port 127.0.0.1:" +
                        std::to_string(control)) != std::string::npos);

    vc::test::SnapServer server(dir.path() / "snapserver", config.out, control, receivers);
    vc::test::SnapClient first(dir.path() / "receivers", "pi-1", receivers);
    vc::test::SnapClient second(dir.path() / "receivers", "pi-2", receivers);
    auto listed = [&] {
        const auto r = villagecast({"villages", "-s", station.string(), "--format", "json"});
        INFO(r.err);
        REQUIRE(r.exit_code == 0);
        std::map<std::string, json> by_id;
        for (const auto& row : json::parse(r.out)) by_id[row["receiver"]] = row;
        return by_id;
    };
    // Both receivers connect and start on snapserver's first stream, 王家村's.
    std::map<std::string, json> rows;
    for (int i = 0; i < 100 && rows.size() < 2; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        rows = listed();
    }
    INFO("snapserver said:\n" << server.log());
    REQUIRE(rows.size() == 2);
    for (const auto& id : {"pi-1", "pi-2"}) {
        CHECK(rows[id]["connected"] == "yes");
        CHECK(rows[id]["village"] == "王家村");
        CHECK(rows[id]["stream"] == "wangjia");
    }

    const auto moved =
        villagecast({"villages", "assign", "pi-2", "张家村", "-s", station.string()});
    INFO(moved.err);
    CHECK(moved.exit_code == 0);
    CHECK(moved.out == "receiver pi-2 now plays 张家村 (stream zhangjia)\n");
    rows = listed();
    CHECK(rows["pi-2"]["village"] == "张家村");
    CHECK(rows["pi-1"]["village"] == "王家村");  // the other receiver stays where it was

    const auto nobody =
        villagecast({"villages", "assign", "pi-9", "张家村", "-s", station.string()});
    CHECK(nobody.exit_code == 1);
    CHECK(nobody.err.find("snapserver knows no receiver \"pi-9\" (it knows pi-") !=
          std::string::npos);
    const auto nowhere =
        villagecast({"villages", "assign", "pi-1", "李家村", "-s", station.string()});
    CHECK(nowhere.exit_code == 1);
    CHECK(nowhere.err.find("\"李家村\" is not a Snapcast zone of") != std::string::npos);
    CHECK(nowhere.err.find("(its Snapcast zones: 王家村, 张家村)") != std::string::npos);
}

TEST_CASE(
    "real time, over the network: two villages on two Snapcast streams each hear their own "
    "airing at the same instant, a receiver hears only its village's, station.toml keeps each "
    "receiver on its village's stream, and the rows say which receivers were connected at the "
    "first and last sample and which left between") {
    TempDir dir;
    const auto station = dir.path() / "station";
    const std::uint16_t control = vc::test::free_port();
    const std::uint16_t receivers = vc::test::free_port();
    // [output] is the office's (null) output; each village is a stream of its own, and
    // station.toml says which receiver is 张家村's.
    write_snapcast_station(station, control, receivers, vc::test::free_port(), "null",
                           "[[zone]]\nname = \"王家村\"\noutput = \"snapcast:wangjia\"\n"
                           "[[zone]]\nname = \"张家村\"\noutput = \"snapcast:zhangjia\"\n"
                           "receivers = [\"pi-zhang-1\"]\n");
    vc::test::write_clip(station, "c/wang", 5.0, 1000.0);
    vc::test::write_clip(station, "c/zhang", 2.0, 500.0);
    const auto config = villagecast({"snapcast", "config", station.string()});
    REQUIRE(config.exit_code == 0);
    vc::test::SnapServer server(dir.path() / "snapserver", config.out, control, receivers);
    vc::test::SnapClient wang1(dir.path() / "receivers", "pi-wang-1", receivers);
    vc::test::SnapClient wang2(dir.path() / "receivers", "pi-wang-2", receivers);
    vc::test::SnapClient zhang(dir.path() / "receivers", "pi-zhang-1", receivers);
    wait_connected(control, {"pi-wang-1", "pi-wang-2", "pi-zhang-1"});

    const auto at = vc::test::seconds_from_now(8);
    vc::test::write_text(station / "schedule.toml",
                         vc::test::schedule_toml({
                             {"wang", "", "c/wang", vc::test::shanghai_text(at), "notice", "",
                              "zones = [\"王家村\"]"},
                             {"zhang", "", "c/zhang", vc::test::shanghai_text(at), "notice", "",
                              "zones = [\"张家村\"]"},
                         }));
    // Every receiver starts on snapserver's first stream; the daemon puts 张家村's on its own.
    auto daemon = vc::test::start_running(station, "");
    // One of 王家村's receivers goes away 1.5 s into its 5 s airing and is back 1.5 s later.
    const auto airing_start = std::chrono::system_clock::time_point(at);
    std::this_thread::sleep_until(airing_start + std::chrono::milliseconds(1500));
    const auto dropped = wang2.stop();
    std::this_thread::sleep_until(airing_start + std::chrono::milliseconds(3000));
    vc::test::SnapClient wang2_again(dir.path() / "receivers-again", "pi-wang-2", receivers);
    std::this_thread::sleep_until(airing_start + std::chrono::milliseconds(6500));
    vc::test::check_stops(*daemon);
    INFO("the daemon said:\n" << daemon->err() << "\nsnapserver said:\n" << server.log());
    (void)wang2_again.stop();

    // Each receiver: silence, then its own village's tone (2000 crossings a second at 1 kHz,
    // 1000 at 500 Hz), never the other's, for `seconds` (0: it went away before the end).
    auto heard = [](const std::vector<float>& played, int crossings_per_s, int seconds) {
        const std::int64_t onset = vc::test::first_above(played, 0.5F);
        INFO("the receiver wrote " << played.size() << " frames; the click at " << onset);
        REQUIRE(onset >= 0);
        // A receiver that went away wrote less: a tenth of a second of its tone is enough.
        const int window = seconds == 0 ? 4800 : 24000;
        REQUIRE(onset + 480 + window <= static_cast<std::int64_t>(played.size()));
        CHECK(vc::test::first_above(std::vector<float>(played.begin(), played.begin() + onset),
                                    0.01F) == -1);
        CHECK(vc::test::crossings(played, onset + 480, window) ==
              Approx(crossings_per_s * window / 48000).margin(3));
        if (seconds == 0) return;
        REQUIRE(onset + seconds * 48000 <= static_cast<std::int64_t>(played.size()));
        CHECK(vc::test::first_above(
                  std::vector<float>(played.begin() + onset + seconds * 48000 + 480, played.end()),
                  0.01F) == -1);
    };
    heard(wang1.stop(), 2000, 5);
    heard(dropped, 2000, 0);
    heard(zhang.stop(), 1000, 2);

    // One row per village, each naming its zone, both started when the receivers played the
    // first frame (at the scheduled instant), each with its receivers at the first and last
    // sample: pi-wang-2 was there at both ends of 王家村's airing, and left between.
    const json log = vc::test::audit_export(station);
    auto sorted = [](const json& list) {
        auto v = list.get<std::vector<std::string>>();
        std::sort(v.begin(), v.end());
        return v;
    };
    using names = std::vector<std::string>;
    struct Expected {
        const char* id;
        const char* zone;
        names start;
        names end;
        std::size_t drops;
    };
    const names wang_all{"pi-wang-1", "pi-wang-2"};
    for (const auto& x : {Expected{"wang", "王家村", wang_all, wang_all, 1},
                          Expected{"zhang", "张家村", {"pi-zhang-1"}, {"pi-zhang-1"}, 0}}) {
        const auto rows = vc::test::rows_of(log, x.id);
        REQUIRE(rows.size() == 1);
        const json& row = rows.front();
        INFO(row.dump());
        CHECK(row["status"] == "aired");
        CHECK(row["zones"] == json::array({x.zone}));
        const auto late_ms =
            row["start_ms"].get<std::int64_t>() - row["scheduled_ms"].get<std::int64_t>();
        CHECK(std::abs(late_ms) <= 20);
        REQUIRE(row["reception"].is_object());
        CHECK(row["reception"]["start"]["known"] == true);
        CHECK(sorted(row["reception"]["start"]["connected"]) == x.start);
        CHECK(row["reception"]["start"]["missing"].empty());
        CHECK(row["reception"]["end"]["known"] == true);
        CHECK(sorted(row["reception"]["end"]["connected"]) == x.end);
        CHECK(row["reception"]["end"]["missing"].empty());
        REQUIRE(row["reception"]["drops"].size() == x.drops);
        if (x.drops == 0) continue;
        // Left when it was stopped and back when it connected again, to snapserver's word.
        const json& drop = row["reception"]["drops"][0];
        CHECK(drop["receiver"] == "pi-wang-2");
        const auto since_start = [&](const char* key) {
            return drop[key].get<std::int64_t>() - row["start_ms"].get<std::int64_t>();
        };
        CHECK(since_start("left") >= 1500);
        CHECK(since_start("left") <= 2000);
        REQUIRE(drop["back"].is_number());
        CHECK(since_start("back") >= 3000);
        CHECK(since_start("back") <= 5000);
    }

    // The daemon's own rows: 张家村's receiver put on its stream, pi-wang-2 gone and back.
    const auto events = vc::test::events_of(vc::test::audit_export(station, {}, true), "system");
    std::vector<std::string> said;
    for (const auto& e : events)
        said.push_back(e["payload"]["action"].get<std::string>() + ": " +
                       e["payload"]["detail"].get<std::string>());
    INFO(json(said).dump(1));
    auto count = [&](const std::string& text) {
        return std::count_if(said.begin(), said.end(), [&](const std::string& line) {
            return line.find(text) != std::string::npos;
        });
    };
    CHECK(count("receiver-assigned: put receiver pi-zhang-1 back on 张家村's stream zhangjia "
                "(snapserver had it on wangjia)") == 1);
    CHECK(count("receiver-left: receiver pi-wang-2 of 王家村 (stream wangjia) is no longer "
                "connected") == 1);
    CHECK(count("receiver-back: receiver pi-wang-2 of 王家村 (stream wangjia) is connected "
                "again") == 1);

    // The record an auditor reads: per village, heard by how many of its receivers, and who
    // was missing.
    const auto today = vc::test::shanghai_text(at).substr(0, 10);
    const auto report =
        villagecast({"audit", "report", "--from", today, "--to", today, "-s", station.string()});
    INFO(report.out << report.err);
    REQUIRE(report.exit_code == 0);
    CHECK(report.out.find("Reception (villages on Snapcast streams): 2 airing(s)") !=
          std::string::npos);
    auto line_of = [&](const std::string& village) {
        const auto at_village = report.out.find("  " + village + "  ");
        REQUIRE(at_village != std::string::npos);
        const auto from = report.out.rfind('\n', at_village) + 1;
        return report.out.substr(from, report.out.find('\n', at_village) - from);
    };
    const auto wang = line_of("王家村");
    CHECK(wang.find("1 of 2") != std::string::npos);
    CHECK(wang.find("pi-wang-2 left ") != std::string::npos);
    CHECK(wang.find(" back ") != std::string::npos);
    const auto zhang_line = line_of("张家村");
    CHECK(zhang_line.find("1 of 1") != std::string::npos);

    // The listing has the same count per airing.
    const auto listed = villagecast({"audit", "list", "-s", station.string()});
    INFO(listed.out << listed.err);
    REQUIRE(listed.exit_code == 0);
    CHECK(listed.out.find("heard by") != std::string::npos);
    CHECK(listed.out.find("1 of 2\n") != std::string::npos);
    CHECK(listed.out.find("1 of 1\n") != std::string::npos);
}

// The figures it prints are what bench/snapcast_onsets.sh takes the medians of, against the
// goal of 1 ms; this test holds a margin a shared machine keeps, and catches a village a buffer
// late.
TEST_CASE(
    "real time, real audio, over the network: three receivers of one village start its airing "
    "together and with the office's own loudspeaker, as the as-run rows say",
    "[onsets]") {
    // One PulseAudio null sink paces the office's loudspeaker (the daemon's PortAudio output)
    // and three snapclients' sound cards, each on a channel of its own, so that one recording
    // shows every first sample on one clock.
    vc::test::PulseServer pulse(vc::test::PulseServer::Options::with_receivers());
    TempDir dir;
    const auto station = dir.path() / "station";
    const std::uint16_t control = vc::test::free_port();
    const std::uint16_t receivers = vc::test::free_port();
    write_snapcast_station(station, control, receivers, vc::test::free_port(), "default",
                           "[[zone]]\nname = \"村委会\"\noutput = \"default\"\n"
                           "[[zone]]\nname = \"王家村\"\noutput = \"snapcast:wangjia\"\n");
    vc::test::write_clip(station, "c/notice", 3.0, 1000.0);  // a click on frame 0, then a tone
    const auto config = villagecast({"snapcast", "config", station.string()});
    REQUIRE(config.exit_code == 0);
    vc::test::SnapServer server(dir.path() / "snapserver", config.out, control, receivers);
    vc::test::MonitorRecording recording(dir.path() / "room.raw", 4, "room.monitor");
    // The receivers wait longer than snapclient's 5 s, so that each has closed its sound
    // device when the airing comes, as between two airings in a village.
    std::vector<std::unique_ptr<vc::test::SnapClient>> pis;
    for (int i = 1; i <= 3; ++i)
        pis.push_back(std::make_unique<vc::test::SnapClient>(
            dir.path() / "receivers", "pi-wang-" + std::to_string(i), receivers,
            "receiver" + std::to_string(i)));

    const auto at = vc::test::seconds_from_now(10);
    vc::test::write_text(
        station / "schedule.toml",
        vc::test::broadcast_toml({"notice", "", "c/notice", vc::test::shanghai_text(at), "notice",
                                  "", "zones = [\"村委会\", \"王家村\"]"}));
    auto daemon = vc::test::start_running(station, "", vc::test::pulse_env());
    std::this_thread::sleep_until(std::chrono::system_clock::time_point(at) +
                                  std::chrono::seconds(4));
    const auto room = recording.stop();
    std::string client_logs;
    for (auto& pi : pis) {
        pi->stop();
        client_logs += pi->log();
    }
    INFO("the receivers said:\n" << client_logs);
    // Channel 0: the office; 1 to 3: the receivers.
    std::array<std::int64_t, 4> onset{};
    for (std::size_t c = 0; c < 4; ++c) {
        const auto channel = vc::test::channel_of(room, 4, static_cast<int>(c));
        onset[c] = vc::test::first_above(channel, 0.5F);
        INFO("channel " << c << " of " << channel.size() << " frames");
        REQUIRE(onset[c] >= 0);
    }
    const auto [first, last] = std::minmax_element(onset.begin() + 1, onset.end());
    const std::int64_t spread = *last - *first;
    std::vector<std::int64_t> villages(onset.begin() + 1, onset.end());
    std::sort(villages.begin(), villages.end());
    const double offset_ms = static_cast<double>(villages[1] - onset[0]) / 48.0;
    // The figures, for the record (ctest -V shows them).
    std::cout << "snapcast onsets: office " << onset[0] << ", receivers " << onset[1] << ' '
              << onset[2] << ' ' << onset[3] << " (frames at 48 kHz); spread " << spread
              << " frames = " << static_cast<double>(spread) / 48.0
              << " ms; receivers' median after the office loudspeaker " << offset_ms << " ms\n";
    CHECK(spread <= 480);
    CHECK(std::abs(offset_ms) <= 50.0);

    // Both rows start at the instant, to the millisecond (each output's frame, translated by
    // its own clock, rounds on its own).
    const auto rows = vc::test::rows_of(vc::test::audit_export(station), "notice");
    REQUIRE(rows.size() == 2);
    for (const auto& row : rows) {
        INFO(row.dump());
        CHECK(row["status"] == "aired");
        CHECK(std::llabs(row["start_ms"].get<std::int64_t>() - vc::test::utc_ms(at)) <= 20);
        CHECK(std::llabs(row["start_ms"].get<std::int64_t>() -
                         rows.front()["start_ms"].get<std::int64_t>()) <= 1);
    }
}
