#include "core/duration.hpp"

#include <cmath>
#include <cstdint>
#include <limits>

namespace vc {

std::optional<Millis> parse_duration(std::string_view text) {
    constexpr std::int64_t max_us = std::numeric_limits<std::int64_t>::max() / 2;
    if (text.empty()) return std::nullopt;
    std::int64_t total_us = 0;  // microseconds, to check whole milliseconds exactly
    std::size_t i = 0;
    bool any = false;
    bool had_fraction = false;
    while (i < text.size()) {
        if (had_fraction) return std::nullopt;  // a fraction only on the last part
        std::size_t start = i;
        std::int64_t whole = 0;
        while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
            // Any count the total below can hold: what format_duration writes reads back.
            const std::int64_t digit = text[i] - '0';
            if (whole > (max_us - digit) / 10) return std::nullopt;
            whole = whole * 10 + digit;
            ++i;
        }
        if (i == start) return std::nullopt;
        std::int64_t frac_num = 0, frac_den = 1;
        if (i < text.size() && text[i] == '.') {
            ++i;
            std::size_t fstart = i;
            while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
                if (frac_den < 1'000'000) {
                    frac_num = frac_num * 10 + (text[i] - '0');
                    frac_den *= 10;
                }
                ++i;
            }
            if (i == fstart) return std::nullopt;
            had_fraction = true;
        }
        std::int64_t unit_us = 0;
        if (i < text.size() && text[i] == 'd') {
            unit_us = 86'400'000'000;
            ++i;
        } else if (text.substr(i, 2) == "ms") {
            unit_us = 1'000;
            i += 2;
        } else if (i < text.size() && text[i] == 'h') {
            unit_us = 3'600'000'000;
            ++i;
        } else if (i < text.size() && text[i] == 'm') {
            unit_us = 60'000'000;
            ++i;
        } else if (i < text.size() && text[i] == 's') {
            unit_us = 1'000'000;
            ++i;
        } else {
            return std::nullopt;
        }
        if (whole > max_us / unit_us || total_us > max_us - whole * unit_us) return std::nullopt;
        total_us += whole * unit_us + frac_num * unit_us / frac_den;
        if ((frac_num * unit_us) % frac_den != 0) return std::nullopt;
        any = true;
    }
    if (!any || total_us % 1000 != 0) return std::nullopt;
    return Millis(total_us / 1000);
}

std::string format_duration(Millis d) {
    std::int64_t ms = d.count();
    std::string out;
    if (ms < 0) {
        out = "-";
        ms = -ms;
    }
    if (ms < 1000 && ms != 0) return out + std::to_string(ms) + "ms";
    std::int64_t h = ms / 3'600'000;
    std::int64_t m = (ms / 60'000) % 60;
    std::int64_t s = (ms / 1000) % 60;
    std::int64_t rest = ms % 1000;
    if (h > 0) out += std::to_string(h) + "h";
    if (h > 0 || m > 0) out += std::to_string(m) + "m";
    if (s > 0 || rest > 0 || (h == 0 && m == 0)) {
        out += std::to_string(s);
        if (rest > 0) {
            std::string r = std::to_string(rest + 1000).substr(1);
            while (!r.empty() && r.back() == '0') r.pop_back();
            out += "." + r;
        }
        out += "s";
    }
    return out;
}

}  // namespace vc
