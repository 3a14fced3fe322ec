#pragma once
// What the console reads of the station's files and as-run log, computed on the control
// server's worker threads from the files themselves (never on the daemon's loop): the plan,
// the library, the playlists and the airings. The same rows as `villagecast plan`,
// `villagecast library` and `villagecast audit export` give.

#include <filesystem>
#include <mutex>
#include <optional>
#include <ostream>
#include <string>

#include <date/date.h>
#include <nlohmann/json.hpp>

#include "asrun/airings.hpp"
#include "core/instant.hpp"
#include "library/clip_info.hpp"

namespace vc::control {

/// Writes {"from", "days", "time_zone", "occurrences": [...]} to `out`: the plan from local
/// midnight of `from` (today in the station's zone at `now` when nullopt) for `days` days, each
/// occurrence the row of `villagecast plan --format json` with "conflict" and "console" added.
/// Rows are written as the rules make them final: no document is built in memory. Holds
/// `files` while it reads the station's files, not while the rules run. Throws
/// DiagnosticError/UserError when station.toml is broken, and what `out` throws (set its
/// exceptions()). Any thread.
void write_plan_json(std::ostream& out, const std::filesystem::path& station,
                     std::optional<date::local_days> from, int days, Instant now,
                     std::mutex& files);

/// One clip as /api/library lists it.
nlohmann::json clip_json(const library::ClipInfo& clip);

/// {"clips": [...]} for every file under clips/. Any thread.
nlohmann::json library_json(const std::filesystem::path& station);

/// {"playlists": [{"name", "title", "duration_ms", "problems"}]}. Any thread.
nlohmann::json playlists_json(const std::filesystem::path& station);

/// Which airings /api/airings lists: dates as written (YYYY-MM-DD, `to` inclusive).
struct AiringQuery {
    std::optional<date::local_days> from;
    std::optional<date::local_days> to;
    std::optional<asrun::AiringStatus> status;
    std::optional<std::string> broadcast;
};

/// The airings from the station's log, through its own read-only SQLite connection, as
/// {"head", "time_zone", "airings"} (json) or the CSV of `audit export` (csv). `head_line`
/// receives "ROWS HASH". Throws UserError when there is no log yet. Any thread.
std::string airings_export(const std::filesystem::path& station, const AiringQuery& query, bool csv,
                           std::string* head_line);

/// The clip file with this id, or nullopt (only files the library lists: never a path
/// outside clips/). Any thread.
std::optional<std::filesystem::path> clip_file(const std::filesystem::path& station,
                                               const std::string& id);

}  // namespace vc::control
