#pragma once
// The as-run bookkeeping of airings: the started, progress, ended and missed rows, which
// occurrence's last airing still awaits its final outcome, who started each manual airing.

#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "asrun/asrun_writer.hpp"
#include "asrun/event.hpp"
#include "core/clock.hpp"
#include "engine/service_status.hpp"
#include "scheduler/arbiter_decision.hpp"
#include "station/station_state.hpp"

namespace vc::engine {

/// The status and reason of the `ended` row of an airing that ended by `kind`: `went_out`, some
/// of it reached the output; `faded_by`, what faded it out; `error`, what failed.
std::pair<asrun::EndStatus, std::string> end_status(scheduler::EndKind kind, bool went_out,
                                                    const std::string& faded_by,
                                                    const std::string& error);

/// Loop thread only.
class AiringBook {
  public:
    AiringBook(const station::StationState& station, asrun::AsrunWriter& audit, const Clock& clock);

    /// When the as-run log's first row was written, or nullopt when the log is empty.
    [[nodiscard]] std::optional<Instant> log_began() const;
    /// After a crash or power cut: ends the airings left open (their end is unknown, so they
    /// count as interrupted by the daemon stopping) and returns the occurrences to feed again:
    /// those cut off that may air again from their start (their broadcast or request still
    /// exists and their late window has not passed), and every accepted manual request with no
    /// final outcome (the late rule then airs it late or logs it missed).
    std::vector<scheduler::Occurrence> recover(Instant now);

    /// Occurrence `o` was started by operator `who`.
    void mark_manual(const scheduler::Occurrence& o, const std::string& who);
    [[nodiscard]] bool is_manual(const scheduler::Occurrence& o) const;
    /// "schedule", or "operator NAME" for a manual airing.
    [[nodiscard]] std::string trigger_of(const scheduler::Occurrence& o) const;

    /// Whether the occurrence has its final outcome: in the log, or written by this run and
    /// perhaps still waiting to be written.
    [[nodiscard]] bool has_final_outcome(const scheduler::Occurrence& o) const;
    /// Whether an airing of `o` began and its final outcome is still to come.
    [[nodiscard]] bool awaits_final(const scheduler::Occurrence& o) const;

    /// The `started` row of an airing of `o` planned to start at `at` (its clips still unset).
    [[nodiscard]] asrun::Started started_row(const scheduler::Occurrence& o, Instant at) const;
    /// Writes `started` (synced before the first sample goes out); it is now the occurrence's
    /// last airing.
    void began(Instant now, const scheduler::Occurrence& o, const asrun::Started& started);
    /// Writes `started` and, at once, its end: failed, because what it airs cannot air (`why`;
    /// empty: the reason plan gives, that the playlist or clip cannot be played).
    void could_not_begin(Instant now, const scheduler::Occurrence& o, const asrun::Started& started,
                         const std::string& why = {});
    void progress(Instant now, const asrun::Progress& progress);
    /// Writes an `ended` row and remembers a final one for status.
    void ended(Instant at, const asrun::Ended& ended);
    /// The occurrence's last airing got its final outcome.
    void settled(const scheduler::Occurrence& o);
    /// Writes a `missed` row for `o` and remembers it for status.
    void missed(Instant at, const scheduler::Occurrence& o, const std::string& reason);

    /// The Arbiter's final outcome for an occurrence: missed, or the end of its last airing
    /// becomes final (interrupted or failed, unable to air again within its late window).
    void final_outcome(const scheduler::Final& final, Instant now);
    /// An occurrence that waited for the output ends without airing again: an airing of it
    /// the lost output cut becomes final; otherwise it is missed.
    void ends_unaired(const scheduler::Occurrence& o, Instant now, const std::string& reason);

    /// The last final outcome.
    [[nodiscard]] const std::optional<LastOutcome>& last() const { return last_; }

  private:
    /// The occurrence got its final outcome in this run.
    void remember_final(const std::string& key, Instant scheduled);
    /// Makes the end of the occurrence's last airing final with `status`; false when it has no
    /// airing awaiting one.
    bool settle_last(const scheduler::Occurrence& o, Instant at, asrun::EndStatus status,
                     const std::string& reason);

    const station::StationState& station_;
    asrun::AsrunWriter& audit_;
    const Clock& clock_;
    std::map<std::string, std::string> last_airing_of_;  ///< occurrence key -> log airing id
    /// log airing id -> (occurrence key, broadcast id)
    std::map<std::string, std::pair<std::string, std::string>> occurrence_of_;
    /// Final outcomes of this run's last two days (older ones are surely in the log by now),
    /// by scheduled instant.
    std::set<std::pair<Instant, std::string>> finals_;
    std::map<std::string, std::string> manual_;  ///< occurrence key -> who started it
    std::optional<LastOutcome> last_;
};

}  // namespace vc::engine
