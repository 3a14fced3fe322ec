#pragma once
// Airings as people read them: each `started` joined with its `ended`, plus each `missed`
// occurrence, one row apiece, with the filters of `villagecast audit list`.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "asrun/event.hpp"
#include "asrun/log_store.hpp"

namespace vc::asrun {

/// The status shown for a row: an ended status, `missed`, or `airing` (started, no ended yet).
enum class AiringStatus { aired, interrupted, partial, failed, missed, airing };
std::string_view to_string(AiringStatus status);
/// Reads a status name; "open" is another name for "airing". nullopt when unknown.
std::optional<AiringStatus> parse_airing_status(std::string_view name);
/// The names parse_airing_status() reads, for error messages.
inline constexpr std::string_view airing_status_help =
    "aired, interrupted, partial, failed, missed or airing (also called open)";

/// One line of a listing: an airing (started + ended), or a missed occurrence.
struct AiringRow {
    std::int64_t seq = 0;                 ///< the `started` (or `missed`, or orphan `ended`) row
    std::optional<std::int64_t> end_seq;  ///< the (first) `ended` row
    std::string airing;                   ///< airing id; empty for a missed occurrence
    std::string broadcast;
    std::string playlist;
    std::string clip;
    std::string trigger;
    std::string priority;
    std::vector<std::string> zones;
    std::optional<Instant> scheduled;  ///< empty only for an `ended` without a `started`
    std::optional<Instant> planned_start;
    std::optional<Instant> start;  ///< actual start: from `ended`, else the newest `progress`
    std::optional<Instant> end;  ///< the (first) `ended` event's time: when the sound stopped (none
                                 ///< when it failed before its first sample)
    AiringStatus status = AiringStatus::airing;
    bool final = false;  ///< missed, or ended with final=true
    std::string reason;
    std::vector<ClipHash> clips;
    std::optional<AirCheck> aircheck;
    std::string live;  ///< a page's live input; empty for files
    /// A zone on a Snapcast stream: its receivers at the first and last sample (Ended).
    std::optional<Reception> reception_start;
    std::optional<Reception> reception_end;
    std::vector<ReceptionDrop> drops;  ///< its receivers that left while it went out
};

/// What an airing put on air, for listings: its playlist, else its clip; for a page,
/// "page (microphone)".
std::string what_aired(const std::string& playlist, const std::string& clip,
                       const std::string& live);

/// Which rows to list. Every set field must match.
struct AiringFilter {
    std::optional<Instant>
        from{};  ///< inclusive: the scheduled instant or the actual start is >= from
    std::optional<Instant> to{};           ///< exclusive: ... and that same instant is < to
    std::vector<AiringStatus> statuses{};  ///< empty: every status
    std::optional<std::string> broadcast{};
};

/// Which raw events to list (`--events`).
struct EventFilter {
    std::optional<Instant> from{};   ///< inclusive, on the event's time
    std::optional<Instant> to{};     ///< exclusive
    std::vector<EventKind> kinds{};  ///< empty: every kind
    /// Only events about this broadcast: its started and missed, and the ended and progress of
    /// its airings.
    std::optional<std::string> broadcast{};
};

/// Joins events (in seq order) into rows, in the order of their first row. The first `ended` of
/// an airing gives its end; a later `ended` for the same airing settles its outcome (an
/// interrupted airing that was waiting to air again and could not): it sets status and final and
/// adds its reason after "; ". An `ended` whose `started` is not in `events` becomes a row of its
/// own with no broadcast or scheduled instant. Any thread.
std::vector<AiringRow> join_airings(const std::vector<StoredEvent>& events);

/// True when `row` passes `filter`.
bool matches(const AiringRow& row, const AiringFilter& filter);

/// The log's rows that pass `filter`. Throws UserError when the log cannot be read.
std::vector<AiringRow> list_airings(const LogStore& log, const AiringFilter& filter = {});

/// The log's events that pass `filter`, in seq order. Throws UserError.
std::vector<StoredEvent> list_events(const LogStore& log, const EventFilter& filter = {});

}  // namespace vc::asrun
