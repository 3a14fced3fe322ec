#pragma once
// What a person or the station's files ask of the running daemon: air something now, stop what
// airs, reload the station's files.

#include <set>
#include <string>

#include "asrun/asrun_writer.hpp"
#include "core/clock.hpp"
#include "engine/airing_book.hpp"
#include "engine/airings_in_flight.hpp"
#include "engine/amp_sequencer.hpp"
#include "engine/occurrence_feed.hpp"
#include "scheduler/priority.hpp"
#include "station/station_state.hpp"

namespace vc::engine {

/// An airing started by a person (the console, `villagecast broadcast`, `villagecast play`).
struct ManualAiring {
    std::string playlist;  ///< a playlist name, or "" when `clip` is set
    std::string clip;      ///< a clip id, or ""
    scheduler::Priority priority = scheduler::Priority::notice;
    std::string who;  ///< the operator's name; the log's trigger is "operator WHO"
    /// Where it is heard: zone names, group names, "all" (station.toml's [[zone]] and [group]).
    std::vector<std::string> zones{"all"};
    /// A page: the live input that airs ("microphone", "browser") instead of a playlist or
    /// clip; it airs until end_page(), an operator's stop or the station's page_max.
    std::string live;
};

/// Loop thread only.
class OperatorActions {
  public:
    OperatorActions(station::StationState& station, asrun::AsrunWriter& audit,
                    const AmpSequencer& amp, AiringBook& book, AiringsInFlight& airings,
                    OccurrenceFeed& feed, const Clock& clock);

    /// Airs `manual` now by the conflict rules and logs who asked, with the occurrence it
    /// became. Returns the broadcast id it airs under ("manual-<UTC time>", with "-2", "-3", ...
    /// for later requests in the same millisecond). Throws UserError naming the playlist or clip
    /// when it does not exist or cannot air, and when the daemon is stopping.
    std::string air_now(Instant now, const ManualAiring& manual);
    /// Fades out whatever airs in the foreground (or, when nothing does, in the background)
    /// over 0.5 s. Returns false when nothing was airing.
    bool stop_on_air(Instant now, const std::string& who);
    /// Ends page `broadcast` as aired ("released by operator WHO") in every zone where it is on
    /// air; where it still waits for its turn it is missed ("released by operator WHO before
    /// the line was free"). Throws UserError when no such page of this run is open.
    void end_page(Instant now, const std::string& broadcast, const std::string& who);
    /// Reloads the station's files, announces what they added, and fades out what airs of a
    /// broadcast they removed. Returns the `reload` row it wrote.
    asrun::Reload reload(Instant now);

  private:
    /// A broadcast id no other manual airing of this run has.
    std::string manual_id(Instant now, const std::string& prefix);
    void log(Level level, const std::string& message) const;

    station::StationState& station_;
    asrun::AsrunWriter& audit_;
    const AmpSequencer& amp_;
    AiringBook& book_;
    AiringsInFlight& airings_;
    OccurrenceFeed& feed_;
    const Clock& clock_;
    std::set<std::string> issued_;  ///< the manual broadcast ids of this run
};

}  // namespace vc::engine
