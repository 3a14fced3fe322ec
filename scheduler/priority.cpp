#include "scheduler/priority.hpp"

#include <array>

namespace vc::scheduler {

namespace {
constexpr std::array<std::string_view, 5> names{"emergency", "urgent", "notice", "routine",
                                                "background"};
}

std::string_view to_string(Priority p) {
    return names[static_cast<std::size_t>(p)];
}

std::optional<Priority> parse_priority(std::string_view text) {
    for (std::size_t i = 0; i < names.size(); ++i)
        if (names[i] == text) return static_cast<Priority>(i);
    return std::nullopt;
}

}  // namespace vc::scheduler
