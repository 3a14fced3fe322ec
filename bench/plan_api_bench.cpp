// Figures for GET /api/plan on a dense schedule: the real daemon (`villagecast run`, null output)
// on a station the benchmark generates (about 40 broadcasts a day, pairs that collide), its
// console asked for plans of several spans. For each span it prints the answer's status, bytes
// and time, the daemon's peak resident memory during the request (VmHWM, reset before each
// request through /proc/PID/clear_refs), its resident memory a second after, and its idle
// memory; then two plans at once at the cap while /api/library is asked, and how long the
// library took. A benchmark, not a test: it asserts nothing.
//
//   plan_api_bench [--villagecast PATH] [--per-day N] [--days 2,62,366] [--keep]
//
// --days lists the spans asked for (the console answers 62 days at most; an older binary may
// answer more, which is how its figures are compared).

#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <future>
#include <iostream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include "bench/support/bench_files.hpp"
#include "bench/support/bench_http.hpp"
#include "bench/support/child_process.hpp"

namespace fs = std::filesystem;
namespace beast = boost::beast;
namespace http = beast::http;
namespace ip = boost::asio::ip;
using Steady = std::chrono::steady_clock;
using namespace std::chrono_literals;
using namespace vc::bench;

namespace {

struct Options {
    fs::path villagecast;
    int per_day = 40;
    std::vector<int> days{2, 62, 366};
    bool keep = false;
};

/// One GET over a fresh connection to 127.0.0.1:`port`, timed.
Answer get(std::uint16_t port, const std::string& target, const std::string& token) {
    return request(port, "GET", target, token);
}

/// The station: three clips, two playlists, `per_day` daily broadcasts in colliding pairs from
/// 06:00 to 22:00 at four priorities, and the console on `port`.
void write_station(const fs::path& root, int per_day, std::uint16_t port) {
    write_text(root / "station.toml",
               "name = \"bench\"\ntimezone = \"Asia/Shanghai\"\nchime = \"\"\n"
               "gap_between = \"2s\"\n[output]\ndevice = \"null\"\nsample_rate = 48000\n"
               "channels = 2\n[control]\nlisten = \"127.0.0.1:" +
                   std::to_string(port) + "\"\n");
    write_tone(root / "clips/tone/a2.wav", 2.0, 440.0);
    write_tone(root / "clips/tone/a6.wav", 6.0, 660.0);
    write_tone(root / "clips/tone/long.wav", 30.0, 550.0);
    write_text(root / "playlists/news.toml",
               "title = \"news\"\nintro = \"\"\n[[item]]\nclip = \"tone/a2\"\n");
    write_text(root / "playlists/long.toml",
               "title = \"long\"\nintro = \"\"\n[[item]]\nclip = \"tone/long\"\n");
    const char* what[] = {"playlist = \"news\"", "playlist = \"long\"", "clip = \"tone/a6\"",
                          "playlist = \"news\""};
    const char* priority[] = {"routine", "notice", "urgent", "background"};
    std::string schedule;
    for (int i = 0; i < per_day; ++i) {
        const int second = 6 * 3600 + i / 2 * (16 * 3600 / ((per_day + 1) / 2));
        char at[16];
        std::snprintf(at, sizeof at, "%02d:%02d:%02d", second / 3600, second / 60 % 60,
                      second % 60);
        schedule += "[[broadcast]]\nid = \"b" + std::to_string(i) + "\"\n" + what[i % 4] +
                    "\nat = \"" + at + "\"\npriority = \"" + priority[i % 4] +
                    "\"\nlate = \"2m\"\n\n";
    }
    write_text(root / "schedule.toml", schedule);
}

/// Runs `argv` to its end; its standard output, or throws with its error.
std::string run(const std::vector<std::string>& argv, const fs::path& dir) {
    const pid_t pid = spawn(argv, dir / "cmd.out", dir / "cmd.err");
    if (wait_exit(pid) != 0)
        throw std::runtime_error(argv[1] + " failed: " + read_file(dir / "cmd.err"));
    return read_file(dir / "cmd.out");
}

bool wait_for_text(pid_t pid, const fs::path& err, const std::string& text) {
    const auto deadline = Steady::now() + 60s;
    while (Steady::now() < deadline) {
        if (read_file(err).find(text) != std::string::npos) return true;
        int status = 0;
        if (::waitpid(pid, &status, WNOHANG) == pid) return false;
        std::this_thread::sleep_for(50ms);
    }
    return false;
}

/// Resets the peak resident memory /proc reports for `pid` (VmHWM) to its current size.
void reset_peak(pid_t pid) {
    std::ofstream(fs::path("/proc") / std::to_string(pid) / "clear_refs") << "5";
}

double mb(std::int64_t kb) {
    return static_cast<double>(kb) / 1024.0;
}

std::vector<int> parse_days(const std::string& text) {
    std::vector<int> out;
    std::stringstream in(text);
    std::string item;
    while (std::getline(in, item, ',')) out.push_back(std::stoi(item));
    return out;
}

int bench(const Options& o, const fs::path& dir) {
    const auto station = dir / "station";
    const auto port = free_port();
    write_station(station, o.per_day, port);
    run({o.villagecast.string(), "library", "-s", station.string()}, dir);
    std::string token = run({o.villagecast.string(), "operator", "add", "bench", "--role", "viewer",
                             "-s", station.string()},
                            dir);
    while (!token.empty() && (token.back() == '\n' || token.back() == ' ')) token.pop_back();

    const auto err = dir / "run.err";
    const pid_t daemon =
        spawn({o.villagecast.string(), "run", "-s", station.string(), "--output", "null"},
              dir / "run.out", err);
    if (!wait_for_text(daemon, err, "console and control API at")) {
        std::cerr << "the daemon did not start:\n" << read_file(err);
        ::kill(daemon, SIGTERM);
        wait_exit(daemon);
        return 1;
    }
    get(port, "/api/status", token);
    get(port, "/api/plan?from=2030-03-04&days=1", token);
    std::this_thread::sleep_for(1s);
    const auto idle = status_kb(daemon, "VmRSS");
    std::printf("%d broadcasts a day; daemon idle: VmRSS %.1f MB\n\n", o.per_day, mb(idle));
    std::printf("%6s %6s %12s %9s %14s %13s\n", "days", "status", "bytes", "time", "peak VmHWM",
                "VmRSS after");
    for (int days : o.days) {
        reset_peak(daemon);
        const auto a = get(port, "/api/plan?from=2030-03-04&days=" + std::to_string(days), token);
        const auto peak = status_kb(daemon, "VmHWM");
        std::this_thread::sleep_for(1s);
        const auto after = status_kb(daemon, "VmRSS");
        std::printf("%6d %6d %12zu %7.3f s %11.1f MB %10.1f MB\n", days, a.status, a.bytes,
                    a.seconds, mb(peak), mb(after));
    }

    // Two plans at once at the largest span answered, and the library meanwhile.
    int widest = 0;
    for (int days : o.days)
        if (days <= 62 && days > widest) widest = days;
    if (widest > 0) {
        const auto target = "/api/plan?from=2030-03-04&days=" + std::to_string(widest);
        reset_peak(daemon);
        auto first = std::async(std::launch::async, [&] { return get(port, target, token); });
        auto second = std::async(std::launch::async, [&] { return get(port, target, token); });
        std::this_thread::sleep_for(20ms);
        const auto library = get(port, "/api/library", token);
        const auto a = first.get();
        const auto b = second.get();
        const auto peak = status_kb(daemon, "VmHWM");
        std::this_thread::sleep_for(1s);
        std::printf(
            "\ntwo plans of %d days at once: %d in %.3f s and %d in %.3f s; /api/library "
            "meanwhile: "
            "%d in %.3f s; peak VmHWM %.1f MB, VmRSS after %.1f MB\n",
            widest, a.status, a.seconds, b.status, b.seconds, library.status, library.seconds,
            mb(peak), mb(status_kb(daemon, "VmRSS")));
    }
    ::kill(daemon, SIGTERM);
    wait_exit(daemon);
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    Options o;
    o.villagecast = default_villagecast();
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--keep") {
            o.keep = true;
        } else if (a == "--villagecast" && i + 1 < argc) {
            o.villagecast = argv[++i];
        } else if (a == "--per-day" && i + 1 < argc) {
            o.per_day = std::atoi(argv[++i]);
        } else if (a == "--days" && i + 1 < argc) {
            o.days = parse_days(argv[++i]);
        } else {
            std::fprintf(stderr,
                         "usage: plan_api_bench [--villagecast PATH] [--per-day N] "
                         "[--days 2,62,366] [--keep]\n");
            return 2;
        }
    }
    if (!fs::exists(o.villagecast)) {
        std::fprintf(stderr, "no villagecast binary at %s: build it or pass --villagecast PATH\n",
                     o.villagecast.c_str());
        return 2;
    }
    char pattern[] = "/tmp/vc-plan-api-bench-XXXXXX";
    if (!::mkdtemp(pattern)) return 1;
    const fs::path dir = pattern;
    std::printf("villagecast: %s\nstation in %s\n", o.villagecast.c_str(), dir.c_str());
    int code = 1;
    try {
        code = bench(o, dir);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "plan_api_bench: %s\n", e.what());
    }
    if (!o.keep) fs::remove_all(dir);
    return code;
}
