#pragma once
// What must hold of the as-run log after a soak, checked against the schedule itself (its
// occurrences enumerated by the scheduler, not read from the daemon) and the manual requests
// the daemon accepted.

#include <cstdint>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "asrun/report.hpp"
#include "core/instant.hpp"

namespace vc::soak {

/// One invariant and what broke it; each problem names the occurrence and prints its rows.
struct Check {
    explicit Check(std::string what) : name(std::move(what)) {}
    std::string name;
    std::int64_t checked = 0;  ///< how many things it looked at
    std::vector<std::string> problems;
    [[nodiscard]] bool ok() const { return problems.empty(); }
};

/// What the log holds at the end.
struct LogFigures {
    std::int64_t rows = 0;
    std::int64_t occurrences = 0;  ///< of the schedule in the span
    std::int64_t airings = 0;      ///< `started` rows
    std::int64_t manual_requests = 0;
    std::int64_t daemon_starts = 0;
    std::int64_t reloads_refused = 0;  ///< reload rows with a file not taken
    asrun::BroadcastCounts scheduled;  ///< the whole span's record, scheduled broadcasts
    std::int64_t manual_entries = 0;   ///< its manual airings
};

struct CheckResults {
    std::vector<Check> checks;
    LogFigures figures;
    [[nodiscard]] bool ok() const;
};

/// Checks the log of the station at `root` (state/audit.db) over the span [from, to):
///  - `audit verify` passes;
///  - every occurrence of the schedule scheduled in the span has exactly one final outcome (a
///    `missed`, or an `ended` with final true), and no final outcome names an occurrence that
///    is neither the schedule's nor an accepted manual request;
///  - every `started` has an `ended`;
///  - every id in `manual_ids` has exactly one `operator` request row and one final outcome,
///    and every request row in the log is one of them;
///  - the monthly records of the months the span touches add up, count for count, to the
///    record of those months taken together, and that record counts every occurrence once.
/// The schedule is loaded as on the span's first day. Throws UserError when the log or the
/// station cannot be read.
CheckResults check_log(const std::filesystem::path& root, Instant from, Instant to,
                       const std::vector<std::string>& manual_ids);

}  // namespace vc::soak
