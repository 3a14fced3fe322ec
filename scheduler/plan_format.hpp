#pragma once
// `villagecast plan --format table|csv|json`: a plan's rows for people and for programs, with
// times in the station's time zone.

#include <functional>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "core/instant.hpp"
#include "scheduler/plan.hpp"

namespace date {
class time_zone;
}

namespace vc::scheduler {

class LocalClock;

enum class PlanFormat { table, csv, json };

/// "table", "csv" or "json"; nullopt otherwise.
std::optional<PlanFormat> parse_plan_format(std::string_view text);

/// What conflicts did to the occurrence, for people: "delayed 1m12s by meeting-2026-12-03",
/// "late window passed while waiting for X", "interrupted by monthly-drill, aired again at
/// 10:00:35.000" (local time in `zone`, with its date when that differs from the scheduled
/// date), a failure's reason; empty when it aired on time.
std::string plan_note(const PlanRow& row, const date::time_zone* zone);

/// "2026-12-03 10:00:35.000" in `zone`.
std::string local_time_text(Instant t, const date::time_zone* zone);
/// "2026-12-03T10:00:35.000+08:00" in `zone`.
std::string iso_local_time(Instant t, const date::time_zone* zone);

/// Writes plan rows in one format as they come. CSV (a header line, then one line per row,
/// RFC 4180 quoting) and JSON (an array of objects, one per line) are written row by row; the
/// table needs every row for its column widths and is written by finish(). Columns: local
/// scheduled time, start and end (to the millisecond), broadcast, zone (in the table only when
/// the station has zones), playlist (or clip), priority, outcome and note; CSV and JSON add UTC
/// milliseconds since the epoch, attempts and delay. Rows are written to the stream in blocks of
/// about 64 KiB. One thread; throws what the stream throws.
class PlanWriter {
  public:
    /// Adds fields of its own to each JSON row, after the plan's (the console adds whether
    /// the row is a conflict and whether the console made it).
    using JsonFields = std::function<void(const PlanRow&, nlohmann::ordered_json& row)>;

    /// `zone` must outlive the writer (date's zones live for the program). `more` is called
    /// for each JSON row when set.
    PlanWriter(std::ostream& out, PlanFormat format, const date::time_zone* zone,
               JsonFields more = {});
    ~PlanWriter();
    PlanWriter(const PlanWriter&) = delete;
    PlanWriter& operator=(const PlanWriter&) = delete;
    void write(const PlanRow& row);
    /// Completes the output (the table, JSON's closing bracket). Call once, after the last row.
    void finish();

  private:
    void flush();

    std::ostream& out_;
    PlanFormat format_;
    std::unique_ptr<LocalClock> clock_;  // the zone, with its current offset remembered
    JsonFields more_;
    std::size_t count_ = 0;
    std::string line_;  // rows not yet written to out_
    std::vector<std::vector<std::string>> table_;
    bool zoned_ = false;  // some row is heard in a named zone
};

/// All of `rows` in `format`, as PlanWriter writes them.
std::string format_plan(const std::vector<PlanRow>& rows, PlanFormat format,
                        const date::time_zone* zone);

}  // namespace vc::scheduler
