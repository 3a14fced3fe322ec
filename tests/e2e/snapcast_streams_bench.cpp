// The Snapcast half of the zones benchmark, run by bench/snapcast_streams.sh (a hidden case:
// ctest does not run it). A township of ZONES villages (default 30), each on a Snapcast stream
// of its own with one receiver, each airing a different playlist of MINUTES (default 10) at the
// same instant, through Debian's snapserver to real snapclients playing into one PulseAudio
// null sink of 1 + ZONES channels, so that one recording holds every receiver's first sample
// on one clock. It prints the daemon's CPU while the playlists air (less its CPU while idle, as a
// share of one core, and per zone), its peak memory, snapserver's and the receivers' CPU beside
// it, and the spread of the first samples at the receivers and in the as-run rows. It requires
// only that everything aired and was heard: the figures are for the benchmark to judge.
//
//   VC_BENCH_ZONES=30 VC_BENCH_MINUTES=10 test_e2e "[snapcast-streams]"

#include <catch2/catch.hpp>

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <iterator>
#include <memory>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "tests/e2e/station_builder.hpp"
#include "tests/support/fixtures.hpp"
#include "tests/support/free_port.hpp"
#include "tests/support/pulse_server.hpp"
#include "tests/support/run_command.hpp"
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

/// A line of /proc/PID/status ("VmHWM") in MB.
double status_mb(pid_t pid, const std::string& key) {
    std::ifstream in("/proc/" + std::to_string(pid) + "/status");
    for (std::string line; std::getline(in, line);)
        if (line.rfind(key + ":", 0) == 0) return std::stod(line.substr(key.size() + 1)) / 1024.0;
    return 0;
}

double seconds_between(Clock::time_point a, Clock::time_point b) {
    return std::chrono::duration<double>(b - a).count();
}

}  // namespace

TEST_CASE("benchmark: many villages each on a Snapcast stream air at one instant",
          "[.snapcast-streams]") {
    const int zones = setting("VC_BENCH_ZONES", 30);
    const int minutes = setting("VC_BENCH_MINUTES", 10);
    REQUIRE(zones >= 1);
    REQUIRE(minutes >= 1);
    vc::test::PulseServer pulse(vc::test::PulseServer::Options::with_receivers(zones));
    vc::test::TempDir dir;
    const auto station = dir.path() / "station";
    const std::uint16_t streams = vc::test::free_ports(zones);
    std::uint16_t control = vc::test::free_port();
    while (control >= streams && control < streams + zones) control = vc::test::free_port();
    const std::uint16_t receivers = vc::test::free_port();

    // Each village: its stream, its receiver, its own 30 s notice at its own pitch, repeated
    // back to back into a playlist of `minutes`.
    std::string zone_tables;
    std::vector<vc::test::Broadcast> broadcasts;
    const auto at = vc::test::seconds_from_now(25);
    for (int z = 1; z <= zones; ++z) {
        const std::string n = two_digits(z);
        zone_tables += "[[zone]]\nname = \"村" + n + "\"\noutput = \"snapcast:z" + n +
                       "\"\nreceivers = [\"pi-" + n + "\"]\n";
        vc::test::write_clip(station, "notices/z" + n, 30.0, 300.0 + 20.0 * z);
        vc::test::write_playlist(station, "p" + n, "notices/z" + n, minutes * 2);
        broadcasts.push_back({"b" + n, "p" + n, "", vc::test::shanghai_text(at), "notice", "",
                              "zones = [\"村" + n + "\"]"});
    }
    vc::test::StationSettings settings;
    settings.extra = "[snapcast]\ncontrol_port = " + std::to_string(control) +
                     "\nstream_port = " + std::to_string(streams) + "\nbuffer = \"1000ms\"\n" +
                     zone_tables;
    vc::test::write_station(station, settings);
    vc::test::write_text(station / "schedule.toml", vc::test::schedule_toml(broadcasts));

    const auto config =
        vc::test::villagecast(std::vector<std::string>{"snapcast", "config", station.string()});
    INFO(config.out << config.err);
    REQUIRE(config.exit_code == 0);
    vc::test::SnapServer server(dir.path() / "snapserver", config.out, control, receivers);
    const int channels = 1 + zones;
    vc::test::MonitorRecording recording(dir.path() / "room.raw", channels, "room.monitor");
    std::vector<std::unique_ptr<vc::test::SnapClient>> pis;
    for (int z = 1; z <= zones; ++z)
        pis.push_back(std::make_unique<vc::test::SnapClient>(dir.path() / "receivers",
                                                             "pi-" + two_digits(z), receivers,
                                                             "receiver" + std::to_string(z)));
    auto daemon = vc::test::start_running(station, "", vc::test::pulse_env());
    const pid_t pid = daemon->pid();

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
    const double peak_mb = status_mb(pid, "VmHWM");

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
    for (auto& pi : pis) {
        pi->stop();
        client_logs += pi->log();
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
    std::vector<std::int64_t> onsets;
    std::string silent;
    for (int z = 1; z <= zones; ++z) {
        const auto onset = vc::test::first_above(vc::test::channel_of(room, channels, z), 0.5F);
        if (onset >= 0)
            onsets.push_back(onset);
        else
            silent += " pi-" + two_digits(z);
    }
    INFO("the receivers said:\n" << client_logs);
    REQUIRE(!onsets.empty());
    std::sort(onsets.begin(), onsets.end());
    const auto first = onsets.begin();
    const auto last = std::prev(onsets.end());
    const std::int64_t median = onsets[onsets.size() / 2];
    const auto [first_row, last_row] = std::minmax_element(starts.begin(), starts.end());
    const double share = (cpu / wall - idle_rate) * 100.0;
    std::cout << "snapcast streams: " << zones << " villages, " << minutes
              << "-minute playlists, measured over " << wall << " s\n"
              << "snapcast streams: daemon CPU " << cpu / wall * 100.0
              << " % of one core while airing, " << idle_rate * 100.0 << " % idle; airing costs "
              << share << " % (" << share / zones << " % per zone; goal: all under 25 %)\n"
              << "snapcast streams: daemon peak memory " << peak_mb << " MB (goal < 80 MB)\n"
              << "snapcast streams: beside it, snapserver " << server_cpu / wall * 100.0
              << " % of one core, the " << zones << " snapclients " << clients_cpu / wall * 100.0
              << " % together\n"
              << "snapcast streams: " << onsets.size() << " of " << zones
              << " receivers played their first sample within " << record_s << " s of the instant"
              << (silent.empty() ? "" : "; silent:" + silent) << "\n"
              << "snapcast streams: first samples at the receivers spread " << *last - *first
              << " frames = " << static_cast<double>(*last - *first) / 48.0
              << " ms (goal <= 1 ms); from the median, earliest "
              << static_cast<double>(*first - median) / 48.0 << " ms, latest +"
              << static_cast<double>(*last - median) / 48.0 << " ms; as-run starts spread "
              << *last_row - *first_row << " ms\n";
}
