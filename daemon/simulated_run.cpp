#include "daemon/simulated_run.hpp"

#include <limits>

namespace vc::daemon {

namespace {
void move_clock_to(ManualClock& clock, Instant t) {
    if (t > clock.now()) clock.advance(std::chrono::duration_cast<Millis>(t - clock.now()));
}
}  // namespace

void run_simulated(Service& service, SimulatedChain& chain, ManualClock& clock, Instant to,
                   const std::string& version) {
    service.start(clock.now(), version);
    std::vector<audio::StreamEvent> events;
    bool stopping = false;
    while (true) {
        std::optional<Instant> wake = stopping ? std::nullopt : service.next_wakeup();
        std::optional<std::int64_t> event_frame = chain.next_event_frame();
        std::int64_t target = stopping ? std::numeric_limits<std::int64_t>::max() : chain.frame_for(to);
        if (wake) target = std::min(target, std::max(chain.frame_for(*wake), chain.position()));
        if (event_frame) target = std::min(target, *event_frame);
        if (target == std::numeric_limits<std::int64_t>::max()) break;  // stopping, nothing left
        // An event at frame f is reported once frame f has been rendered.
        std::int64_t render_to = target;
        if (event_frame && *event_frame == target) render_to = target + 1;
        events.clear();
        if (render_to > chain.position()) chain.advance_to(render_to, events);
        for (const auto& e : events) {
            move_clock_to(clock, chain.time_of(e.frame));
            service.on_stream_event(e);
        }
        if (stopping) {
            if (service.done()) break;
            continue;
        }
        if (wake && chain.frame_for(*wake) <= target) {
            move_clock_to(clock, *wake);
            service.wake(clock.now());
        }
        move_clock_to(clock, chain.time_of(chain.position()));
        if (chain.position() >= chain.frame_for(to) && clock.now() >= to) {
            // The window ends: whatever still airs is faded out as the daemon would on SIGTERM.
            service.stop(clock.now(), "end of simulation");
            stopping = true;
            if (service.done()) break;
        }
    }
    service.finish(clock.now());
}

}  // namespace vc::daemon
