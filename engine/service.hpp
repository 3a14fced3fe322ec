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

#include "asrun/asrun_writer.hpp"
#include "audio/stream/stream_event.hpp"
#include "core/clock.hpp"
#include "core/duration.hpp"
#include "core/log.hpp"
#include "engine/air_chain.hpp"
#include "engine/aircheck_recorder.hpp"
#include "engine/amp_sequencer.hpp"
#include "scheduler/arbiter.hpp"
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
    os::CommandLauncher* commands = nullptr;  ///< runs the amplifier commands; none when unset
};

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
    std::vector<station::FileProblem> failed_files;  ///< station files refused at the last (re)load
    std::size_t log_pending = 0;                     ///< as-run events waiting to be written
    std::string log_error;                           ///< why they wait, or ""
    std::string amplifier;                           ///< "on", "off", or "" when not sequenced
    std::string amplifier_problem;  ///< the last amplifier command's failure, or ""
};

/// An airing started by a person (the console, `villagecast broadcast`, `villagecast play`).
struct ManualAiring {
    std::string playlist;  ///< a playlist name, or "" when `clip` is set
    std::string clip;      ///< a clip id, or ""
    scheduler::Priority priority = scheduler::Priority::notice;
    std::string who;  ///< the operator's name; the log's trigger is "operator WHO"
};

/// Loop thread only.
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
    /// Reloads the station's files (SIGHUP, a file changed).
    void reload(Instant now);
    /// Fades out what airs over 0.5 s and ends it as interrupted; done() turns true once
    /// every airing has ended. `reason`: "SIGTERM", ...
    void stop(Instant now, const std::string& reason);
    [[nodiscard]] bool done() const { return stopping_ && airings_.empty(); }
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

    [[nodiscard]] ServiceStatus status(Instant now) const;
    /// Airings on the output now (tests).
    [[nodiscard]] std::size_t airings_in_flight() const { return airings_.size(); }

  private:
    struct Airing {
        scheduler::Occurrence occurrence;
        std::string log_id;  ///< the as-run log's airing id
        std::int64_t start_frame = 0;
        Instant planned_start;
        std::optional<Instant> actual_start;
        Instant next_progress;
        std::string faded_by;  ///< a FadeOut's `by`
        bool withdrawn = false;
        Millis length{0};              ///< the timeline's length
        bool awaiting_output = false;  ///< started by the rules while the device is away
    };

    void announce_until(Instant now, std::string_view late_reason);
    void feed(const scheduler::Occurrence& occurrence, Instant now, std::string_view late_reason);
    void handle(std::vector<scheduler::Decision> decisions, Instant now);
    void start_airing(const scheduler::Start& start, Instant now);
    /// Puts airing `id` on the output from `at` (or the first frame still open) and logs it.
    void begin_airing(std::uint64_t id, const scheduler::Occurrence& o, Instant at, Instant now,
                      Millis delay);
    /// Starts the airings that waited for the output once it is back; ends those whose late
    /// window passed.
    void resume_awaiting(Instant now);
    /// Announces what a reload added between now and the cursor.
    void announce_added(Instant now);
    /// Ends an airing that waited for the output and never began (`kind` failed: its late
    /// window passed; faded_out: the rules or a reload took it off by `by`).
    void drop_awaiting(std::uint64_t id, Instant now, scheduler::EndKind kind,
                       const std::string& by);
    void final_outcome(const scheduler::Final& final, Instant now);
    void end_airing(audio::AiringId id, std::int64_t frame, scheduler::EndKind kind,
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
    /// How long before an occurrence it is prepared (longer when the amplifier needs it).
    [[nodiscard]] Millis lead() const { return std::max(options_.lead, amp_.lead()); }
    /// Nothing airs, waits or is held.
    [[nodiscard]] bool quiet() const;
    /// "schedule", or "operator NAME" for a manual airing.
    [[nodiscard]] std::string trigger_of(const scheduler::Occurrence& o) const;
    /// Writes an `ended` or `missed` event and remembers a final one for status().
    void write_outcome(Instant at, const asrun::Ended& ended);
    void write_outcome(Instant at, const asrun::Missed& missed);
    void log(Level level, const std::string& message) const;

    station::StationState& station_;
    asrun::AsrunWriter& audit_;
    AirChain& chain_;
    const Clock& clock_;
    ServiceOptions options_;
    scheduler::Arbiter arbiter_;
    AmpSequencer amp_;

    Instant cursor_{};  ///< every occurrence scheduled at or before it is announced
    std::map<std::uint64_t, Airing> airings_;  ///< by the arbiter's airing id
    std::map<std::string, std::string>
        last_airing_of_;  ///< occurrence key -> its latest log airing id
    std::vector<std::pair<scheduler::Occurrence, std::string>> held_;  ///< waiting for the output
    std::optional<Instant> output_retry_;
    Millis output_backoff_{1000};
    std::string output_problem_;
    std::optional<Instant> close_at_;
    bool stopping_ = false;
    std::string stop_reason_;
    std::map<std::string, std::string> manual_;  ///< occurrence key -> who started it
    std::optional<LastOutcome> last_;
};

}  // namespace vc::engine
