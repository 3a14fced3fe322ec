#pragma once
// `villagecast run --simulate FROM/TO`: the same service, conflict rules, stream and log, on a
// virtual clock that jumps from event to event as fast as the machine allows. The output's
// frame count is the clock: frame 0 is FROM (shifted by any simulated wall-clock step).

#include <string>

#include "core/clock.hpp"
#include "engine/service.hpp"
#include "engine/simulated_chain.hpp"

namespace vc::app {

/// Drives a engine::Service on a ManualClock. One thread.
class SimulatedRun {
  public:
    SimulatedRun(engine::Service& service, engine::SimulatedChain& chain, ManualClock& clock);
    /// Starts the service at the clock's instant (daemon-start, recovery).
    void start(const std::string& version);
    /// Handles every timer and stream event up to wall instant `t`, and moves the clock there.
    void run_until(Instant t);
    /// The wall clock jumps by `d` (as NTP or a person would set it); the service is told.
    void step_wall(Millis d);
    /// Ends the run: what still airs fades out (interrupted, "end of simulation"), daemon-stop.
    void finish();

  private:
    /// One step towards `limit` (a frame); false when nothing is left before it.
    bool step(std::int64_t limit, bool stopping);

    engine::Service& service_;
    engine::SimulatedChain& chain_;
    ManualClock& clock_;
};

/// start(), run_until(to), finish().
void run_simulated(engine::Service& service, engine::SimulatedChain& chain, ManualClock& clock,
                   Instant to, const std::string& version);

}  // namespace vc::app
