#pragma once
// The conflict rules as one small state machine, run by `plan` over predicted durations with a
// virtual clock and by the daemon over real events, so that the plan and the as-run log cannot
// disagree. It has no clock: every input carries its instant, every decision the instants it
// concerns.
//
// Timing contract. Starts are committed ahead of their instant by the commit lead: `fade`,
// plus the output's latency for an output that takes frames that long before they sound (a
// Snapcast stream). A queued occurrence is started when the lead remains before its start
// instant, so that a preempted airing can fade out over the `fade` that ends exactly at the
// preempting occurrence's scheduled instant. The caller therefore
//   - announces each occurrence with due() no later than `scheduled - lead` (earlier is fine:
//     the arbiter keeps it and acts at `scheduled - lead`);
//   - calls tick() at next_deadline() whenever nothing else happens by then;
//   - reports every airing's end with ended() at the instant it ended.
// A call whose instant lies past next_deadline() first handles what fell due in between, each
// at its own instant. Instants never go backwards: an input earlier than one already seen is
// taken as happening at the latest instant seen.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/instant.hpp"
#include "scheduler/arbiter_config.hpp"
#include "scheduler/arbiter_decision.hpp"
#include "scheduler/occurrence.hpp"

namespace vc::scheduler {

/// The reason given when due() is called after an occurrence's late window has passed and the
/// caller gives none.
inline constexpr std::string_view default_late_reason = "came due after its late window had passed";

/// The conflict rules for one output. Not thread-safe: only its owner's thread (the daemon's
/// event loop, or the thread running plan) may call it.
class Arbiter {
  public:
    /// Throws std::invalid_argument when a duration in `config` is negative. Any thread.
    explicit Arbiter(ArbiterConfig config = {});

    /// `occurrence` comes due. Call it at `now <= occurrence.scheduled - fade` (the arbiter then
    /// holds it until that instant), or later: a scheduled occurrence that outranks what airs
    /// then starts no earlier than `now + fade`. A manual airing is an occurrence with
    /// `scheduled == now`: it preempts after the fade, or starts at once on an idle output.
    /// An occurrence that arrives after its late window (the daemon was down) is missed with
    /// `late_reason`; one that arrives late but within it starts at `now` if the output is free.
    /// Feeding an occurrence the arbiter already holds does nothing; feeding one that already has
    /// its final outcome is the caller's error (the arbiter does not remember finished ones).
    /// Owner's thread. Throws std::bad_alloc only.
    std::vector<Decision> due(const Occurrence& occurrence, Instant now,
                              std::string_view late_reason = default_late_reason);

    /// Airing `airing` ended at `now`. `reason` is the fault's text for failed and output_lost.
    /// A faded_out end of an airing the arbiter did not fade (an operator's stop) is final:
    /// interrupted, with `reason`. Owner's thread. Throws std::invalid_argument when `airing` is
    /// not one the arbiter is running (nothing changes then).
    std::vector<Decision> ended(AiringId airing, Instant now, EndKind kind,
                                std::string_view reason = {});

    /// Nothing happened before `now`: handle every deadline up to and including `now`. Owner's
    /// thread.
    std::vector<Decision> tick(Instant now);

    /// The operator takes back every occurrence of broadcast `broadcast` that waits or is held
    /// (a page released while the line was busy): each becomes missed (interrupted if it aired
    /// before it was preempted) with `reason`, and what waited behind it may start. Airings
    /// already running are not touched (fade them out and report their end with ended()).
    /// Owner's thread.
    std::vector<Decision> withdraw(const std::string& broadcast, Instant now,
                                   std::string_view reason);

    /// When tick() must be called next if no other input comes first: the next instant at which
    /// a waiting occurrence must be started (its start instant minus `fade`), a waiting
    /// occurrence's late window has passed (its end plus 1 ms), or a held occurrence comes due.
    /// Owner's thread (as are the queries below).
    [[nodiscard]] std::optional<Instant> next_deadline() const;

    /// The occurrences waiting for the output, in queue order (priority, scheduled, id).
    [[nodiscard]] std::vector<Occurrence> waiting() const;
    /// Those announced early and held until their start comes near, in the order they start.
    [[nodiscard]] std::vector<Occurrence> held() const;
    /// True when nothing is held, waiting or airing.
    [[nodiscard]] bool idle() const;
    [[nodiscard]] const ArbiterConfig& config() const { return config_; }

  private:
    /// How far ahead of its instant a start is committed: the fade, plus the output's latency.
    [[nodiscard]] Millis commit_lead() const { return config_.fade + config_.output_latency; }

    struct Airing {
        AiringId id{};
        Occurrence occurrence;
        Instant start;
        int attempt = 1;
        std::string interrupted_by;  // by whom an earlier attempt was interrupted
        std::optional<Instant> fade_until;
        std::string faded_by;
    };
    struct Waiting {
        Occurrence occurrence;
        int attempts = 0;  // airings begun so far
        std::string blocked_by;
        std::string interrupted_by;
    };
    struct Held {
        Occurrence occurrence;
        std::string late_reason;
    };
    enum class Event { none, missed, announce, commit };
    struct Candidate {
        std::size_t index = 0;
        Instant start;
    };

    void advance(Instant limit, bool inclusive, std::vector<Decision>& out);
    [[nodiscard]] std::pair<Event, Instant> next_event() const;
    [[nodiscard]] std::optional<Candidate> candidate(Instant t) const;
    [[nodiscard]] std::optional<Instant> next_commit() const;
    [[nodiscard]] Instant window_end(const Occurrence& o) const { return o.scheduled + o.late; }
    [[nodiscard]] bool holds(const Occurrence& o) const;
    Instant accept(Instant now);

    void announce(const Occurrence& occurrence, std::string_view late_reason, Instant t,
                  std::vector<Decision>& out);
    void announce_foreground(const Occurrence& occurrence, Instant t, std::vector<Decision>& out);
    void announce_background(const Occurrence& occurrence, Instant t, std::vector<Decision>& out);
    void commit_ready(Instant t, std::vector<Decision>& out);
    void expire(Instant t, std::vector<Decision>& out);
    void start_foreground(Waiting entry, Instant start, std::vector<Decision>& out);
    void withdraw_foreground(const std::string& by, std::vector<Decision>& out);
    void enqueue(Waiting entry);
    void end_foreground(std::size_t index, Instant now, EndKind kind, std::string_view reason,
                        std::vector<Decision>& out);
    void end_background(std::size_t index, Instant now, EndKind kind, std::string_view reason,
                        std::vector<Decision>& out);

    AiringId new_airing_id() { return AiringId{next_id_++}; }

    ArbiterConfig config_;
    Instant clock_{};
    std::uint64_t next_id_ = 1;
    std::vector<Held> held_;          // announced early, ordered by (scheduled - fade, queue order)
    std::vector<Waiting> queue_;      // ordered by (priority, scheduled, broadcast id)
    std::vector<Airing> foreground_;  // ordered by start; all but the last are fading out
    std::vector<Airing> background_;  // likewise
    std::optional<Instant> last_end_;  // of the last foreground airing, when the output is free
    std::string last_broadcast_;
};

}  // namespace vc::scheduler
