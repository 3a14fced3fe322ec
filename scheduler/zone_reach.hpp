#pragma once
// Which zones a broadcast's `zones` reach: zone names, group names and "all" turned into the
// zones themselves, in the order station.toml declares them.

#include <string>
#include <vector>

#include "scheduler/schedule_context.hpp"

namespace vc::scheduler {

/// The zones `named` (zone names, group names, "all") reaches, each once, in the order of
/// `ctx.zones`. A name that is neither a zone nor a group reaches nothing (`check` reports it).
/// Empty when the station declares no zones: it has one unnamed output. Pure.
std::vector<std::string> zones_reached(const std::vector<std::string>& named,
                                       const ScheduleContext& ctx);

}  // namespace vc::scheduler
