#pragma once
// The monthly broadcast record (台账): per broadcast, how its occurrences of a period ended, the
// manual airings, and the log's head. Pure computation over the rows of asrun/airings.hpp;
// docs/as-run-log.md ("The monthly record") defines every count.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "asrun/airings.hpp"
#include "asrun/log_store.hpp"
#include "asrun/report_period.hpp"
#include "core/duration.hpp"

namespace vc::asrun {

/// An airing is on time when its first sample reached the output no more than this far from
/// the occurrence's scheduled instant (either way).
inline constexpr Millis on_time_tolerance{1000};

/// The trigger of airings that the schedule started; any other trigger is a manual airing.
inline constexpr std::string_view schedule_trigger = "schedule";

/// How the occurrences of one broadcast in the period ended. Each occurrence with a final
/// outcome counts once in each zone it was heard in, by that zone's outcome, so scheduled ==
/// on_time + late + interrupted + partial
/// + missed + failed.
struct BroadcastCounts {
    std::string broadcast;         ///< broadcast id ("" for the total)
    std::int64_t scheduled = 0;    ///< occurrences with a final outcome
    std::int64_t on_time = 0;      ///< aired, started within on_time_tolerance of scheduled
    std::int64_t late = 0;         ///< aired, started further from scheduled (or start unknown)
    std::int64_t interrupted = 0;  ///< cut off for good
    std::int64_t partial = 0;      ///< a clip failed, the rest went out
    std::int64_t missed = 0;       ///< never aired
    std::int64_t failed = 0;       ///< nothing usable went out
    /// Occurrences without a final outcome yet (still airing, or interrupted and waiting to air
    /// again): not in `scheduled`.
    std::int64_t open = 0;
    /// Sum of end - start over every airing of these occurrences whose status is aired, partial
    /// or interrupted (an interrupted airing that aired again counts both airings).
    Millis air_time{0};
    bool operator==(const BroadcastCounts&) const = default;
    /// Adds another's counts and air time (the broadcast id stays).
    BroadcastCounts& operator+=(const BroadcastCounts& c);
};

/// One manual airing (trigger other than "schedule"): an airing row, or a missed one.
struct ManualEntry {
    Instant time{};             ///< actual start, else the scheduled instant
    std::string operator_name;  ///< "王芳" for the trigger "operator 王芳"; else the trigger
    std::string trigger;
    std::string airing;  ///< airing id; empty when missed
    std::string broadcast;
    std::string playlist;
    std::string clip;
    std::string live;  ///< a page's live input ("microphone", "browser"); empty for files
    std::string priority;
    AiringStatus status = AiringStatus::aired;
    bool final = false;
    std::string reason;
    Millis air_time{0};  ///< end - start for aired, partial and interrupted; 0 otherwise
    bool operator==(const ManualEntry&) const = default;
};

/// Who could hear one airing in a village on a Snapcast stream: its receivers at the first and
/// last sample, as the as-run row recorded them.
struct ReceptionEntry {
    Instant time{};  ///< actual start, else the scheduled instant
    std::string village;
    std::string broadcast;
    AiringStatus status = AiringStatus::aired;
    bool known = false;  ///< false: snapserver could not be asked at one end or both
    /// Receivers connected from the first to the last sample (at both, and never left between).
    std::int64_t heard = 0;
    std::int64_t of = 0;               ///< receivers on the village's stream at either
    std::vector<std::string> missing;  ///< the others: away at the first or the last sample, or
                                       ///< left between
    std::vector<ReceptionDrop> drops;  ///< the receivers that left between, when
    std::string why;                   ///< known == false: why
    bool operator==(const ReceptionEntry&) const = default;
};

/// The reception of an airing row, when the row has one (a village on a Snapcast stream). Pure.
std::optional<ReceptionEntry> reception_entry(const AiringRow& row);

/// The monthly broadcast record of a period. Plain value; any thread.
struct MonthlyReport {
    ReportPeriod period;
    std::vector<BroadcastCounts> broadcasts;  ///< scheduled broadcasts, by id
    BroadcastCounts total;                    ///< the sums of `broadcasts`
    /// The same counts per zone (village), `broadcast` holding the zone's name, in name order;
    /// empty when the rows name fewer than two zones (a station without zones, or with one).
    std::vector<BroadcastCounts> zones;
    std::vector<ManualEntry> manual;  ///< by time, then log order
    /// The airings to villages on Snapcast streams that reached the air, by time.
    std::vector<ReceptionEntry> reception;
    Head head;  ///< the log's newest row when the rows were read
};

/// True when an aired occurrence counts as on time: `start` is known and no more than
/// on_time_tolerance before or after `scheduled`.
bool is_on_time(Instant scheduled, const std::optional<Instant>& start);

/// The time a row was on the air: end - start when its status is aired, partial or interrupted
/// and both are known (never negative); 0 otherwise.
Millis air_time_of(const AiringRow& row);

/// "王芳" for "operator 王芳"; any other trigger as it is.
std::string operator_of(std::string_view trigger);

/// Builds the record from joined rows (join_airings, in log order) and the head they were read
/// up to. An occurrence (broadcast, scheduled instant) belongs to the period when its scheduled
/// instant does; rows without a scheduled instant are left out. Any thread.
MonthlyReport build_report(const std::vector<AiringRow>& rows, const ReportPeriod& period,
                           const Head& head);

/// "h:mm:ss", rounded to the nearest second (hours run past 24: "123:04:05").
std::string format_air_time(Millis t);

}  // namespace vc::asrun
