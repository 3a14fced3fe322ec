// The Snapcast half of the zones benchmark, run by bench/snapcast_streams.sh (a hidden case:
// ctest does not run it). A township of ZONES villages (default 30), each on a Snapcast stream
// of its own with RECEIVERS receivers (default 1), each airing a different playlist of MINUTES
// (default 10) at the same instant, through Debian's snapserver to real snapclients playing into
// one PulseAudio null sink of 1 + ZONES x RECEIVERS channels, so that one recording holds every
// receiver's first sample on one clock. It prints the daemon's CPU while the playlists air (less
// its CPU while idle, as a share of one core, and per zone), its peak memory, snapserver's and the
// receivers' CPU beside it, and the spread of the first samples at the receivers, as snapserver
// sends them (a probe per village, named in its `receivers`, reads the server time stamped on each
// chunk: tests/support/snapcast_probe) and in the as-run rows, and how each stream's start was
// corrected by the daemon's listener on it. It requires only that everything aired and was heard:
// the figures are for the benchmark to judge.
//
//   VC_BENCH_ZONES=30 VC_BENCH_MINUTES=10 VC_BENCH_RECEIVERS=1 [VC_BENCH_LOGS=DIR] test_e2e
//   "[snapcast-streams]"

#include <catch2/catch.hpp>

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <memory>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "tests/e2e/station_builder.hpp"
#include "tests/support/child_process.hpp"
#include "tests/support/fixtures.hpp"
#include "tests/support/free_port.hpp"
#include "tests/support/pulse_server.hpp"
#include "tests/support/run_command.hpp"
#include "tests/support/snapcast_probe.hpp"
#include "tests/support/snapcast_server.hpp"

namespace {

using Clock = std::chrono::steady_clock;

int setting(const char* name, int fallback) {
    const char* v = std::getenv(name);
    return v != nullptr && *v != '\0' ? std::atoi(v) : fallback;
}

std::string two_digits(int n) {
    return (n < 10 ? "0" : "") + std::to_string(n);
}

/// A process's user and system CPU so far, in seconds.
double cpu_seconds(pid_t pid) {
    std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    // Fields after the command name (which may hold spaces) start after its ')'.
    std::istringstream fields(text.substr(text.rfind(')') + 2));
    std::string field;
    double ticks = 0;
    for (int i = 3; i <= 15 && fields >> field; ++i)
        if (i == 14 || i == 15) ticks += std::stod(field);
    return ticks / static_cast<double>(::sysconf(_SC_CLK_TCK));
}

double seconds_between(Clock::time_point a, Clock::time_point b) {
    return std::chrono::duration<double>(b - a).count();
}

}  // namespace

