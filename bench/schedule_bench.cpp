// schedule_bench: how long `villagecast check` and `villagecast plan --days 365 --format csv`
// take, and how much memory, on a large station: 10,000 broadcasts (9,000 one-shots spread over
// a year and 1,000 recurring ones: daily, weekdays, monthly, cron), about 200,000 occurrences.
//
//   schedule_bench [--runs N] [--station DIR] [--library-only] [VILLAGECAST_BIN]
//
// The binary comes from the argument or $VILLAGECAST_BIN. Each measurement runs the command as
// a child process N times (default 5) and prints the median wall time and the peak resident
// memory (wait4's ru_maxrss) of each run. The library path (load the station, scan, load the
// schedule, run_plan into CSV) is timed the same way in a forked child, so it is measured even
// where the binary lacks the commands, and its processor time is broken down by phase (load,
// expansion, rules, CSV). Wall time on a shared machine includes waiting for a core, so each
// figure also gives the child's processor time (user + system, from wait4). Goal: each under
// 1 s and under 100 MB. --station DIR keeps the generated station there.

#include <sys/types.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <date/date.h>
#include <date/tz.h>

#include "bench/support/child_process.hpp"
#include "bench/support/library_path.hpp"
#include "bench/support/schedule_station.hpp"
#include "core/clock.hpp"

namespace fs = std::filesystem;
using namespace vc;
using namespace vc::bench;

namespace {

constexpr double goal_seconds = 1.0;
constexpr double goal_megabytes = 100.0;

struct Run {
    double seconds = 0;
    double megabytes = 0;
    double cpu_seconds = 0;  // user + system
    int status = -1;
};

/// Waits for `pid`, giving its wall time since `started` and what wait4 says of it.
Run wait_child(pid_t pid, MonoTime started, const Clock& clock) {
    const Usage u = wait_usage(pid);
    return {std::chrono::duration<double>(clock.monotonic() - started).count(), u.megabytes,
            u.cpu_seconds, u.status};
}

/// Runs `argv` as a child process with stdout and stderr in files.
Run run_binary(const std::vector<std::string>& argv, const fs::path& out, const fs::path& err,
               const Clock& clock) {
    const MonoTime started = clock.monotonic();
    return wait_child(spawn(argv, out, err), started, clock);
}

/// Runs `work` in a forked child (so that its peak RSS is its own) with stdout in a file.
Run run_forked(const std::function<int()>& work, const fs::path& out, const fs::path& err,
               const Clock& clock) {
    const MonoTime started = clock.monotonic();
    return wait_child(fork_child(work, out, err), started, clock);
}

std::size_t count_lines(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::size_t n = 0;
    for (std::string line; std::getline(in, line);) ++n;
    return n;
}

std::string first_line(const fs::path& p) {
    std::ifstream in(p);
    std::string line;
    std::getline(in, line);
    return line;
}

struct Summary {
    std::string name;
    std::vector<Run> runs;
    std::size_t rows = 0;
};

void report(const Summary& s) {
    std::vector<double> times;
    std::vector<double> cpu;
    double peak = 0;
    int status = 0;
    for (const auto& r : s.runs) {
        times.push_back(r.seconds);
        cpu.push_back(r.cpu_seconds);
        peak = std::max(peak, r.megabytes);
        if (r.status != 0) status = r.status;
    }
    std::sort(times.begin(), times.end());
    std::sort(cpu.begin(), cpu.end());
    const double median = times[times.size() / 2];
    std::printf("%-44s median %6.3f s (cpu %.3f s)  peak RSS %7.1f MB  exit %d", s.name.c_str(),
                median, cpu[cpu.size() / 2], peak, status);
    if (s.rows != 0) std::printf("  rows %zu", s.rows);
    std::printf("\n  %-42s runs:", "");
    for (const auto& r : s.runs) std::printf(" %.3f s/%.1f MB", r.seconds, r.megabytes);
    // On a shared machine the wall time includes waiting for a core; cpu is the work itself.
    std::printf(
        "\n  %-42s time/goal %.2f  memory/goal %.2f  %s\n", "", median / goal_seconds,
        peak / goal_megabytes,
        median < goal_seconds && peak < goal_megabytes ? "within the goal" : "OVER THE GOAL");
}

}  // namespace

