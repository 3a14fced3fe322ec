// Figures for `villagecast run`, each printed beside its goal:
//   (a) a simulated day with 200 airings (about an hour of audio) to the null output;
//   (b) CPU of an idle real-time daemon holding a 10,000-broadcast schedule;
//   (c) CPU while an airing goes out (null output, which keeps real time);
//   (d) resident memory while a 3-hour clip airs.
// It runs the real binary on stations it generates in a temporary folder, and reads the
// daemon's CPU time and memory from /proc. A benchmark, not a test: it asserts nothing.
//
//   daemon_bench [--quick] [--only abcd] [--villagecast PATH] [--keep]
//
// --quick measures over 10 s instead of 60 s (b) and 20 s (c and d), and runs (a) once.

#include <sndfile.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <numbers>
#include <string>
#include <thread>
#include <vector>

#include <date/tz.h>

#include "bench/support/bench_files.hpp"
#include "bench/support/child_process.hpp"

namespace fs = std::filesystem;
using Steady = std::chrono::steady_clock;
using namespace std::chrono_literals;
using namespace vc::bench;

namespace {

constexpr int rate = 48000;

struct Options {
    bool quick = false;
    std::string only = "abcd";
    fs::path villagecast;
    bool keep = false;
};

// ---- files -------------------------------------------------------------------------------

/// A FLAC of `seconds`: one second of tone at the start of every minute, silence between
/// (silence compresses to almost nothing, so the file is quick to write).
void write_long_flac(const fs::path& file, double seconds) {
    write_audio(file, SF_FORMAT_FLAC | SF_FORMAT_PCM_16, static_cast<std::int64_t>(seconds * rate),
                [](std::int64_t f) {
                    if (f % (60 * rate) >= rate) return 0.0f;
                    return static_cast<float>(0.25 * std::sin(2.0 * std::numbers::pi * 440.0 *
                                                              static_cast<double>(f) / rate));
                });
}

void write_station(const fs::path& root) {
    write_text(
        root / "station.toml",
        "name = \"bench\"\ntimezone = \"Asia/Shanghai\"\nchime = \"\"\ngap_between = \"2s\"\n"
        "[output]\ndevice = \"null\"\nsample_rate = 48000\nchannels = 2\n");
}

std::string broadcast(const std::string& id, const std::string& what, const std::string& at) {
    return "[[broadcast]]\nid = \"" + id + "\"\n" + what + "\nat = \"" + at + "\"\n\n";
}

std::string shanghai(std::chrono::sys_seconds t, const char* format) {
    return date::format(format, date::make_zoned("Asia/Shanghai", t).get_local_time());
}

// ---- processes ---------------------------------------------------------------------------

struct Child {
    pid_t pid = -1;
    fs::path err;
};

Child launch(const std::vector<std::string>& argv, const fs::path& out, const fs::path& err) {
    return {spawn(argv, out, err), err};
}

bool wait_for_text(const Child& c, const std::string& text, std::chrono::seconds timeout) {
    const auto deadline = Steady::now() + timeout;
    while (Steady::now() < deadline) {
        if (read_file(c.err).find(text) != std::string::npos) return true;
        int status = 0;
        if (::waitpid(c.pid, &status, WNOHANG) == c.pid) return false;
        std::this_thread::sleep_for(50ms);
    }
    return false;
}

void stop(const Child& c) {
    ::kill(c.pid, SIGTERM);
    wait_exit(c.pid);
}

int run_to_end(const std::vector<std::string>& argv, const fs::path& dir) {
    auto c = launch(argv, dir / "run.out", dir / "run.err");
    int code = wait_exit(c.pid);
    if (code != 0) std::cerr << "failed (" << code << "):\n" << read_file(dir / "run.err");
    return code;
}

double seconds_since(Steady::time_point t0) {
    return std::chrono::duration<double>(Steady::now() - t0).count();
}

void verdict(bool ok) {
    std::printf("  -> %s\n", ok ? "meets the goal" : "MISSES the goal");
}

/// A new station folder DIR/NAME/station with its station.toml.
fs::path new_station(const fs::path& dir, const char* name) {
    const auto station = dir / name / "station";
    write_station(station);
    return station;
}

/// `villagecast library`: the clips analysed once, before anything is timed (a running station
/// has its index).
void analyse_library(const Options& o, const fs::path& station) {
    run_to_end({o.villagecast.string(), "library", "-s", station.string()}, station.parent_path());
}

/// `villagecast run` on the station's null output in real time, its output and error beside
/// the station; pid -1 when it did not say it runs within `timeout`.
Child start_daemon(const Options& o, const fs::path& station, std::chrono::seconds timeout) {
    auto d = launch({o.villagecast.string(), "run", "-s", station.string(), "--output", "null"},
                    station.parent_path() / "run.out", station.parent_path() / "run.err");
    if (wait_for_text(d, " is running for ", timeout)) return d;
    std::cerr << "the daemon did not start:\n" << read_file(d.err);
    stop(d);
    return {-1, {}};
}

// ---- the benchmarks ----------------------------------------------------------------------

double simulated_day(const Options& o, const fs::path& station, int runs) {
    std::vector<double> times;
    for (int i = 0; i < runs; ++i) {
        const auto t0 = Steady::now();
        if (run_to_end({o.villagecast.string(), "run", "-s", station.string(), "--simulate",
                        "2026-12-03T00:00/2026-12-04T00:00", "--audit",
                        (station.parent_path() / "simulated.db").string()},
                       station.parent_path()) != 0)
            return -1;
        times.push_back(seconds_since(t0));
    }
    std::sort(times.begin(), times.end());
    std::printf("  runs:");
    for (double t : times) std::printf(" %.2f s", t);
    std::printf("\n");
    return times[times.size() / 2];
}

void bench_a(const Options& o, const fs::path& dir) {
    std::printf("(a) simulated day, 200 airings of 18 s (60 min of audio), null output\n");
    const auto station = new_station(dir, "a");
    const double freqs[] = {440, 550, 660, 770};
    std::string schedule;
    for (int k = 0; k < 4; ++k) {
        write_tone(station / "clips" / ("tone/t" + std::to_string(k) + ".wav"), 18.0, freqs[k]);
        write_text(
            station / "playlists" / ("p" + std::to_string(k) + ".toml"),
            "title = \"p\"\nintro = \"\"\n[[item]]\nclip = \"tone/t" + std::to_string(k) + "\"\n");
    }
    // Every 5 minutes from 06:00, playlists and clips in turn.
    for (int i = 0; i < 200; ++i) {
        const int minutes = 6 * 60 + 5 * i;
        char at[16];
        std::snprintf(at, sizeof at, "%02d:%02d", minutes / 60, minutes % 60);
        const std::string what = i % 2 == 0 ? "playlist = \"p" + std::to_string(i % 4) + "\""
                                            : "clip = \"tone/t" + std::to_string(i % 4) + "\"";
        schedule += broadcast("b" + std::to_string(i), what, at);
    }
    write_text(station / "schedule.toml", schedule);
    analyse_library(o, station);
    const int runs = o.quick ? 1 : 3;
    const double median = simulated_day(o, station, runs);
    if (median < 0) return;
    std::printf("  median %.2f s for 24 h (%.0fx real time); goal < 12 s\n", median,
                86400.0 / median);
    verdict(median < 12.0);

    // The same day with nothing scheduled: what the silence between airings costs.
    fs::remove(station / "schedule.toml");
    std::printf("  the same day with no airing at all:\n");
    const double empty = simulated_day(o, station, 1);
    if (empty >= 0) std::printf("  %.2f s\n", empty);
}

void bench_b(const Options& o, const fs::path& dir) {
    const auto window = o.quick ? 10s : 60s;
    std::printf("(b) idle daemon, 10000 broadcasts, none due in the next 2 hours, null output\n");
    const auto station = new_station(dir, "b");
    write_tone(station / "clips/tone/t.wav", 3.0, 440.0);
    // Daily times of day spread over the 20 hours that begin 2 hours from now.
    const auto start =
        std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()) + 2h;
    std::string schedule;
    for (int i = 0; i < 10000; ++i) {
        const auto t = start + std::chrono::seconds(i * 72000 / 10000);
        schedule += broadcast("b" + std::to_string(i), "clip = \"tone/t\"", shanghai(t, "%T"));
    }
    write_text(station / "schedule.toml", schedule);
    analyse_library(o, station);

