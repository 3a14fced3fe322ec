#pragma once
// `villagecast run --simulate FROM/TO`: the same service, conflict rules, stream and log, on a
// virtual clock that jumps from event to event as fast as the machine allows. The output's
// frame count is the clock: frame 0 is FROM.

#include <string>

#include "core/clock.hpp"
#include "daemon/service.hpp"
#include "daemon/simulated_chain.hpp"

namespace vc::daemon {

/// Runs from the clock's current instant to `to`, then ends what still airs at `to` as
/// interrupted (end of simulation) and writes daemon-stop.
void run_simulated(Service& service, SimulatedChain& chain, ManualClock& clock, Instant to,
                   const std::string& version);

}  // namespace vc::daemon
