#pragma once
// The five priorities, from emergency down to background, and their names in files and logs.

#include <optional>
#include <string>
#include <string_view>

namespace vc::scheduler {

/// Five levels, highest first. Each output has at most one foreground airing (any level but
/// background) and at most one background airing at a time.
enum class Priority { emergency = 0, urgent = 1, notice = 2, routine = 3, background = 4 };

std::string_view to_string(Priority p);
std::optional<Priority> parse_priority(std::string_view text);
/// True when `a` outranks `b` (strictly higher).
constexpr bool outranks(Priority a, Priority b) {
    return static_cast<int>(a) < static_cast<int>(b);
}
constexpr bool is_foreground(Priority p) {
    return p != Priority::background;
}

}  // namespace vc::scheduler
