#pragma once
// What `villagecast check` and `plan` do, done through the library in this process, so that
// schedule_bench can time it where the binary lacks the commands, and phase by phase.

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include <date/date.h>

#include "core/diagnostic.hpp"
#include "library/library.hpp"
#include "playlists/playlist.hpp"
#include "scheduler/schedule_file.hpp"
#include "station/station.hpp"

namespace vc::bench {

struct Loaded {
    station::Station station;
    library::Library library;
    std::map<std::string, playlists::Playlist> playlists;
    scheduler::ScheduleContext ctx;
    std::vector<scheduler::ScheduleFile> files;
    Diagnostics diags;
};

/// What `check` does through the library: station, clips, playlists, schedule files.
Loaded load_everything(const std::filesystem::path& root, date::local_days today);

/// `check`: prints the counts of broadcasts and errors; 1 when there are errors.
int library_check(const std::filesystem::path& root, date::local_days today);

/// `plan --days DAYS --format csv` from `today`, to standard output.
int library_plan(const std::filesystem::path& root, date::local_days today, int days);

/// Where the library path's processor time goes, measured inside this process (printed to
/// standard output): load, expansion, rules, CSV.
int library_phases(const std::filesystem::path& root, date::local_days today, int days);

}  // namespace vc::bench