    const auto t0 = Steady::now();
    const auto d = start_daemon(o, station, 300s);
    if (d.pid < 0) return;
    std::printf("  start-up with 10000 broadcasts: %.2f s\n", seconds_since(t0));
    std::this_thread::sleep_for(2s);
    const double first = cpu_share(d.pid, window);
    std::printf("  %.3f %% of one core over %lld s, from 2 s after start (the output is open)\n",
                100.0 * first, static_cast<long long>(window.count()));
    // The daemon closes an idle output after a minute with nothing due.
    std::this_thread::sleep_until(t0 + 65s);
    const double later = cpu_share(d.pid, window);
    std::printf(
        "  %.3f %% of one core over %lld s, from 65 s after start (an idle output is due to be "
        "closed by then)\n",
        100.0 * later, static_cast<long long>(window.count()));
    std::printf("  resident memory: %lld kB (peak %lld kB)\n",
                static_cast<long long>(status_kb(d.pid, "VmRSS")),
                static_cast<long long>(status_kb(d.pid, "VmHWM")));
    std::printf("  goal < 0.1 %%\n");
    verdict(std::max(first, later) < 0.001);
    stop(d);
}

/// Starts the daemon on a station airing `clip` once, a few seconds from now; returns the
/// daemon and the instant the airing begins. pid -1 when it did not start.
std::pair<Child, std::chrono::sys_seconds> start_airing(const Options& o, const fs::path& station,
                                                        const std::string& clip) {
    const auto at = std::chrono::ceil<std::chrono::seconds>(std::chrono::system_clock::now()) + 4s;
    write_text(station / "schedule.toml",
               broadcast("one", "clip = \"" + clip + "\"", shanghai(at, "%F %T")));
    const auto d = start_daemon(o, station, 60s);
    if (d.pid < 0) return {d, at};
    std::this_thread::sleep_until(std::chrono::system_clock::time_point(at) + 1s);
    if (read_file(d.err).find("airing one") == std::string::npos) {
        std::cerr << "the airing did not start:\n" << read_file(d.err);
        stop(d);
        return {{-1, {}}, at};
    }
    return {d, at};
}

