#pragma once
// The running daemon's coordinator: it owns one part per job (engine/README.md) and calls them
// in order at each instant, stream event and command.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "asrun/asrun_writer.hpp"
#include "audio/stream/stream_event.hpp"
#include "core/clock.hpp"
#include "core/duration.hpp"
#include "core/log.hpp"
#include "engine/air_chain.hpp"
#include "engine/aircheck_recorder.hpp"
#include "engine/airing_book.hpp"
#include "engine/airings_in_flight.hpp"
#include "engine/amp_sequencer.hpp"
#include "engine/occurrence_feed.hpp"
#include "engine/operator_actions.hpp"
#include "engine/output_keeper.hpp"
#include "engine/reception.hpp"
#include "engine/service_status.hpp"
#include "scheduler/zone_arbiters.hpp"
#include "station/station_state.hpp"

namespace vc::engine {

struct ServiceOptions {
    Millis lead{5000};              ///< prepare (open the output, announce) this long before
    Millis idle_close{60000};       ///< close the output when nothing is due within this
    Millis progress_every{60000};   ///< a `progress` event per airing this often
    bool keep_output_open = false;  ///< simulated runs: one continuous output from start to end
    Millis look_back{
        std::chrono::hours(24)};              ///< after a restart, occurrences this old are handled
    AircheckRecorder* aircheck = nullptr;     ///< records each airing when set
    bool aircheck_pages_only = false;         ///< the recorder records pages only
    os::CommandLauncher* commands = nullptr;  ///< runs the amplifier commands; none when unset
    LiveInputs* live = nullptr;  ///< opens the pages' live inputs; none: pages cannot air
    /// Reports the receivers of zones on Snapcast streams for the as-run rows; none: rows say
    /// nothing of reception.
    ReceptionSource* reception = nullptr;
};

/// The daemon's decisions over time: which occurrence comes due, what the conflict rules do with
/// it, what goes to the output and what goes into the as-run log. It owns no clock and no
/// thread: a driver (real time on Boost.Asio, or simulated from event to event) calls it with the
/// current instant, asks when to call next, and passes on the stream's events. So the real and
/// the simulated run are the same code. Loop thread only.
class Service {
  public:
    Service(station::StationState& station, asrun::AsrunWriter& audit, AirChain& chain,
            const Clock& clock, ServiceOptions options = {});

    /// Writes daemon-start, closes airings a crash left open, and handles what came due while
    /// the daemon was down (or, the first time, starts from `now`).
    void start(Instant now, const std::string& version);
    /// Does everything due at or before `now`.
    void wake(Instant now);
    /// When wake() must be called next (nullopt: nothing will ever be due).
    [[nodiscard]] std::optional<Instant> next_wakeup() const;
    /// An event of the output stream (an airing started, ended or failed).
    void on_stream_event(const audio::StreamEvent& event);
    /// The wall clock was stepped: it now reads `now` where it would have read `expected`.
    void on_clock_step(Instant expected, Instant now);
    /// Reloads the station's files (SIGHUP, a file changed). Returns what it logged: each
    /// file read and whether it was taken.
    asrun::Reload reload(Instant now);
    /// Whether occurrence (broadcast, scheduled) has its final outcome, counting rows still
    /// waiting to be written.
    [[nodiscard]] bool has_final_outcome(const std::string& broadcast, Instant scheduled) const;
    /// Fades out what airs over 0.5 s and ends it as interrupted; done() turns true once
    /// every airing has ended. `reason`: "SIGTERM", ...
    void stop(Instant now, const std::string& reason);
    [[nodiscard]] bool done() const { return airings_.stopping() && airings_.empty(); }
    /// Writes daemon-stop. Call once, after done() or when giving up on the output.
    void finish(Instant now);

    /// Airs `manual` now by the conflict rules (it preempts lower priorities after their fade,
    /// waits behind higher ones) and logs who asked. Returns the broadcast id it airs under
    /// ("manual-<UTC time>"). Throws UserError naming the playlist or clip when it does not
    /// exist or cannot air, and when the daemon is stopping.
    std::string air_now(Instant now, const ManualAiring& manual);
    /// Fades out whatever airs in the foreground over 0.5 s; it ends as interrupted ("stopped
    /// by operator WHO") and is not aired again. Returns false when nothing was airing.
    bool stop_on_air(Instant now, const std::string& who);
    /// Ends a page (see OperatorActions::end_page).
    void end_page(Instant now, const std::string& broadcast, const std::string& who);

    [[nodiscard]] ServiceStatus status(Instant now) const;
    /// Airings on the output now (tests).
    [[nodiscard]] std::size_t airings_in_flight() const { return airings_.all().size(); }

  private:
    /// Nothing airs, waits or is held.
    [[nodiscard]] bool quiet() const;
    /// Closes the output once nothing has been due for a while.
    void close_output_when_idle(Instant now);

    station::StationState& station_;
    asrun::AsrunWriter& audit_;
    AirChain& chain_;
    const Clock& clock_;
    ServiceOptions options_;
    scheduler::ZoneArbiters arbiter_;
    AmpSequencer amp_;
    OutputKeeper output_;
    AiringBook book_;
    AiringsInFlight airings_;
    OccurrenceFeed feed_;
    OperatorActions operator_;
    StatusReader status_;
};

}  // namespace vc::engine
