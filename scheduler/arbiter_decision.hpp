#pragma once
// What the arbiter answers: the decisions both `plan` and the daemon carry out. Every decision
// carries the instants it concerns; none of them reads a clock.

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>

#include "core/duration.hpp"
#include "core/instant.hpp"
#include "scheduler/occurrence.hpp"

namespace vc::scheduler {

/// Names one airing (one play of an occurrence) for as long as the arbiter that issued it lives.
/// Ids count up from 1 and are never reused.
enum class AiringId : std::uint64_t {};

/// How an airing ended, as the caller (plan's virtual clock, or the daemon's engine) saw it.
enum class EndKind {
    finished,    ///< it played to its last frame
    faded_out,   ///< a FadeOut it was given (or an operator's stop) ended it
    failed,      ///< a fault ended it (a clip could not be decoded, ...)
    output_lost  ///< the output went away under it
};

/// The final outcome of an occurrence. Each occurrence gets exactly one.
enum class Outcome { aired, missed, interrupted, failed };

std::string_view to_string(Outcome o);
std::string_view to_string(EndKind k);

/// Start `occurrence` as airing `airing` with its first frame exactly at `at` (which may lie up
/// to the config's `fade` after the instant of the call that returned it).
struct Start {
    AiringId airing{};
    Occurrence occurrence;
    Instant at;
    Millis delay{0};         ///< at - occurrence.scheduled (0 when on time)
    int attempt = 1;         ///< 1, or 2, 3, ... when it airs again after an interruption
    std::string waited_for;  ///< the broadcast it waited for when delay > 0 (may be empty)

    bool operator==(const Start&) const = default;
};

/// Fade airing `airing` out linearly from `from` to `until` (its last frame is at `until`),
/// because `by` (a broadcast id) takes its place at `until`.
struct FadeOut {
    AiringId airing{};
    Instant from;
    Instant until;
    std::string by;

    bool operator==(const FadeOut&) const = default;
};

/// A Start whose instant has not come yet is taken back: the airing never begins, and its
/// occurrence waits again (it is not an interruption). `by` preceded it in the queue.
struct Withdraw {
    AiringId airing{};
    Occurrence occurrence;
    std::string by;

    bool operator==(const Withdraw&) const = default;
};

/// `occurrence` came due (or was put back) and waits; `behind` is the broadcast it waits for.
struct Wait {
    Occurrence occurrence;
    std::string behind;

    bool operator==(const Wait&) const = default;
};

/// The final outcome of `occurrence`, certain from instant `at`.
/// aired: `at` is its end. interrupted: `by` took its place and it cannot air again.
/// missed: its late window passed while it waited for `by` (or the caller's reason).
/// failed: the caller's reason. `reason` is the text for people ("interrupted by X", ...).
struct Final {
    Occurrence occurrence;
    Outcome outcome = Outcome::aired;
    Instant at;
    int attempts = 0;  ///< airings begun (0 for missed)
    std::string by;    ///< the broadcast that caused a missed/interrupted outcome, if any
    std::string reason;

    bool operator==(const Final&) const = default;
};

using Decision = std::variant<Start, FadeOut, Withdraw, Wait, Final>;

}  // namespace vc::scheduler
