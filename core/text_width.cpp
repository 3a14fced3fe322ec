#include "core/text_width.hpp"

#include <algorithm>
#include <cstdint>

namespace vc {
namespace {

// Decodes one code point; advances i. Invalid sequences yield 0xFFFD and consume one byte.
char32_t next_code_point(std::string_view s, std::size_t& i) {
    auto b0 = static_cast<unsigned char>(s[i]);
    int len = b0 < 0x80           ? 1
              : (b0 >> 5) == 0x6  ? 2
              : (b0 >> 4) == 0xE  ? 3
              : (b0 >> 3) == 0x1E ? 4
                                  : 0;
    if (len == 0 || i + static_cast<std::size_t>(len) > s.size()) {
        ++i;
        return 0xFFFD;
    }
    char32_t cp = len == 1 ? b0 : len == 2 ? (b0 & 0x1F) : len == 3 ? (b0 & 0x0F) : (b0 & 0x07);
    for (int k = 1; k < len; ++k) {
        auto b = static_cast<unsigned char>(s[i + static_cast<std::size_t>(k)]);
        if ((b >> 6) != 0x2) {
            ++i;
            return 0xFFFD;
        }
        cp = (cp << 6) | (b & 0x3F);
    }
    i += static_cast<std::size_t>(len);
    return cp;
}

bool is_combining(char32_t c) {
    return (c >= 0x0300 && c <= 0x036F) || (c >= 0x200B && c <= 0x200F) ||
           (c >= 0xFE00 && c <= 0xFE0F) || (c >= 0x20D0 && c <= 0x20FF);
}

bool is_wide(char32_t c) {
    return (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0x303E) ||
           (c >= 0x3041 && c <= 0x33FF) || (c >= 0x3400 && c <= 0x4DBF) ||
           (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xA000 && c <= 0xA4CF) ||
           (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) ||
           (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60) ||
           (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x1F300 && c <= 0x1F64F) ||
           (c >= 0x1F900 && c <= 0x1F9FF) || (c >= 0x20000 && c <= 0x3FFFD);
}

}  // namespace

int display_width(std::string_view utf8) {
    int width = 0;
    std::size_t i = 0;
    while (i < utf8.size()) {
        char32_t c = next_code_point(utf8, i);
        if (is_combining(c)) continue;
        width += is_wide(c) ? 2 : 1;
    }
    return width;
}

std::string pad_right(std::string_view utf8, int width) {
    std::string out(utf8);
    out.append(static_cast<std::size_t>(std::max(0, width - display_width(utf8))), ' ');
    return out;
}

std::string pad_left(std::string_view utf8, int width) {
    std::string out(static_cast<std::size_t>(std::max(0, width - display_width(utf8))), ' ');
    out += utf8;
    return out;
}

std::string format_table(const std::vector<std::string>& header,
                         const std::vector<std::vector<std::string>>& rows,
                         const std::vector<std::size_t>& right_aligned) {
    std::vector<int> widths(header.size(), 0);
    auto measure = [&](const std::vector<std::string>& row) {
        for (std::size_t c = 0; c < row.size() && c < widths.size(); ++c)
            widths[c] = std::max(widths[c], display_width(row[c]));
    };
    measure(header);
    for (const auto& r : rows) measure(r);
    auto is_right = [&](std::size_t c) {
        return std::find(right_aligned.begin(), right_aligned.end(), c) != right_aligned.end();
    };
    std::string out;
    auto emit = [&](const std::vector<std::string>& row) {
        std::string line;
        for (std::size_t c = 0; c < widths.size(); ++c) {
            std::string_view cell = c < row.size() ? std::string_view(row[c]) : std::string_view();
            if (c > 0) line += "  ";
            bool last = c + 1 == widths.size();
            if (is_right(c)) {
                line += pad_left(cell, widths[c]);
            } else {
                line += last ? std::string(cell) : pad_right(cell, widths[c]);
            }
        }
        while (!line.empty() && line.back() == ' ') line.pop_back();
        out += line + '\n';
    };
    emit(header);
    for (const auto& r : rows) emit(r);
    return out;
}

}  // namespace vc
