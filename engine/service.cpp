// The order in which the Service's parts act at each instant, stream event and command.

#include "engine/service.hpp"

#include <algorithm>

#include "asrun/event.hpp"
#include "station/zone_routing.hpp"

namespace vc::engine {

Service::Service(station::StationState& station, asrun::AsrunWriter& audit, AirChain& chain,
                 const Clock& clock, ServiceOptions options)
    : station_(station),
      audit_(audit),
      chain_(chain),
      clock_(clock),
      options_(options),
      arbiter_(station.arbiter_config()),
      amp_(station, audit, options.commands, clock),
      output_(chain, clock, options.idle_close, options.keep_output_open),
      book_(station, audit, clock),
      airings_(station, chain, arbiter_, output_, amp_, book_, clock, options.aircheck,
               options.progress_every, options.live, options.aircheck_pages_only,
               options.reception),
      feed_(station, arbiter_, airings_, book_, output_, amp_, clock, options.lead),
      operator_(station, audit, amp_, book_, airings_, feed_, clock),
      status_(station, audit, chain, output_, amp_, book_, airings_, feed_) {}

void Service::start(Instant now, const std::string& version) {
    const std::optional<Instant> log_began = book_.log_began();
    audit_.write(now, asrun::DaemonStart{version, station_.station().root.string()});
    // A zone the daemon cannot reach is said once here; each of its airings fails with it.
    for (const auto& z : station_.station().zones)
        if (auto why = station::unreachable_zone(station_.station(), z.name))
            log_line(clock_, Level::warning, *why + ": its airings are logged as failed");
    // Airings a crash or power cut left open are treated like a preempted airing; accepted
    // manual requests with no final outcome come due again.
    const auto reair = book_.recover(now);
    // What came due while the daemon was down (at most look_back ago, and not before this log
    // began) and has no final outcome yet is handled by the late rule: started late, or missed.
    feed_.start_from(log_began ? std::max(now - options_.look_back, *log_began) : now);
    // The output opens only when something is due (feed); an idle daemon costs nothing.
    if (options_.keep_output_open) output_.ensure_open(now);
    for (const auto& o : reair) feed_.feed(o, now, "daemon down");
    feed_.announce_until(now, "daemon down");
    close_output_when_idle(now);
}

std::optional<Instant> Service::next_wakeup() const {
    std::optional<Instant> t;
    auto consider = [&t](std::optional<Instant> c) {
        if (c && (!t || *c < *t)) t = c;
    };
    // Once stopping, nothing new begins: only the airings still fading out count.
    if (!airings_.stopping()) {
        consider(feed_.next_announcement());
        consider(arbiter_.next_deadline());
        consider(feed_.next_held_deadline());
    }
    consider(output_.next_wakeup());
    consider(airings_.next_wakeup());
    consider(amp_.next_wakeup());
    return t;
}

void Service::wake(Instant now) {
    output_.retry_due(now);
    if (!airings_.stopping()) {
        airings_.resume_awaiting(now);
        feed_.announce_until(now, scheduler::default_late_reason);
        feed_.release_held(now);
        if (auto d = arbiter_.next_deadline(); d && *d <= now)
            airings_.handle(arbiter_.tick(now), now);
    }
    airings_.write_progress(now);
    airings_.check_inputs(now);
    // An amplifier switched on for what then did not air goes off again too.
    if (quiet()) amp_.idle_since(now);
    amp_.wake(now);
    close_output_when_idle(now);
}

void Service::on_stream_event(const audio::StreamEvent& received) {
    const audio::StreamEvent event = chain_.arrived(received);
    if (!airings_.on_stream_event(event)) return;
    // Start the idle countdowns once nothing airs (next_wakeup then includes them).
    if (airings_.stopping()) return;
    if (quiet()) amp_.idle_since(chain_.time_of(event.frame));
    close_output_when_idle(chain_.time_of(event.frame));
}

void Service::on_clock_step(Instant expected, Instant now) {
    auto delta = std::chrono::duration_cast<Millis>(now - expected);
    log_line(clock_, Level::warning, "the system clock was stepped by " + format_duration(delta));
    std::int64_t skipped = 0;
    // Stepped over more than a day: what it passed over is counted, not fed one by one.
    if (delta > std::chrono::hours(24)) skipped = feed_.skip_to(now);
    audit_.write(now, asrun::ClockStep{expected, now, skipped});
    if (delta > Millis(0))
        feed_.announce_until(now, "the clock was stepped forward past its late window");
    wake(now);
}

asrun::Reload Service::reload(Instant now) {
    return operator_.reload(now);
}

bool Service::has_final_outcome(const std::string& broadcast, Instant scheduled) const {
    scheduler::Occurrence o;
    o.broadcast_id = broadcast;
    o.scheduled = scheduled;
    return book_.has_final_outcome(o);
}

void Service::stop(Instant now, const std::string& reason) {
    // Everything that came due and has not begun ends now, so that the log holds a final
    // outcome for each before daemon-stop (a manual request included: it would otherwise be
    // recovered as if the daemon had crashed). What is scheduled later airs after a restart.
    std::vector<scheduler::Occurrence> queued = airings_.stop_all(now, reason);
    for (auto& o : arbiter_.waiting()) queued.push_back(std::move(o));
    for (auto& o : feed_.held()) queued.push_back(std::move(o));
    for (auto& o : arbiter_.held())
        if (o.scheduled <= now || book_.is_manual(o)) queued.push_back(std::move(o));
    std::vector<scheduler::Occurrence> done;
    const std::string why = "daemon stopped (" + reason + ") before it began";
    for (const auto& o : queued) {
        if (std::find(done.begin(), done.end(), o) != done.end()) continue;
        done.push_back(o);
        book_.ends_unaired(o, now, why);
    }
}

void Service::finish(Instant now) {
    // Every airing has its end before daemon-stop, confirmed by the output or not.
    airings_.end_unconfirmed(now);
    amp_.shutdown(now);
    const std::string& reason = airings_.stop_reason();
    audit_.write(now, asrun::DaemonStop{reason.empty() ? "end of run" : reason});
    output_.close();
}

std::string Service::air_now(Instant now, const ManualAiring& manual) {
    return operator_.air_now(now, manual);
}

bool Service::stop_on_air(Instant now, const std::string& who) {
    return operator_.stop_on_air(now, who);
}

void Service::end_page(Instant now, const std::string& broadcast, const std::string& who) {
    operator_.end_page(now, broadcast, who);
}

ServiceStatus Service::status(Instant now) const {
    auto s = status_.read(now);
    if (options_.aircheck) s.aircheck_dropped_frames = options_.aircheck->dropped_frames();
    return s;
}

bool Service::quiet() const {
    return airings_.empty() && arbiter_.idle() && !feed_.holding();
}

void Service::close_output_when_idle(Instant now) {
    output_.close_when_idle(now, quiet(), feed_.next_announcement());
}

}  // namespace vc::engine
