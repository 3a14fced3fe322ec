#pragma once
// Reading a station's schedule: schedule.toml plus every schedule.d/*.toml (one per office or
// staff member), each file checked on its own so that one broken file never stops the others,
// then checked across files (ids are unique across all of them).

#include <filesystem>
#include <string>
#include <vector>

#include "core/diagnostic.hpp"
#include "scheduler/broadcast.hpp"
#include "scheduler/schedule_context.hpp"

namespace vc::scheduler {

/// One schedule file as read.
struct ScheduleFile {
    std::filesystem::path path;
    std::string display_name;  ///< as messages name it: "schedule.toml", "schedule.d/a.toml"
    std::string sha256;        ///< of the file's bytes (lower-case hex); empty when unreadable
    /// The broadcasts that parsed without error, in file order. A file with any error does not
    /// air at all (Schedule leaves it out), but its good broadcasts are still listed here.
    std::vector<Broadcast> broadcasts;
    Diagnostics diagnostics;  ///< errors and warnings, file:line:col each

    [[nodiscard]] bool ok() const { return !diagnostics.has_errors(); }
};

/// Reads and checks one schedule file. Never throws for a problem in the file: every error
/// and warning (see docs/schedule.md) lands in the result's diagnostics under `display_name`.
/// Call from the control thread.
ScheduleFile load_schedule_file(const std::filesystem::path& path, const std::string& display_name,
                                const ScheduleContext& ctx);

/// Same, from text already in memory (tests, uploads); `sha256` is of the text.
ScheduleFile load_schedule_text(std::string_view text, const std::string& display_name,
                                const ScheduleContext& ctx);

/// Reads `station_root`/schedule.toml (when present) and then schedule.d/*.toml sorted by
/// name, each on its own, then checks across files: an id used in two files is an error at
/// the second, naming the first's place; two broadcasts in different files that always come
/// due together get a warning. Call from the control thread.
std::vector<ScheduleFile> load_schedule(const std::filesystem::path& station_root,
                                        const ScheduleContext& ctx);

/// Every diagnostic of every file, in file order.
Diagnostics all_diagnostics(const std::vector<ScheduleFile>& files);

}  // namespace vc::scheduler
