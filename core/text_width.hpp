#pragma once
// Terminal column widths of UTF-8 text, so that tables with Chinese ids and titles align.

#include <string>
#include <string_view>
#include <vector>

namespace vc {

/// Columns the text takes in a terminal: 2 for East Asian wide and full-width characters,
/// 0 for combining marks, 1 otherwise. Invalid bytes count 1 each.
int display_width(std::string_view utf8);

/// The text padded with spaces on the right to `width` columns (never truncated).
std::string pad_right(std::string_view utf8, int width);
/// The text padded with spaces on the left to `width` columns (never truncated).
std::string pad_left(std::string_view utf8, int width);

/// A plain text table: header row, then rows, columns separated by two spaces, each column as
/// wide as its widest cell. Columns listed in `right_aligned` (by index) are right-aligned.
std::string format_table(const std::vector<std::string>& header,
                         const std::vector<std::vector<std::string>>& rows,
                         const std::vector<std::size_t>& right_aligned = {});

}  // namespace vc