TEST_CASE("benchmark: many villages each on a Snapcast stream air at one instant",
          "[.snapcast-streams]") {
    const int zones = setting("VC_BENCH_ZONES", 30);
    const int minutes = setting("VC_BENCH_MINUTES", 10);
    const int per_zone = setting("VC_BENCH_RECEIVERS", 1);  // receivers in each village
    REQUIRE(zones >= 1);
    REQUIRE(minutes >= 1);
    REQUIRE(per_zone >= 1);
    const int all_receivers = zones * per_zone;
    // Receiver k (1-based) of village z: its host ID and its channel of the room.
    const auto host = [&](int z, int k) {
        return "pi-" + two_digits(z) + (per_zone > 1 ? "-" + std::to_string(k) : "");
    };
    const auto channel = [&](int z, int k) { return (z - 1) * per_zone + k; };
    vc::test::PulseServer pulse(vc::test::PulseServer::Options::with_receivers(all_receivers));
    vc::test::TempDir dir;
    const auto station = dir.path() / "station";
    const std::uint16_t streams = vc::test::free_ports(zones);
    std::uint16_t control = vc::test::free_port();
    while (control >= streams && control < streams + zones) control = vc::test::free_port();
    const std::uint16_t receivers = vc::test::free_port();

    // Each village: its stream, its receivers, its own 30 s notice at its own pitch, repeated
    // back to back into a playlist of `minutes`.
    std::string zone_tables;
    std::vector<vc::test::Broadcast> broadcasts;
    const auto at = vc::test::seconds_from_now(40);
    for (int z = 1; z <= zones; ++z) {
        const std::string n = two_digits(z);
        std::string hosts;
        for (int k = 1; k <= per_zone; ++k) hosts += (k > 1 ? ", \"" : "\"") + host(z, k) + "\"";
        hosts += ", \"probe-" + n + "\"";
        zone_tables += "[[zone]]\nname = \"村" + n + "\"\noutput = \"snapcast:z" + n +
                       "\"\nreceivers = [" + hosts + "]\n";
        vc::test::write_clip(station, "notices/z" + n, 30.0, 300.0 + 20.0 * z);
        vc::test::write_playlist(station, "p" + n, "notices/z" + n, minutes * 2);
        broadcasts.push_back({"b" + n, "p" + n, "", vc::test::shanghai_text(at), "notice", "",
                              "zones = [\"村" + n + "\"]"});
    }
    vc::test::StationSettings settings;
    settings.extra = "[snapcast]\ncontrol_port = " + std::to_string(control) +
                     "\nreceiver_port = " + std::to_string(receivers) +
                     "\nstream_port = " + std::to_string(streams) + "\nbuffer = \"1000ms\"\n" +
                     zone_tables;
    vc::test::write_station(station, settings);
    vc::test::write_text(station / "schedule.toml", vc::test::schedule_toml(broadcasts));

    const auto config =
        vc::test::villagecast(std::vector<std::string>{"snapcast", "config", station.string()});
    INFO(config.out << config.err);
    REQUIRE(config.exit_code == 0);
    vc::test::SnapServer server(dir.path() / "snapserver", config.out, control, receivers);
    const int channels = 1 + all_receivers;
    vc::test::MonitorRecording recording(dir.path() / "room.raw", channels, "room.monitor");
    // The daemon puts each receiver on its village's stream (station.toml's `receivers`) while
    // it plays to a file: snapclient 0.26's pulse player stops for good when its stream is
    // changed under it. snapserver keeps the assignment when the receivers come back with their
    // sound cards, as a village's receiver does after a restart.
    std::vector<std::unique_ptr<vc::test::SnapClient>> pis;
    for (int z = 1; z <= zones; ++z)
        for (int k = 1; k <= per_zone; ++k)
            pis.push_back(std::make_unique<vc::test::SnapClient>(dir.path() / "assigning",
                                                                 host(z, k), receivers));
    // Each village's probe: a receiver that reads when snapserver says each sample is due.
    std::vector<std::unique_ptr<vc::test::SnapcastProbe>> probes;
    for (int z = 1; z <= zones; ++z)
        probes.push_back(
            std::make_unique<vc::test::SnapcastProbe>("probe-" + two_digits(z), receivers));
    auto daemon = vc::test::start_running(station, "", vc::test::pulse_env());
    const pid_t pid = daemon->pid();
    bool assigned = false;
    for (int attempt = 0; attempt < 300 && !assigned; ++attempt) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        const auto listed = vc::test::villagecast(
            std::vector<std::string>{"villages", "-s", station.string(), "--format", "json"});
        if (listed.exit_code != 0) continue;
        int on_stream = 0;
        for (const auto& row : nlohmann::json::parse(listed.out))
            for (int z = 1; z <= zones; ++z)
                for (int k = 0; k <= per_zone; ++k)
                    on_stream +=
                        row["receiver"] == (k == 0 ? "probe-" + two_digits(z) : host(z, k)) &&
                        row["village"] == "村" + two_digits(z);
        assigned = on_stream == all_receivers + zones;
    }
    INFO("the daemon said:\n" << daemon->err());
    REQUIRE(assigned);
    pis.clear();
    for (int z = 1; z <= zones; ++z)
        for (int k = 1; k <= per_zone; ++k)
            pis.push_back(std::make_unique<vc::test::SnapClient>(
                dir.path() / "receivers", host(z, k), receivers,
                "receiver" + std::to_string(channel(z, k))));

    // Idle: the daemon with every receiver assigned and nothing to air, for 5 s.
    const auto instant = std::chrono::system_clock::time_point(at);
    std::this_thread::sleep_until(instant - std::chrono::seconds(7));
    const double idle_cpu0 = cpu_seconds(pid);
    const auto idle0 = Clock::now();
    std::this_thread::sleep_until(instant - std::chrono::seconds(2));
    const double idle_rate = (cpu_seconds(pid) - idle_cpu0) / seconds_between(idle0, Clock::now());

    // Airing: from the instant to a little before the playlists end.
    std::this_thread::sleep_until(instant);
    const double cpu0 = cpu_seconds(pid);
    const double server_cpu0 = cpu_seconds(server.pid());
    double clients_cpu0 = 0;
    for (const auto& pi : pis) clients_cpu0 += cpu_seconds(pi->pid());
    const auto air0 = Clock::now();
    const int record_s = 8;
    std::this_thread::sleep_until(instant + std::chrono::seconds(record_s));
    const auto room = recording.stop();
    std::this_thread::sleep_until(instant + std::chrono::minutes(minutes) -
                                  std::chrono::seconds(5));
    const double wall = seconds_between(air0, Clock::now());
    const double cpu = cpu_seconds(pid) - cpu0;
    const double server_cpu = cpu_seconds(server.pid()) - server_cpu0;
    double clients_cpu = -clients_cpu0;
    for (const auto& pi : pis) clients_cpu += cpu_seconds(pi->pid());
    const double peak_mb = static_cast<double>(vc::test::status_kb(pid, "VmHWM")) / 1024.0;

    const auto log = vc::test::wait_for_log(
        station,
        [&](const nlohmann::json& j) {
            for (int z = 1; z <= zones; ++z) {
                const auto rows = vc::test::rows_of(j, "b" + two_digits(z));
                if (rows.empty() || rows.back()["final"] != true) return false;
            }
            return true;
        },
        std::chrono::seconds(90));
    vc::test::check_stops(*daemon);
    std::string client_logs;
    const char* keep_logs = std::getenv("VC_BENCH_LOGS");  // a folder for every program's log
    if (keep_logs != nullptr && *keep_logs == '\0') keep_logs = nullptr;
    for (std::size_t i = 0; i < pis.size(); ++i) {
        pis[i]->stop();
        client_logs += pis[i]->log();
        if (keep_logs != nullptr)
            vc::test::write_text(
                std::filesystem::path(keep_logs) / ("receiver" + std::to_string(i + 1) + ".log"),
                pis[i]->log());
    }
    if (keep_logs != nullptr) {
        vc::test::write_text(std::filesystem::path(keep_logs) / "daemon.log", daemon->err());
        vc::test::write_text(std::filesystem::path(keep_logs) / "snapserver.log", server.log());
    }
    INFO("the daemon said:\n" << daemon->err());

    // Every village aired its playlist whole, and every receiver played its first sample.
    std::vector<std::int64_t> starts;
    for (int z = 1; z <= zones; ++z) {
        const auto rows = vc::test::rows_of(log, "b" + two_digits(z));
        INFO("village " << z << ": " << nlohmann::json(rows).dump());
        REQUIRE(rows.size() == 1);
        REQUIRE(rows[0]["status"] == "aired");
        starts.push_back(rows[0]["start_ms"].get<std::int64_t>());
    }
    // Each receiver's first sample, in frames of the recording (which began before the instant);
    // one that played nothing loud while recorded is counted, not measured.
    // Within a village, the spread of its receivers (one stream); across, of every receiver.
    std::vector<std::int64_t> onsets;
    std::vector<std::int64_t> village_onsets;  // each village's first receiver, or -1
    std::string silent;
    std::int64_t within_village = 0;
    for (int z = 1; z <= zones; ++z) {
        std::vector<std::int64_t> village;
        for (int k = 1; k <= per_zone; ++k) {
            const auto onset =
                vc::test::first_above(vc::test::channel_of(room, channels, channel(z, k)), 0.5F);
            if (onset >= 0)
                village.push_back(onset);
            else
                silent += " " + host(z, k);
        }
        village_onsets.push_back(village.empty() ? -1 : village.front());
        if (village.empty()) continue;
        const auto [lo, hi] = std::minmax_element(village.begin(), village.end());
        within_village = std::max(within_village, *hi - *lo);
        onsets.insert(onsets.end(), village.begin(), village.end());
    }
    INFO("the receivers said:\n" << client_logs);
    REQUIRE(!onsets.empty());
    std::sort(onsets.begin(), onsets.end());
    const auto first = onsets.begin();
    const auto last = std::prev(onsets.end());
    const std::int64_t median = onsets[onsets.size() / 2];
    const auto [first_row, last_row] = std::minmax_element(starts.begin(), starts.end());
    const double share = (cpu / wall - idle_rate) * 100.0;
    std::cout << "snapcast streams: " << zones << " villages of " << per_zone << " receivers, "
              << minutes << "-minute playlists, measured over " << wall << " s\n"
              << "snapcast streams: daemon CPU " << cpu / wall * 100.0
              << " % of one core while airing, " << idle_rate * 100.0 << " % idle; airing costs "
              << share << " % (" << share / zones << " % per zone; goal: all under 25 %)\n"
              << "snapcast streams: daemon peak memory " << peak_mb << " MB (goal < 80 MB)\n"
              << "snapcast streams: beside it, snapserver " << server_cpu / wall * 100.0
              << " % of one core, the " << all_receivers << " snapclients "
              << clients_cpu / wall * 100.0 << " % together\n"
              << "snapcast streams: " << onsets.size() << " of " << all_receivers
              << " receivers played their first sample within " << record_s << " s of the instant"
              << (silent.empty() ? "" : "; silent:" + silent) << "\n"
              << "snapcast streams: first samples at the receivers spread " << *last - *first
              << " frames = " << static_cast<double>(*last - *first) / 48.0
              << " ms (goal <= 1 ms); from the median, earliest "
              << static_cast<double>(*first - median) / 48.0 << " ms, latest +"
              << static_cast<double>(*last - median) / 48.0 << " ms; within one village (one "
              << "stream) at most " << within_village
              << " frames = " << static_cast<double>(within_village) / 48.0
              << " ms; as-run starts spread " << *last_row - *first_row << " ms\n";
    // What snapserver told each village's receivers: when the first loud sample is due, on the
    // monotonic clock, against the instant on that clock.
    const auto mono_ns = [] {
        timespec ts{};
        ::clock_gettime(CLOCK_MONOTONIC, &ts);
        return std::int64_t{ts.tv_sec} * 1'000'000'000 + ts.tv_nsec;
    };
    const std::int64_t instant_mono =
        mono_ns() + std::chrono::duration_cast<std::chrono::nanoseconds>(
                        instant - std::chrono::system_clock::now())
                        .count();
    std::vector<double> due_ms;  // each village's, from the instant
    std::string unprobed;
    for (int z = 1; z <= zones; ++z) {
        if (const auto due = probes[static_cast<std::size_t>(z - 1)]->first_loud_ns())
            due_ms.push_back(static_cast<double>(*due - instant_mono) / 1e6);
        else
            unprobed += " " + two_digits(z) + " (" +
                        probes[static_cast<std::size_t>(z - 1)]->problem() + ")";
    }
    if (!due_ms.empty()) {
        const auto [lo, hi] = std::minmax_element(due_ms.begin(), due_ms.end());
        std::cout << "snapcast streams: as snapserver sends it, the first sample is due at the "
                  << "receivers " << *lo << " to " << *hi << " ms from the instant: spread "
                  << *hi - *lo << " ms across " << due_ms.size() << " streams (goal <= 1 ms)"
                  << (unprobed.empty() ? "" : "; not seen on" + unprobed) << "\n"
                  << "snapcast streams: each stream's, from the instant, in ms:";
        for (const double d : due_ms) std::cout << " " << d;
        std::cout << "\n";
    }
    // The daemon's listener on each stream: how late snapserver started it, as the daemon
    // corrected it (its log says so once per opening).
    std::vector<double> corrected_ms;
    int on_time = 0;
    int unseen = 0;
    {
        std::istringstream said(daemon->err());
        const std::string late = "snapserver started the stream's clock ";
        for (std::string line; std::getline(said, line);) {
            const auto where = line.find(late);
            if (line.find("did not come within 1 s") != std::string::npos) ++unseen;
            if (where == std::string::npos) continue;
            const std::string rest = line.substr(where + late.size());
            if (rest.starts_with("on time")) {
                ++on_time;
                corrected_ms.push_back(0.0);
                continue;
            }
            const double ms = std::strtod(rest.c_str(), nullptr);
            corrected_ms.push_back(rest.find(" early") != std::string::npos ? -ms : ms);
        }
    }
    if (!corrected_ms.empty()) {
        std::sort(corrected_ms.begin(), corrected_ms.end());
        std::cout << "snapcast streams: the daemon's listeners saw " << corrected_ms.size()
                  << " stream openings (" << on_time << " on time, " << unseen
                  << " not seen within 1 s): snapserver started them " << corrected_ms.front()
                  << " to " << corrected_ms.back() << " ms late, median "
                  << corrected_ms[corrected_ms.size() / 2] << " ms, each moved by that\n";
    } else {
        std::cout << "snapcast streams: the daemon's listeners saw no stream opening (" << unseen
                  << " not seen within 1 s)\n";
    }
    std::cout << "snapcast streams: each village's first sample from the median, in ms:";
    for (std::size_t z = 0; z < village_onsets.size(); ++z) {
        std::cout << " " << two_digits(static_cast<int>(z) + 1) << "=";
        if (village_onsets[z] < 0)
            std::cout << "silent";
        else
            std::cout << static_cast<double>(village_onsets[z] - median) / 48.0;
    }
    std::cout << "\n";
}
