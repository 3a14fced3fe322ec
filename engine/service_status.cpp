// Gathering what `status` shows from the service's parts.

#include "engine/service_status.hpp"

#include <algorithm>

#include "asrun/asrun_writer.hpp"
#include "engine/air_chain.hpp"
#include "engine/airing_book.hpp"
#include "engine/airings_in_flight.hpp"
#include "engine/amp_sequencer.hpp"
#include "engine/occurrence_feed.hpp"
#include "engine/output_keeper.hpp"

namespace vc::engine {

StatusReader::StatusReader(const station::StationState& station, const asrun::AsrunWriter& audit,
                           const AirChain& chain, const OutputKeeper& output,
                           const AmpSequencer& amp, const AiringBook& book,
                           const AiringsInFlight& airings, const OccurrenceFeed& feed)
    : station_(station),
      audit_(audit),
      chain_(chain),
      output_(output),
      amp_(amp),
      book_(book),
      airings_(airings),
      feed_(feed) {}

ServiceStatus StatusReader::read(Instant now) const {
    ServiceStatus s;
    for (const auto& [id, a] : airings_.all()) {
        if (a.withdrawn || a.awaiting_output) continue;
        const auto& o = a.occurrence;
        Instant from = a.actual_start.value_or(a.planned_start);
        OnAir on{a.log_id,
                 o.broadcast_id,
                 o.playlist,
                 o.clip,
                 std::string(scheduler::to_string(o.priority)),
                 book_.trigger_of(o),
                 o.scheduled,
                 a.actual_start,
                 std::clamp(std::chrono::duration_cast<Millis>(now - from), Millis(0),
                            o.live.empty() ? a.length : Millis::max()),
                 a.length,
                 o.zone,
                 o.live,
                 airings_.live_latency(id)};
        if (o.priority == scheduler::Priority::background)
            s.on_air.push_back(std::move(on));
        else
            s.on_air.insert(s.on_air.begin(), std::move(on));
    }
    s.next = feed_.next();
    s.last = book_.last();
    s.output_name = chain_.name();
    s.output_open = chain_.is_open();
    s.output_problem = output_.problem();
    s.underruns = chain_.underruns();
    s.host_underflows = chain_.host_underflows();
    s.read_ahead_waits = chain_.read_ahead_waits();
    s.scheduling = chain_.scheduling();
    s.failed_files = station_.problems();
    s.log_pending = audit_.pending();
    s.log_error = audit_.pending() ? audit_.last_error() : "";
    s.amplifier = amp_.state();
    s.amplifier_problem = amp_.problem();
    return s;
}

}  // namespace vc::engine
