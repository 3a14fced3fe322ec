#pragma once
// Reading one [[broadcast]] table of a schedule file into a Broadcast, reporting every problem
// at its file:line:col.

#include <optional>

#include "core/toml_reader.hpp"
#include "scheduler/broadcast.hpp"
#include "scheduler/schedule_context.hpp"

namespace vc::scheduler {

/// Parses and checks one [[broadcast]] (its keys, values, field combinations, the playlist or
/// clip it names, zones, season, the calendar it needs) and adds the per-broadcast warnings
/// (a one-shot already past, never airs in the next year). Returns the broadcast when the
/// table had no error. Call from the control thread.
std::optional<Broadcast> parse_broadcast(TomlTable& table, const ScheduleContext& ctx);

}  // namespace vc::scheduler
