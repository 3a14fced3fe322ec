#pragma once
// Output of the command line: tables for people, CSV and JSON for programs.

#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace vc::cli {

enum class OutputFormat { table, csv, json };

/// "table", "csv" or "json"; throws UsageError naming `command` otherwise.
OutputFormat parse_format(std::string_view text, std::string_view command);

struct Table {
    std::vector<std::string> header;
    std::vector<std::vector<std::string>> rows;
    std::vector<std::size_t> right_aligned;  ///< column indexes
};

/// Prints a table as aligned text, as CSV (RFC 4180, header first) or as a JSON array of
/// objects keyed by the header.
void print_table(std::ostream& out, const Table& table, OutputFormat format);

/// "1:02.345" / "1:02:03.456" for a frame count at a rate (exact integer arithmetic).
std::string format_frames_as_time(std::int64_t frames, int rate);

}  // namespace vc::cli
