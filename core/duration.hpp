#pragma once
// Durations as people write them in station files: "90s", "1m30s", "250ms", "1h", "1.5s".

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace vc {

using Millis = std::chrono::milliseconds;

/// Parses "1h2m3s", "90s", "250ms", "1.5s", "180d" (units d, h, m, s, ms; a decimal fraction
/// only on the last part; at least one part). Returns nullopt when the text does not parse or the
/// result is not a whole number of milliseconds.
std::optional<Millis> parse_duration(std::string_view text);

/// Formats like parse_duration reads: "1m12s", "250ms", "0s", "1h0m5.25s".
std::string format_duration(Millis d);

/// The longest duration a station file may give (ten years): long enough for any retention or
/// late window, short enough that frames of it never overflow.
inline constexpr Millis max_duration{std::chrono::hours(24 * 3660)};

/// The expected form, for error messages.
inline constexpr std::string_view duration_help =
    "a duration such as \"90s\", \"1m30s\" or \"250ms\"";

}  // namespace vc
