#pragma once
// The busy township the soak runs: about 40 occurrences a day over the five priorities, with
// colliding times (waits, preemptions, late windows that pass), workdays by the office
// calendar, monthly and weekly broadcasts, and a background music bed under the hourly time
// signal. Every clip is a short tone, so that a simulated year renders in minutes.

#include <filesystem>
#include <string>
#include <vector>

namespace vc::soak {

/// A file of the station that the soak breaks for a reload and then puts back.
struct BreakableFile {
    std::string path;    ///< relative to the station folder
    std::string good;    ///< its content as generated
    std::string broken;  ///< what a slip of the keyboard makes of it
};

/// What the harness needs to know of the station it generated.
struct SoakStation {
    std::filesystem::path root;
    /// Playlists and clips a person may air now.
    std::vector<std::string> playlists;
    std::vector<std::string> clips;
    /// Local times of day ("07:00:00") at which something foreground airs most days: where a
    /// stop or an output loss catches an airing.
    std::vector<std::string> busy_times;
    /// The files a reload is tried with, broken and then fixed.
    std::vector<BreakableFile> breakable;
};

/// Writes the station into `root` (station.toml, clips, playlists, schedule.toml,
/// schedule.d/office.toml, calendars for 2026 and 2027 from examples/calendars). Every workdays
/// broadcast ends by 2027-12-31, the last day a calendar covers. Throws std::runtime_error when a
/// file cannot be written.
SoakStation generate_station(const std::filesystem::path& root);

/// Writes every breakable file back as generated (before each start of the daemon).
void restore_files(const SoakStation& station);

/// Writes `text` to `file`, creating its folder, and syncs it. Throws std::runtime_error.
void write_file(const std::filesystem::path& file, const std::string& text);

}  // namespace vc::soak
