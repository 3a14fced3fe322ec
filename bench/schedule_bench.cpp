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

#include <fcntl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <map>
#include <optional>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include <date/date.h>
#include <date/tz.h>

#include "core/clock.hpp"
#include "core/diagnostic.hpp"
#include "library/library.hpp"
#include "playlists/playlist.hpp"
#include "playlists/timeline_builder.hpp"
#include "scheduler/plan.hpp"
#include "scheduler/plan_format.hpp"
#include "scheduler/schedule.hpp"
#include "scheduler/schedule_file.hpp"
#include "station/station.hpp"

namespace fs = std::filesystem;
using namespace vc;

namespace {

constexpr int one_shots = 9000;
constexpr int daily = 350;
constexpr int weekdays = 200;
constexpr int monthly = 200;
constexpr int cron = 250;
constexpr int files = 10;
constexpr double goal_seconds = 1.0;
constexpr double goal_megabytes = 100.0;

struct Generated {
    int broadcasts = 0;
    date::local_days first_day;
};

std::string two(unsigned v) {
    char b[8];
    std::snprintf(b, sizeof b, "%02u", v % 100);
    return b;
}

void write_text(const fs::path& p, const std::string& text) {
    std::ofstream out(p, std::ios::binary);
    out << text;
    if (!out) throw std::runtime_error("cannot write " + p.string());
}

/// A station whose occurrences fall in the 365 days from tomorrow (local).
Generated generate(const fs::path& root, date::local_days first_day) {
    fs::create_directories(root / "clips");
    fs::create_directories(root / "playlists");
    fs::create_directories(root / "schedule.d");
    write_text(root / "station.toml",
               "name = \"bench\"\ntimezone = \"Asia/Shanghai\"\n\n[output]\ndevice = \"null\"\n");
    const int lengths[] = {10, 15, 20, 30, 45, 60, 90, 120};
    constexpr int playlists = 16;
    for (int i = 0; i < playlists; ++i)
        write_text(root / "playlists" / ("p" + two(static_cast<unsigned>(i)) + ".toml"),
                   "title = \"Bench " + std::to_string(i) +
                       "\"\nintro = \"\"\n\n[[item]]\nsilence = \"" +
                       std::to_string(lengths[i % 8]) + "s\"\n");

    std::mt19937 random(20261203);
    auto pick = [&random](unsigned n) { return static_cast<unsigned>(random() % n); };
    auto priority = [&pick]() -> std::string {
        const unsigned r = pick(100);
        if (r < 1) return "emergency";
        if (r < 5) return "urgent";
        if (r < 13) return "notice";
        if (r < 15) return "background";
        return "routine";
    };
    // Distinct minutes of the day (06:00..21:59) for the daily and weekday broadcasts.
    std::vector<unsigned> minutes(16 * 60);
    for (unsigned m = 0; m < minutes.size(); ++m) minutes[m] = 6 * 60 + m;
    std::shuffle(minutes.begin(), minutes.end(), random);
    auto hhmm = [](unsigned minute) { return two(minute / 60) + ":" + two(minute % 60); };

    std::vector<std::string> out(files);
    int n = 0;
    auto add = [&](const std::string& when) {
        const std::string id = (n % 10 == 3 ? "通知-" : "b-") + std::to_string(n);
        out[static_cast<std::size_t>(n % files)] +=
            "[[broadcast]]\nid = \"" + id + "\"\nplaylist = \"p" + two(pick(playlists)) +
            "\"\npriority = \"" + priority() + "\"\n" + when + "\n";
        ++n;
    };
    for (int i = 0; i < one_shots; ++i) {
        const date::year_month_day ymd{first_day + date::days{pick(365)}};
        const unsigned minute = 6 * 60 + pick(16 * 60);
        add("at = \"" + std::to_string(static_cast<int>(ymd.year())) + "-" +
            two(static_cast<unsigned>(ymd.month())) + "-" + two(static_cast<unsigned>(ymd.day())) +
            " " + hhmm(minute) + "\"");
    }
    std::size_t next_minute = 0;
    for (int i = 0; i < daily; ++i)
        add("at = \"" + hhmm(minutes[next_minute++]) + "\"\ndays = \"daily\"");
    for (int i = 0; i < weekdays; ++i)
        add("at = \"" + hhmm(minutes[next_minute++]) + "\"\ndays = \"weekdays\"");
    for (int i = 0; i < monthly; ++i) {
        const unsigned a = 1 + pick(14);
        add("at = \"" + hhmm(6 * 60 + pick(16 * 60)) + "\"\nmonthdays = [" + std::to_string(a) +
            ", " + std::to_string(a + 14) + "]");
    }
    for (int i = 0; i < cron; ++i) {
        const unsigned minute = 6 * 60 + pick(16 * 60);
        add("cron = \"" + std::to_string(minute % 60) + " " + std::to_string(minute / 60) +
            " * * " + std::to_string(pick(7)) + "\"");
    }
    for (int f = 0; f < files; ++f)
        write_text(root / "schedule.d" / ("office-" + two(static_cast<unsigned>(f)) + ".toml"),
                   out[static_cast<std::size_t>(f)]);
    return {n, first_day};
}

struct Run {
    double seconds = 0;
    double megabytes = 0;
    double cpu_seconds = 0;  // user + system
    int status = -1;
};

/// Waits for `pid`, giving its wall time since `started` and its peak RSS.
Run wait_child(pid_t pid, MonoTime started, const Clock& clock) {
    int status = 0;
    rusage usage{};
    if (wait4(pid, &status, 0, &usage) < 0) throw std::runtime_error("wait4 failed");
    Run r;
    r.seconds = std::chrono::duration<double>(clock.monotonic() - started).count();
    r.megabytes = static_cast<double>(usage.ru_maxrss) / 1024.0;  // ru_maxrss is in KiB
    auto secs = [](const timeval& tv) {
        return static_cast<double>(tv.tv_sec) + static_cast<double>(tv.tv_usec) / 1e6;
    };
    r.cpu_seconds = secs(usage.ru_utime) + secs(usage.ru_stime);
    r.status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    return r;
}

void redirect(const fs::path& out, const fs::path& err) {
    const int o = ::open(out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    const int e = ::open(err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (o < 0 || e < 0) _exit(126);
    ::dup2(o, 1);
    ::dup2(e, 2);
    ::close(o);
    ::close(e);
}

/// Runs `argv` as a child process with stdout and stderr in files.
Run run_binary(const std::vector<std::string>& argv, const fs::path& out, const fs::path& err,
               const Clock& clock) {
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    std::cout.flush();
    const MonoTime started = clock.monotonic();
    const pid_t pid = fork();
    if (pid < 0) throw std::runtime_error("fork failed");
    if (pid == 0) {
        redirect(out, err);
        ::execv(args[0], args.data());
        _exit(127);
    }
    return wait_child(pid, started, clock);
}

/// Runs `work` in a forked child (so that its peak RSS is its own) with stdout in a file.
Run run_forked(const std::function<int()>& work, const fs::path& out, const fs::path& err,
               const Clock& clock) {
    std::cout.flush();
    const MonoTime started = clock.monotonic();
    const pid_t pid = fork();
    if (pid < 0) throw std::runtime_error("fork failed");
    if (pid == 0) {
        redirect(out, err);
        int code = 1;
        try {
            code = work();
        } catch (const std::exception& e) {
            std::fprintf(stderr, "%s\n", e.what());
        }
        std::fflush(stdout);
        _exit(code);
    }
    return wait_child(pid, started, clock);
}

struct Loaded {
    station::Station station;
    library::Library library;
    std::map<std::string, playlists::Playlist> playlists;
    scheduler::ScheduleContext ctx;
    std::vector<scheduler::ScheduleFile> files;
    Diagnostics diags;
};

/// What `check` does through the library: station, clips, playlists, schedule files.
Loaded load_everything(const fs::path& root, date::local_days today) {
    Loaded l;
    l.station = station::load_station(root);
    l.library = library::Library::scan(l.station);
    l.playlists = playlists::load_playlists(l.station, l.diags);
    l.ctx.timezone = l.station.timezone;
    l.ctx.zones = l.station.zones;
    l.ctx.today = today;
    l.ctx.playlist_exists = [&l](const std::string& name) { return l.playlists.count(name) != 0; };
    l.ctx.clip_problem = [&l](const std::string& id) -> std::optional<std::string> {
        const auto* c = l.library.find(id);
        if (c == nullptr) return std::string("missing");
        return std::nullopt;
    };
    l.files = scheduler::load_schedule(root, l.ctx);
    l.diags.append(scheduler::all_diagnostics(l.files));
    return l;
}

int library_check(const fs::path& root, date::local_days today) {
    const Loaded l = load_everything(root, today);
    std::size_t broadcasts = 0;
    for (const auto& f : l.files) broadcasts += f.broadcasts.size();
    std::printf("%zu broadcasts, %zu errors\n", broadcasts, l.diags.error_count());
    return l.diags.has_errors() ? 1 : 0;
}

int library_plan(const fs::path& root, date::local_days today, int days) {
    Loaded l = load_everything(root, today);
    const scheduler::Schedule schedule(l.files, l.ctx);
    const date::time_zone* zone = date::locate_zone(l.station.timezone);
    const Instant from = zone->to_sys(date::local_seconds{today.time_since_epoch()});
    const Instant to = from + date::days{days};
    std::map<std::string, std::optional<Millis>> lengths;
    scheduler::DurationFn durations = [&](const scheduler::Occurrence& o) -> std::optional<Millis> {
        auto [it, fresh] = lengths.try_emplace(o.playlist);
        if (fresh) {
            try {
                auto p = l.playlists.find(o.playlist);
                if (p != l.playlists.end())
                    it->second = playlists::playlist_duration(p->second, l.library, l.station);
            } catch (const std::exception&) {
            }
        }
        return it->second;
    };
    scheduler::ArbiterConfig config;
    config.gap_between = l.station.gap_between;
    scheduler::PlanWriter writer(std::cout, scheduler::PlanFormat::csv, zone);
    scheduler::run_plan(schedule, from, to, durations, config,
                        [&writer](scheduler::PlanRow&& r) { writer.write(r); });
    writer.finish();
    std::cout.flush();
    return 0;
}

/// Where the library path's time goes, measured inside one process (printed to stdout).
int library_phases(const fs::path& root, date::local_days today, int days) {
    // Processor time of this process: on a shared machine, wall time includes waiting for a core.
    auto cpu_now = [] {
        timespec ts{};
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
        return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
    };
    auto seconds_since = [&cpu_now](double t0) { return cpu_now() - t0; };
    double t = cpu_now();
    Loaded l = load_everything(root, today);
    const double load = seconds_since(t);
    t = cpu_now();
    const scheduler::Schedule schedule(l.files, l.ctx);
    const date::time_zone* zone = date::locate_zone(l.station.timezone);
    const Instant from = zone->to_sys(date::local_seconds{today.time_since_epoch()});
    const Instant to = from + date::days{days};
    std::size_t occurrences = 0;
    for (Instant c = from; c < to; c += date::days{7})
        occurrences += schedule.between(c, std::min(to, c + date::days{7})).size();
    const double expand = seconds_since(t);
    std::map<std::string, std::optional<Millis>> lengths;
    const scheduler::DurationFn durations =
        [&](const scheduler::Occurrence& o) -> std::optional<Millis> {
        auto [it, fresh] = lengths.try_emplace(o.playlist);
        if (fresh)
            it->second =
                playlists::playlist_duration(l.playlists.at(o.playlist), l.library, l.station);
        return it->second;
    };
    t = cpu_now();
    std::map<scheduler::Outcome, std::size_t> outcomes;
    scheduler::run_plan(schedule, from, to, durations, scheduler::ArbiterConfig{},
                        [&outcomes](scheduler::PlanRow&& r) { ++outcomes[r.outcome]; });
    const double plan = seconds_since(t);
    t = cpu_now();
    std::ofstream null_out("/dev/null");
    scheduler::PlanWriter writer(null_out, scheduler::PlanFormat::csv, zone);
    scheduler::run_plan(schedule, from, to, durations, scheduler::ArbiterConfig{},
                        [&writer](scheduler::PlanRow&& r) { writer.write(r); });
    writer.finish();
    const double plan_csv = seconds_since(t);
    std::printf(
        "cpu time by phase (one process): load %.3f s, expand %zu occurrences %.3f s, run_plan "
        "%.3f s "
        "(%.2f us per occurrence, expansion included), run_plan + CSV %.3f s\n",
        load, occurrences, expand, plan,
        plan * 1e6 / static_cast<double>(std::max<std::size_t>(occurrences, 1)), plan_csv);
    std::printf("outcomes: aired %zu, missed %zu, interrupted %zu, failed %zu\n",
                outcomes[scheduler::Outcome::aired], outcomes[scheduler::Outcome::missed],
                outcomes[scheduler::Outcome::interrupted], outcomes[scheduler::Outcome::failed]);
    return 0;
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
    const Generated g = generate(root, tomorrow);
    std::printf(
        "station %s: %d broadcasts (%d one-shots, %d daily, %d weekdays, %d monthly, %d cron) "
        "in %d files, from %s, generated in %.2f s\n",
        root.c_str(), g.broadcasts, one_shots, daily, weekdays, monthly, cron, files,
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
