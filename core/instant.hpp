#pragma once
// Instants are UTC milliseconds since the epoch. Calendar times in a station's zone become
// instants once, at the edge (scheduler/), and nothing below the daemon reads the clock.

#include <chrono>

namespace vc {

using Instant = std::chrono::sys_time<std::chrono::milliseconds>;

}  // namespace vc
