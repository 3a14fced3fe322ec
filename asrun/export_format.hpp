#pragma once
// Listings of the as-run log for people and programs: an aligned table (Chinese ids align), CSV
// for spreadsheets (UTF-8 with a byte order mark, RFC 4180 quoting, CRLF line ends), and JSON.
// Times are shown in the station's time zone to the millisecond.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <date/tz.h>

#include "asrun/airings.hpp"
#include "asrun/log_store.hpp"

namespace vc::asrun {

enum class ExportFormat { table, csv, json };
/// "table", "csv" or "json"; nullopt otherwise.
std::optional<ExportFormat> parse_export_format(std::string_view name);

/// "2025-03-01 08:00:00.000" in `zone` (UTC when zone is null).
std::string format_local_time(Instant t, const date::time_zone* zone);
/// "2025-03-01T08:00:00.000+08:00" in `zone` (UTC, "+00:00", when zone is null).
std::string format_rfc3339(Instant t, const date::time_zone* zone);

/// "as-run log: 42 rows, head hash <64 hex digits>": what a listing prints last (for CSV, the
/// CLI prints it on stderr so that the file stays a clean table).
std::string format_head_line(const Head& head);

/// One field quoted as RFC 4180 asks: in double quotes, with quotes doubled, when it holds a
/// comma, a double quote, CR or LF; as is otherwise.
std::string csv_field(std::string_view text);

/// Airings and missed occurrences, one per line.
/// table: scheduled, start, end, status, broadcast, playlist (or the clip), priority, trigger,
///   reason, airing id; then a line with the count and time zone, and format_head_line(head).
/// csv: BOM, a header line, one line per row with every field (clips as "id sha256; ...").
/// json: {"log": {...head...}, "time_zone": ..., "airings": [...]} with times as RFC 3339 in the
///   zone and as UTC milliseconds ("..._ms").
/// Any thread.
std::string format_airings(const std::vector<AiringRow>& rows, ExportFormat format,
                           const date::time_zone* zone, const Head& head);

/// Raw events: seq, time, kind, the payload, the hashes (table: the kind's fields as JSON and
/// the first 12 hex digits of the hash). Same framing as format_airings. Any thread.
std::string format_events(const std::vector<StoredEvent>& events, ExportFormat format,
                          const date::time_zone* zone, const Head& head);

}  // namespace vc::asrun
