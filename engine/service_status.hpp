#pragma once
// What `status` shows of the running daemon: the plain values the console and the commands
// read, and the reader that gathers them from the service's parts.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/duration.hpp"
#include "core/instant.hpp"
#include "scheduler/occurrence.hpp"
#include "station/station_state.hpp"

namespace vc::asrun {
class AsrunWriter;
}

namespace vc::engine {

class AirChain;
class AiringBook;
class AiringsInFlight;
class AmpSequencer;
class OccurrenceFeed;
class OutputKeeper;

/// An airing on the output now.
struct OnAir {
    std::string airing;     ///< the as-run log's airing id
    std::string broadcast;  ///< broadcast id
    std::string playlist;   ///< or "" when a clip airs alone
    std::string clip;
    std::string priority;  ///< emergency ... background
    std::string trigger;   ///< "schedule" or "operator NAME"
    Instant scheduled{};
    std::optional<Instant> since;  ///< when its first sample reached the output (once known)
    Millis position{0};            ///< how far into it now
    Millis length{0};              ///< its whole length
    std::string zone;              ///< the zone it is heard in; "" on a station without zones
    std::string live;              ///< a page's live input; its length is then 0 (unknown)
    /// A page: from the microphone to the listener, as the daemon measures it (its input's
    /// latency and queue, the output's queue and the sound system's buffer, Snapcast's
    /// included).
    Millis latency{0};
};

/// The last airing that ended, and how.
struct LastOutcome {
    std::string airing;
    std::string broadcast;
    std::string status;  ///< aired, interrupted, partial, failed, missed
    std::string reason;
    Instant at{};  ///< when it ended (or was missed)
};

/// What `status` shows of the running daemon. Plain value.
struct ServiceStatus {
    std::vector<OnAir> on_air;                  ///< foreground first, then background
    std::optional<scheduler::Occurrence> next;  ///< the next scheduled occurrence
    std::optional<LastOutcome> last;            ///< the last final outcome
    std::string output_name;                    ///< the output's name
    bool output_open = false;
    std::string output_problem;                      ///< why the output is unavailable, or ""
    std::int64_t underruns = 0;                      ///< since the daemon started
    std::int64_t host_underflows = 0;                ///< since the daemon started
    std::int64_t read_ahead_waits = 0;               ///< since the daemon started
    std::int64_t aircheck_dropped_frames = 0;        ///< since the daemon started
    std::string scheduling;                          ///< how the output's feeder is scheduled
    std::vector<station::FileProblem> failed_files;  ///< station files refused at the last (re)load
    std::size_t log_pending = 0;                     ///< as-run events waiting to be written
    std::string log_error;                           ///< why they wait, or ""
    std::string amplifier;                           ///< "on", "off", or "" when not sequenced
    std::string amplifier_problem;  ///< the last amplifier command's failure, or ""
};

/// Gathers a ServiceStatus from the service's parts. Loop thread only.
class StatusReader {
  public:
    StatusReader(const station::StationState& station, const asrun::AsrunWriter& audit,
                 const AirChain& chain, const OutputKeeper& output, const AmpSequencer& amp,
                 const AiringBook& book, const AiringsInFlight& airings,
                 const OccurrenceFeed& feed);

    [[nodiscard]] ServiceStatus read(Instant now) const;

  private:
    const station::StationState& station_;
    const asrun::AsrunWriter& audit_;
    const AirChain& chain_;
    const OutputKeeper& output_;
    const AmpSequencer& amp_;
    const AiringBook& book_;
    const AiringsInFlight& airings_;
    const OccurrenceFeed& feed_;
};

}  // namespace vc::engine
