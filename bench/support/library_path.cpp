#include "bench/support/library_path.hpp"

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <iostream>
#include <optional>

#include <date/tz.h>

#include "playlists/timeline_builder.hpp"
#include "scheduler/plan.hpp"
#include "scheduler/plan_format.hpp"
#include "scheduler/schedule.hpp"
#include "station/zone_resolution.hpp"

namespace fs = std::filesystem;

namespace vc::bench {

namespace {

/// The station's schedule and the `days` from the start of `today` (local) that a plan covers.
struct Window {
    scheduler::Schedule schedule;
    const date::time_zone* zone;
    Instant from;
    Instant to;
};

Window window_of(const Loaded& l, date::local_days today, int days) {
    const date::time_zone* zone = date::locate_zone(l.station.timezone);
    const Instant from = zone->to_sys(date::local_seconds{today.time_since_epoch()});
    return {scheduler::Schedule(l.files, l.ctx), zone, from, from + date::days{days}};
}

/// Each playlist's length, worked out the first time the plan asks for it (nullopt when it
/// cannot be), and kept in `lengths`.
scheduler::DurationFn durations_of(const Loaded& l,
                                   std::map<std::string, std::optional<Millis>>& lengths) {
    return [&l, &lengths](const scheduler::Occurrence& o) -> std::optional<Millis> {
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
}

/// Processor time of this process: on a shared machine, wall time includes waiting for a core.
double cpu_now() {
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

}  // namespace

Loaded load_everything(const fs::path& root, date::local_days today) {
    Loaded l;
    l.station = station::load_station(root);
    l.library = library::Library::scan(l.station);
    l.playlists = playlists::load_playlists(l.station, l.diags);
    l.ctx.timezone = l.station.timezone;
    l.ctx.zones = station::zone_names(l.station);
    l.ctx.zone_groups = station::group_zones(l.station);
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
    const Window w = window_of(l, today, days);
    std::map<std::string, std::optional<Millis>> lengths;
    scheduler::ArbiterConfig config;
    config.gap_between = l.station.gap_between;
    scheduler::PlanWriter writer(std::cout, scheduler::PlanFormat::csv, w.zone);
    scheduler::run_plan(w.schedule, w.from, w.to, durations_of(l, lengths), config,
                        [&writer](scheduler::PlanRow&& r) { writer.write(r); });
    writer.finish();
    std::cout.flush();
    return 0;
}

int library_phases(const fs::path& root, date::local_days today, int days) {
    double t = cpu_now();
    Loaded l = load_everything(root, today);
    const double load = cpu_now() - t;
    t = cpu_now();
    const Window w = window_of(l, today, days);
    std::size_t occurrences = 0;
    for (Instant c = w.from; c < w.to; c += date::days{7})
        occurrences += w.schedule.between(c, std::min(w.to, c + date::days{7})).size();
    const double expand = cpu_now() - t;
    std::map<std::string, std::optional<Millis>> lengths;
    const scheduler::DurationFn durations = durations_of(l, lengths);
    t = cpu_now();
    std::map<scheduler::Outcome, std::size_t> outcomes;
    scheduler::run_plan(w.schedule, w.from, w.to, durations, scheduler::ArbiterConfig{},
                        [&outcomes](scheduler::PlanRow&& r) { ++outcomes[r.outcome]; });
    const double plan = cpu_now() - t;
    t = cpu_now();
    std::ofstream null_out("/dev/null");
    scheduler::PlanWriter writer(null_out, scheduler::PlanFormat::csv, w.zone);
    scheduler::run_plan(w.schedule, w.from, w.to, durations, scheduler::ArbiterConfig{},
                        [&writer](scheduler::PlanRow&& r) { writer.write(r); });
    writer.finish();
    const double plan_csv = cpu_now() - t;
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

}  // namespace vc::bench