void bench_c(const Options& o, const fs::path& dir) {
    const auto window = o.quick ? 10s : 20s;
    std::printf("(c) while airing a 60 s clip to the null output (real time)\n");
    const auto station = new_station(dir, "c");
    write_tone(station / "clips/tone/minute.wav", 60.0, 440.0);
    analyse_library(o, station);
    auto [d, at] = start_airing(o, station, "tone/minute");
    if (d.pid < 0) return;
    const double share = cpu_share(d.pid, window);
    std::printf("  %.3f %% of one core over %lld s of the airing; goal < 2 %%\n", 100.0 * share,
                static_cast<long long>(window.count()));
    verdict(share < 0.02);
    stop(d);
}

void bench_d(const Options& o, const fs::path& dir) {
    const auto window = o.quick ? 10s : 20s;
    std::printf("(d) resident memory while a 3-hour 48 kHz stereo FLAC airs (null output)\n");
    const auto station = new_station(dir, "d");
    auto t0 = Steady::now();
    write_long_flac(station / "clips/long/three-hours.flac", 3 * 3600.0);
    std::printf("  wrote the 3-hour FLAC (%.0f MB) in %.1f s\n",
                static_cast<double>(fs::file_size(station / "clips/long/three-hours.flac")) / 1e6,
                seconds_since(t0));
    t0 = Steady::now();
    analyse_library(o, station);
    std::printf("  `villagecast library` analysed it (decode, loudness, true peak) in %.1f s\n",
                seconds_since(t0));
    auto [d, at] = start_airing(o, station, "long/three-hours");
    if (d.pid < 0) return;
    std::this_thread::sleep_for(window);
    const auto hwm = status_kb(d.pid, "VmHWM");
    std::printf(
        "  after %lld s of airing: VmRSS %lld kB, VmHWM (peak) %lld kB = %.1f MB; goal < 40 MB\n",
        static_cast<long long>(window.count() + 1),
        static_cast<long long>(status_kb(d.pid, "VmRSS")), static_cast<long long>(hwm),
        static_cast<double>(hwm) / 1024.0);
    verdict(hwm >= 0 && hwm < 40 * 1024);
    stop(d);
}

}  // namespace

int main(int argc, char** argv) {
    Options o;
    o.villagecast = default_villagecast();
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--quick") {
            o.quick = true;
        } else if (a == "--keep") {
            o.keep = true;
        } else if (a == "--only" && i + 1 < argc) {
            o.only = argv[++i];
        } else if (a == "--villagecast" && i + 1 < argc) {
            o.villagecast = argv[++i];
        } else {
            std::fprintf(
                stderr,
                "usage: daemon_bench [--quick] [--only abcd] [--villagecast PATH] [--keep]\n");
            return 2;
        }
    }
    if (!fs::exists(o.villagecast)) {
        std::fprintf(stderr, "no villagecast binary at %s: build it or pass --villagecast PATH\n",
                     o.villagecast.c_str());
        return 2;
    }
    char pattern[] = "/tmp/vc-daemon-bench-XXXXXX";
    if (!::mkdtemp(pattern)) return 1;
    const fs::path dir = pattern;
    std::printf("villagecast: %s\nstations in %s\n\n", o.villagecast.c_str(), dir.c_str());
    try {
        if (o.only.find('a') != std::string::npos) bench_a(o, dir);
        if (o.only.find('b') != std::string::npos) bench_b(o, dir);
        if (o.only.find('c') != std::string::npos) bench_c(o, dir);
        if (o.only.find('d') != std::string::npos) bench_d(o, dir);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "daemon_bench: %s\n", e.what());
        if (!o.keep) fs::remove_all(dir);
        return 1;
    }
    if (!o.keep) fs::remove_all(dir);
    return 0;
}
