#include "app/simulated_run.hpp"

#include <limits>

namespace vc::app {

namespace {
void move_clock_to(ManualClock& clock, Instant t) {
    if (t > clock.now()) clock.advance(std::chrono::duration_cast<Millis>(t - clock.now()));
}
}  // namespace

SimulatedRun::SimulatedRun(engine::Service& service, engine::SimulatedChain& chain,
                           ManualClock& clock)
    : service_(service), chain_(chain), clock_(clock) {}

void SimulatedRun::start(const std::string& version) {
    service_.start(clock_.now(), version);
}

bool SimulatedRun::step(std::int64_t limit, bool stopping) {
    std::optional<Instant> wake = stopping ? std::nullopt : service_.next_wakeup();
    std::optional<std::int64_t> event_frame = chain_.next_event_frame();
    std::int64_t target = limit;
    if (wake) target = std::min(target, std::max(chain_.frame_for(*wake), chain_.position()));
    if (event_frame) target = std::min(target, *event_frame);
    if (target == std::numeric_limits<std::int64_t>::max()) return false;
    bool event_due = event_frame && *event_frame == target;
    bool wake_due = wake && chain_.frame_for(*wake) <= target;
    if (!event_due && !wake_due && target <= chain_.position()) return false;
    // An event at frame f is reported once frame f has been rendered.
    std::int64_t render_to = event_due ? target + 1 : target;
    std::vector<audio::StreamEvent> events;
    if (render_to > chain_.position()) chain_.advance_to(render_to, events);
    for (const auto& e : events) {
        move_clock_to(clock_, chain_.time_of(e.frame));
        service_.on_stream_event(e);
    }
    if (wake_due) {
        move_clock_to(clock_, *wake);
        service_.wake(clock_.now());
    }
    move_clock_to(clock_, chain_.time_of(std::min(chain_.position(), limit)));
    return true;
}

void SimulatedRun::run_until(Instant t) {
    std::int64_t limit = chain_.frame_for(t);
    while (step(limit, false)) {
    }
    move_clock_to(clock_, t);
}

void SimulatedRun::step_wall(Millis d) {
    Instant expected = clock_.now();
    clock_.step_wall(d);
    chain_.step_wall(d);
    service_.on_clock_step(expected, clock_.now());
}

void SimulatedRun::finish() {
    service_.stop(clock_.now(), "end of simulation");
    while (!service_.done() && step(std::numeric_limits<std::int64_t>::max(), true)) {
    }
    service_.finish(clock_.now());
}

void run_simulated(engine::Service& service, engine::SimulatedChain& chain, ManualClock& clock,
                   Instant to, const std::string& version) {
    SimulatedRun run(service, chain, clock);
    run.start(version);
    run.run_until(to);
    run.finish();
}

}  // namespace vc::app