int main(int argc, char** argv) {
    int runs = 5;
    std::optional<fs::path> keep;
    std::string bin;
    bool library_only = false;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--runs" && i + 1 < argc) {
            runs = std::max(1, std::atoi(argv[++i]));
        } else if (a == "--station" && i + 1 < argc) {
            keep = argv[++i];
        } else if (a == "--library-only") {
            library_only = true;
        } else if (a == "--help" || a == "-h") {
            std::printf(
                "usage: schedule_bench [--runs N] [--station DIR] [--library-only] "
                "[VILLAGECAST_BIN]\n");
            return 0;
        } else {
            bin = a;
        }
    }
    if (bin.empty())
        if (const char* env = std::getenv("VILLAGECAST_BIN")) bin = env;

    const SystemClock clock;
    const date::time_zone* zone = date::locate_zone("Asia/Shanghai");
    const auto local_now = zone->to_local(clock.now());
    const date::local_days tomorrow = date::floor<date::days>(local_now) + date::days{1};

    fs::path root;
    if (keep) {
        root = fs::absolute(*keep);
        fs::remove_all(root);
    } else {
        char tmpl[] = "/tmp/vc-schedule-bench-XXXXXX";
        if (mkdtemp(tmpl) == nullptr) throw std::runtime_error("mkdtemp failed");
        root = tmpl;
    }
    const MonoTime gen_start = clock.monotonic();
    const Generated g = generate_station(root, tomorrow);
    std::printf(
        "station %s: %d broadcasts (%d one-shots, %d daily, %d weekdays, %d monthly, %d cron) "
        "in %d files, from %s, generated in %.2f s\n",
        root.c_str(), g.broadcasts, one_shots, daily, weekdays, monthly, cron, schedule_files,
        date::format("%F", tomorrow).c_str(),
        std::chrono::duration<double>(clock.monotonic() - gen_start).count());

    const fs::path out = root / "bench-stdout.txt";
    const fs::path err = root / "bench-stderr.txt";
    std::vector<Summary> summaries;

    bool cli_ready = false;
    if (!library_only && !bin.empty()) {
        const bool have_check = run_binary({bin, "check", "--help"}, out, err, clock).status == 0;
        const bool have_plan = run_binary({bin, "plan", "--help"}, out, err, clock).status == 0;
        cli_ready = have_check && have_plan;
        if (!cli_ready)
            std::printf("%s has no `%s` command yet: timing the library path only\n", bin.c_str(),
                        have_check ? "plan" : "check");
    } else if (!library_only) {
        std::printf(
            "no villagecast binary (argument or $VILLAGECAST_BIN): timing the library path only\n");
    }

    if (cli_ready) {
        Summary check{"villagecast check", {}, 0};
        for (int i = 0; i < runs; ++i)
            check.runs.push_back(
                run_binary({bin, "check", "--station", root.string()}, out, err, clock));
        if (check.runs.back().status != 0)
            std::printf("  check said: %s\n", first_line(err).c_str());
        summaries.push_back(check);
        Summary plan{"villagecast plan --days 365 --format csv", {}, 0};
        for (int i = 0; i < runs; ++i)
            plan.runs.push_back(run_binary(
                {bin, "plan", "--station", root.string(), "--days", "365", "--format", "csv"}, out,
                err, clock));
        plan.rows = count_lines(out) > 0 ? count_lines(out) - 1 : 0;
        if (plan.runs.back().status != 0) std::printf("  plan said: %s\n", first_line(err).c_str());
        summaries.push_back(plan);
    }

    Summary lcheck{"library: load station, clips, playlists, schedule", {}, 0};
    for (int i = 0; i < runs; ++i)
        lcheck.runs.push_back(
            run_forked([&] { return library_check(root, tomorrow); }, out, err, clock));
    summaries.push_back(lcheck);
    Summary lplan{"library: ... + run_plan 365 days to CSV", {}, 0};
    for (int i = 0; i < runs; ++i)
        lplan.runs.push_back(
            run_forked([&] { return library_plan(root, tomorrow, 365); }, out, err, clock));
    lplan.rows = count_lines(out) > 0 ? count_lines(out) - 1 : 0;
    if (lplan.runs.back().status != 0)
        std::printf("  library plan said: %s\n", first_line(err).c_str());
    summaries.push_back(lplan);

    run_forked([&] { return library_phases(root, tomorrow, 365); }, out, err, clock);
    {
        std::ifstream phases(out);
        for (std::string line; std::getline(phases, line);) std::printf("%s\n", line.c_str());
    }
    std::printf("goal: each under %.0f s and %.0f MB\n", goal_seconds, goal_megabytes);
    for (const auto& s : summaries) report(s);
    if (!keep) fs::remove_all(root);
    return 0;
}
