#pragma once
// The daemon's decisions over time: which occurrence comes due, what the conflict rules do with
// it, what goes to the output and what goes into the as-run log. It owns no clock and no thread:
// a driver (real time on Boost.Asio, or simulated from event to event) calls it with the
// current instant, asks when to call next, and passes on the stream's events. So the real and
// the simulated run are the same code.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "audio/stream/stream_event.hpp"
#include "core/clock.hpp"
#include "core/duration.hpp"
#include "daemon/air_chain.hpp"
#include "daemon/aircheck_recorder.hpp"
#include "daemon/audit_writer.hpp"
#include "daemon/log.hpp"
#include "daemon/station_state.hpp"
#include "scheduler/arbiter.hpp"

namespace vc::daemon {

struct ServiceOptions {
    Millis lead{5000};              ///< prepare (open the output, announce) this long before
    Millis idle_close{60000};       ///< close the output when nothing is due within this
    Millis progress_every{60000};   ///< a `progress` event per airing this often
    bool keep_output_open = false;  ///< simulated runs: one continuous output from start to end
    Millis look_back{
        std::chrono::hours(24)};           ///< after a restart, occurrences this old are handled
    AircheckRecorder* aircheck = nullptr;  ///< records each airing when set
};

/// What `status` shows of the running daemon.
struct ServiceStatus {
    std::string on_air;           ///< broadcast id airing now, or ""
    std::optional<Instant> next;  ///< the next scheduled instant
    bool output_open = false;
    std::string output_problem;   ///< why the output is unavailable, or ""
    std::size_t log_pending = 0;  ///< as-run events waiting to be written
};

/// Loop thread only.
class Service {
  public:
    Service(StationState& station, AuditWriter& audit, AirChain& chain, const Clock& clock,
            ServiceOptions options = {});

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
    /// Reloads the station's files (SIGHUP, a file changed).
    void reload(Instant now);
    /// Fades out what airs over 0.5 s and ends it as interrupted; done() turns true once
    /// every airing has ended. `reason`: "SIGTERM", ...
    void stop(Instant now, const std::string& reason);
    [[nodiscard]] bool done() const { return stopping_ && airings_.empty(); }
    /// Writes daemon-stop. Call once, after done() or when giving up on the output.
    void finish(Instant now);

    [[nodiscard]] ServiceStatus status() const;
    /// Airings on the output now (tests).
    [[nodiscard]] std::size_t airings_in_flight() const { return airings_.size(); }

  private:
    struct Airing {
        sched::Occurrence occurrence;
        std::string log_id;  ///< the as-run log's airing id
        std::int64_t start_frame = 0;
        Instant planned_start;
        std::optional<Instant> actual_start;
        Instant next_progress;
        std::string faded_by;  ///< a FadeOut's `by`
        bool withdrawn = false;
    };

    void announce_until(Instant now, std::string_view late_reason);
    void feed(const sched::Occurrence& occurrence, Instant now, std::string_view late_reason);
    void handle(std::vector<sched::Decision> decisions, Instant now);
    void start_airing(const sched::Start& start, Instant now);
    void final_outcome(const sched::Final& final, Instant now);
    void end_airing(audio::AiringId id, std::int64_t frame, sched::EndKind kind,
                    const std::string& error);
    void ensure_output(Instant now);
    void release_held(Instant now);
    void maybe_close_output(Instant now);
    void write_progress(Instant now);
    /// Fades an airing out so that it ends at `end_frame` (air-check included).
    void fade_out(std::uint64_t id, std::int64_t end_frame, Millis fade);
    /// Fades it out over the 0.5 s from now (or from the first frame still open).
    void fade_out_now(std::uint64_t id, Instant now);
    [[nodiscard]] std::optional<Instant> next_announcement() const;
    void log(Level level, const std::string& message) const;

    StationState& station_;
    AuditWriter& audit_;
    AirChain& chain_;
    const Clock& clock_;
    ServiceOptions options_;
    sched::Arbiter arbiter_;

    Instant cursor_{};  ///< every occurrence scheduled at or before it is announced
    std::map<std::uint64_t, Airing> airings_;  ///< by the arbiter's airing id
    std::map<std::string, std::string>
        last_airing_of_;  ///< occurrence key -> its latest log airing id
    std::vector<std::pair<sched::Occurrence, std::string>> held_;  ///< waiting for the output
    std::optional<Instant> output_retry_;
    Millis output_backoff_{1000};
    std::string output_problem_;
    std::optional<Instant> close_at_;
    bool stopping_ = false;
    std::string stop_reason_;
};

}  // namespace vc::daemon
