#pragma once
// The soak: a busy township's station run by the daemon's own parts on a simulated clock, one
// simulated week per child process, each killed with SIGKILL near its week's end (the crash
// path: the next start recovers from the log) while manual airings, stops, reloads with broken
// files and output losses arrive at seeded random instants through the Service calls the
// console uses. Then the log is checked (soak_checks.hpp). Used by the soak test (a few weeks)
// and bench/soak_year (a year).

#include <cstdint>
#include <filesystem>
#include <iosfwd>
#include <string>
#include <vector>

#include <date/date.h>

#include "tests/soak/harness/soak_checks.hpp"

namespace vc::soak {

struct SoakOptions {
    std::filesystem::path dir;  ///< working folder: station/, actions.txt, a log per start
    date::local_days first_day{date::year{2026} / 1 / 1};
    int days = 21;
    std::uint64_t seed = 1;
    int manual_per_week = 16;  ///< requests to air now (some in bursts at one instant)
    int stops_per_week = 8;
    int reloads_per_week = 2;  ///< each: a file broken and reloaded, later fixed and reloaded
    int losses_per_week = 2;   ///< each: the output lost, later back
    /// Wall-clock seconds a start may take before it is taken for stuck (SIGALRM).
    unsigned start_limit_s = 300;
    std::ostream* progress = nullptr;  ///< a line per daemon start when set
};

/// What the soak did and found.
struct SoakFigures {
    int days = 0;
    int starts = 0;  ///< child processes run
    int kills = 0;   ///< of them killed with SIGKILL as planned
    std::int64_t manual_refused = 0;
    std::int64_t stops = 0;
    std::int64_t stops_hit = 0;  ///< stops that found something airing
    std::int64_t broken_reloads = 0;
    std::int64_t output_losses = 0;
    double wall_seconds = 0;
    double peak_child_mb = 0;  ///< the largest peak resident memory of a child
    double self_mb = 0;        ///< this process's (the checks)
    /// A start that did not end as planned (an exception, a crash), with its log's tail.
    std::vector<std::string> child_failures;
    CheckResults results;
    [[nodiscard]] bool ok() const { return child_failures.empty() && results.ok(); }
};

/// Generates the station in options.dir/station (replacing what is there) and runs the soak.
/// Forks: call it before this process starts any thread. Throws std::runtime_error when the
/// folder cannot be written or fork fails.
SoakFigures run_soak(const SoakOptions& options);

/// The figures and each check's result, a line each, with every problem found.
std::string format_figures(const SoakFigures& figures);

}  // namespace vc::soak
