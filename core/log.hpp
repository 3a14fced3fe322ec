#pragma once
// The daemon's own log: one line per message on stderr (time, level, message), fit for journald.

#include <string_view>

#include "core/clock.hpp"

namespace vc {

enum class Level { debug, info, warning, error };

/// Writes `2026-12-03T19:29:55.000+08:00 info message` to stderr, as one write() so lines from
/// several threads never interleave. The time is the given clock's (the simulated clock in a
/// simulated run). Any thread except the audio callback.
void log_line(const Clock& clock, Level level, std::string_view message);

/// Sets the minimum level printed (default info).
void set_log_level(Level level);

}  // namespace vc
