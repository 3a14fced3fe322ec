#pragma once
// The station as the running daemon holds it: its files as last loaded, each schedule file's
// last good version, and the schedule built from them. A reload replaces what loaded cleanly
// and keeps the last good version of each file that did not, so one typo in one office's file
// never blocks another's notice.

#include <cstddef>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <date/tz.h>

#include "asrun/event.hpp"
#include "audio/timeline.hpp"
#include "scheduler/arbiter_config.hpp"
#include "scheduler/occurrence.hpp"
#include "scheduler/schedule.hpp"
#include "scheduler/schedule_file.hpp"
#include "station/station_files.hpp"

namespace vc::station {

/// A file that failed to load at the last (re)load, and why.
struct FileProblem {
    std::string file;     ///< relative to the station folder
    std::string message;  ///< its first error, file:line:col
};

/// Loop thread only.
class StationState {
  public:
    /// Loads everything. Throws DiagnosticError/UserError when station.toml itself is broken
    /// (the daemon cannot start without it).
    explicit StationState(const std::filesystem::path& root, date::local_days today);

    /// Loads the files again. station.toml that fails keeps the old settings; each schedule
    /// file and playlist that fails keeps its last good version. Returns the reload event's
    /// record of each file. Never throws for a bad file.
    asrun::Reload reload(date::local_days today);

    [[nodiscard]] const station::StationFiles& files() const { return *files_; }
    [[nodiscard]] const station::Station& station() const { return files_->station; }
    [[nodiscard]] const scheduler::Schedule& schedule() const { return *schedule_; }
    [[nodiscard]] const date::time_zone* zone() const { return zone_; }
    [[nodiscard]] scheduler::ArbiterConfig arbiter_config() const;
    [[nodiscard]] const std::vector<FileProblem>& problems() const { return problems_; }

    /// The Timeline an occurrence airs (its playlist or clip) rendered for its zone, the output
    /// channels it plays on (station/zone_routing.hpp), and the clips in it with their SHA-256.
    /// Throws when it cannot air (missing or broken clip, a zone off the station's output).
    /// For a page (Occurrence::live), `format` is what its live source renders, `route` where
    /// it plays, and the timeline is the station's page_chime (null when it has none, or when
    /// the clip cannot air: the page goes on without it).
    struct Airable {
        std::shared_ptr<const audio::Timeline> timeline;
        audio::AudioFormat format;  ///< the timeline's format, or a page's
        std::size_t output = 0;     ///< which of station_outputs() it plays on
        std::vector<int> route;     ///< 0-based channels of that output; empty: every channel
        std::vector<asrun::ClipHash> clips;
    };
    Airable airable(const scheduler::Occurrence& occurrence) const;

  private:
    void load(date::local_days today, asrun::Reload* record);

    std::filesystem::path root_;
    std::unique_ptr<station::StationFiles> files_;
    std::map<std::string, scheduler::ScheduleFile> good_schedule_files_;  ///< by display name
    std::unique_ptr<scheduler::Schedule> schedule_;
    const date::time_zone* zone_ = nullptr;
    std::vector<FileProblem> problems_;
};

}  // namespace vc::station
