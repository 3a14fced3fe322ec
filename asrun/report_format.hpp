#pragma once
// The monthly broadcast record for people and programs: an aligned table for the terminal, CSV
// for spreadsheets (UTF-8 with a byte order mark) and a printable A4 page in Chinese (HTML) to
// sign and file. Times in the period's time zone.

#include <optional>
#include <string>
#include <string_view>

#include "asrun/report.hpp"

namespace vc::asrun {

enum class ReportFormat { table, csv, html };
/// "table", "csv" or "html"; nullopt otherwise.
std::optional<ReportFormat> parse_report_format(std::string_view name);

/// The record in `format`; `station` is the station's name (station.toml `name`). Any thread.
std::string format_report(const MonthlyReport& report, ReportFormat format,
                          std::string_view station);

/// table: a heading with the station and period; one line per broadcast and a total line (the
/// numbers right-aligned, Chinese ids aligned); the manual airings; the head line of
/// format_head_line().
std::string format_report_table(const MonthlyReport& report, std::string_view station);

/// csv: a byte order mark, then three sections separated by an empty line, each with its own
/// header line: the record (station, days, time zone, log rows, head hash, open occurrences),
/// the broadcasts with a last line "(total)", and the manual airings. CRLF line ends.
std::string format_report_csv(const MonthlyReport& report, std::string_view station);

/// html: one self-contained page (no external resources), in Chinese, laid out for A4 paper
/// (CSS @page size A4): the station's name, the period, the tables, the head hash and lines to
/// sign and date (制表人, 审核人, 日期). Every text from the log is HTML-escaped.
std::string format_report_html(const MonthlyReport& report, std::string_view station);

/// "2026-12-05 09:12:03": an instant in `zone`, to the second (UTC when zone is null).
std::string format_report_time(Instant t, const date::time_zone* zone);
/// Its time of day only: "HH:MM:SS".
std::string format_clock_time(Instant t, const date::time_zone* zone);

/// An airing's reception in words, as the report forms show it: "heard by" ("1 of 2", or
/// "unknown") and "missing" (the receivers away, then each that left between with when it left
/// and came back; or why reception is unknown).
std::string format_heard(const ReceptionEntry& r);
std::string format_missing(const ReceptionEntry& r, const date::time_zone* zone);

/// What aired: the playlist, else the clip.
std::string what_aired(const ManualEntry& entry);

/// Text with &, <, >, " and ' replaced by their HTML entities.
std::string html_escape(std::string_view text);

}  // namespace vc::asrun
