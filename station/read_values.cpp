// Numbers within a range, quoted texts and sizes in bytes, as every section of station.toml
// reads them.

#include "station/read_values.hpp"

#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <limits>

#include "core/clip_ref.hpp"
#include "station/station.hpp"

namespace vc::station {
namespace {

/// The shortest text that reads back as `v` ("-23", "0.5", "1e+308").
std::string number_text(double v) {
    std::array<char, 32> buf{};
    const auto [end, ec] = std::to_chars(buf.data(), buf.data() + buf.size(), v);
    return ec == std::errc{} ? std::string(buf.data(), end) : std::string("?");
}

/// "`key`" at the top level, "`key` in [output]" inside a table.
std::string key_name(const TomlTable& t, std::string_view key) {
    std::string name = "`" + std::string(key) + "`";
    if (!t.where().empty()) name += " in " + t.where();
    return name;
}

/// "`key` in [output] must be between LO and HI UNIT, not VALUE".
void out_of_range(TomlTable& t, std::string_view key, const std::string& lo, const std::string& hi,
                  std::string_view unit, const std::string& value) {
    std::string message = key_name(t, key) + " must be between " + lo + " and " + hi;
    if (!unit.empty()) message += " " + std::string(unit);
    t.error_at(key, message + ", not " + value);
}

}  // namespace

void read_ranged(TomlTable& t, std::string_view key, double lo, double hi, std::string_view unit,
                 double& out) {
    auto v = t.get_number(key);
    if (!v) {
        return;
    }
    if (!std::isfinite(*v) || *v < lo || *v > hi) {
        out_of_range(t, key, number_text(lo), number_text(hi), unit, number_text(*v));
        return;
    }
    out = *v;
}

void read_ranged(TomlTable& t, std::string_view key, int lo, int hi, std::string_view unit,
                 int& out) {
    auto v = t.get_integer(key);
    if (!v) {
        return;
    }
    if (*v < lo || *v > hi) {
        out_of_range(t, key, std::to_string(lo), std::to_string(hi), unit, std::to_string(*v));
        return;
    }
    out = static_cast<int>(*v);
}

std::optional<std::string> get_quoted(TomlTable& t, std::string_view key, std::string_view help) {
    const auto* n = t.get_node(key);
    if (!n) return std::nullopt;
    if (!n->is_string()) {
        t.error(pos_of(*n), key_name(t, key) + " must be " + std::string(help) +
                                " in quotes, not " + std::string(toml_type_name(*n)));
        return std::nullopt;
    }
    return *n->value<std::string>();
}

std::optional<std::uint64_t> parse_byte_size(std::string_view text) {
    std::size_t i = 0;
    std::uint64_t whole = 0;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
        // Any number that fits 64 bits: a size in bytes reads as the same size in MB does.
        const auto digit = static_cast<std::uint64_t>(text[i] - '0');
        if (whole > (std::numeric_limits<std::uint64_t>::max() - digit) / 10) return std::nullopt;
        whole = whole * 10 + digit;
        ++i;
    }
    if (i == 0) return std::nullopt;
    std::uint64_t frac = 0, frac_den = 1;
    if (i < text.size() && text[i] == '.') {
        std::size_t start = ++i;
        while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
            if (frac_den < 1'000'000'000) {
                frac = frac * 10 + static_cast<std::uint64_t>(text[i] - '0');
                frac_den *= 10;
            }
            ++i;
        }
        if (i == start) return std::nullopt;
    }
    if (i < text.size() && text[i] == ' ') ++i;
    std::string unit;
    for (; i < text.size(); ++i)
        unit += static_cast<char>(std::tolower(static_cast<unsigned char>(text[i])));
    struct Unit {
        std::string_view name;
        std::uint64_t factor;
    };
    static constexpr Unit units[] = {{"b", 1},
                                     {"kb", 1000},
                                     {"mb", 1000'000},
                                     {"gb", 1000'000'000},
                                     {"tb", 1000'000'000'000},
                                     {"kib", 1ull << 10},
                                     {"mib", 1ull << 20},
                                     {"gib", 1ull << 30},
                                     {"tib", 1ull << 40}};
    for (const auto& [name, factor] : units) {
        if (unit != name) continue;
        constexpr std::uint64_t max = std::numeric_limits<std::uint64_t>::max();
        if (whole > max / factor) return std::nullopt;
        // The fraction's bytes, rounded down to a whole byte.
        auto part = static_cast<std::uint64_t>(static_cast<long double>(frac) *
                                               static_cast<long double>(factor) /
                                               static_cast<long double>(frac_den));
        if (whole * factor > max - part) return std::nullopt;
        return whole * factor + part;
    }
    return std::nullopt;
}

void read_clip_key(TomlTable& t, std::string_view key, std::string_view label, std::string& out,
                   SourcePos& pos) {
    auto clip = t.get_string(key);
    if (!clip) return;
    if (clip->empty()) {
        out.clear();
    } else if (auto problem = validate_clip_ref(*clip)) {
        t.error_at(key, std::string(label) + ": " + *problem);
    } else {
        out = *clip;
        pos = t.pos_of_key(key);
    }
}

}  // namespace vc::station
