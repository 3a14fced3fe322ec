#pragma once
// CSV as spreadsheets read it: RFC 4180 quoting, CRLF line ends, UTF-8 with a byte-order mark
// so that Excel shows Chinese text correctly.

#include <string>
#include <string_view>
#include <vector>

namespace vc {

/// The UTF-8 byte-order mark that starts every CSV file villagecast writes.
inline constexpr std::string_view utf8_bom = "\xEF\xBB\xBF";

/// One cell, quoted when it holds a comma, a quote or a line break.
std::string csv_cell(std::string_view text);
/// One line of cells, ending in CRLF.
std::string csv_row(const std::vector<std::string>& cells);

}  // namespace vc
