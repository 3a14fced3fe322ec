// Air now, stop what airs, reload.

#include "engine/operator_actions.hpp"

#include <cstdint>
#include <vector>

#include <date/tz.h>

#include "asrun/event.hpp"
#include "core/diagnostic.hpp"
#include "core/log.hpp"
#include "station/zone_resolution.hpp"

namespace vc::engine {

OperatorActions::OperatorActions(station::StationState& station, asrun::AsrunWriter& audit,
                                 const AmpSequencer& amp, AiringBook& book,
                                 AiringsInFlight& airings, OccurrenceFeed& feed, const Clock& clock)
    : station_(station),
      audit_(audit),
      amp_(amp),
      book_(book),
      airings_(airings),
      feed_(feed),
      clock_(clock) {}

void OperatorActions::log(Level level, const std::string& message) const {
    log_line(clock_, level, message);
}

std::string OperatorActions::manual_id(Instant now, const std::string& prefix) {
    // Milliseconds name it; requests within the same one (or at a time the clock was stepped
    // back over) are told apart by a counter.
    const std::string base = prefix + "-" + asrun::make_airing_id("", now).substr(1);
    std::string id = base;
    for (int n = 2; !issued_.insert(id).second; ++n) id = base + "-" + std::to_string(n);
    return id;
}

std::string OperatorActions::air_now(Instant now, const ManualAiring& manual) {
    if (airings_.stopping()) throw UserError("the daemon is stopping: nothing new can air");
    if (manual.who.empty()) throw UserError("a manual airing needs the operator's name");
    const bool page = !manual.live.empty();
    if (page ? !manual.playlist.empty() || !manual.clip.empty()
             : manual.playlist.empty() == manual.clip.empty())
        throw UserError(page ? "a page airs its live input, not a playlist or a clip"
                             : "name either a playlist or a clip to air");
    const std::string what = page                      ? "page (" + manual.live + ")"
                             : manual.playlist.empty() ? "clip " + manual.clip
                                                       : manual.playlist;
    scheduler::Occurrence o;
    // With the amplifier off, it starts once `before` has switched it on.
    o.scheduled = amp_.state() == "off" && !station_.station().output.before.empty()
                      ? now + station_.station().output.before_lead
                      : now;
    o.priority = manual.priority;
    o.playlist = manual.playlist;
    o.clip = manual.clip;
    o.live = manual.live;
    // A page waits behind an airing of its priority or higher while its operator holds on.
    if (page) o.late = station_.station().page.page_max;
    // Refused here, with the reason, rather than logged as a failed airing.
    try {
        (void)station_.airable(o);
    } catch (const std::exception& e) {
        throw UserError(what + " cannot air: " + e.what());
    }
    // Throws UserError naming a zone or group the station does not have.
    const std::vector<std::string> zones = station::resolve_zones(station_.station(), manual.zones);
    if (!station_.station().zones.empty() && zones.empty())
        throw UserError("name at least one zone to air " + what + " in");
    o.broadcast_id = manual_id(now, page ? "page" : "manual");
    // The request and the occurrence it became, in one row: after a crash the daemon finds
    // what was accepted and has no final outcome yet.
    const std::string priority(scheduler::to_string(o.priority));
    std::string where;
    for (const auto& z : zones) where += (where.empty() ? " in " : ", ") + z;
    audit_.write(now, asrun::OperatorAction{
                          manual.who, "broadcast", what + " now at " + priority + where,
                          asrun::ManualRequest{o.broadcast_id, o.playlist, o.clip, priority,
                                               o.scheduled, o.late, zones, o.live}});
    log(Level::info, "operator " + manual.who + " airs " + what + " now at " + priority +
                         " priority as " + o.broadcast_id + where);
    for (const std::string& zone : zones.empty() ? std::vector<std::string>{""} : zones) {
        o.zone = zone;
        book_.mark_manual(o, manual.who);
        feed_.feed(o, now, scheduler::default_late_reason);
    }
    return o.broadcast_id;
}

bool OperatorActions::stop_on_air(Instant now, const std::string& who) {
    bool any_foreground = false;
    for (const auto& [id, a] : airings_.all())
        any_foreground |= !a.withdrawn && !a.awaiting_output &&
                          a.occurrence.priority != scheduler::Priority::background;
    std::vector<std::uint64_t> stopped;
    for (const auto& [id, a] : airings_.all()) {
        if (a.withdrawn || a.awaiting_output) continue;
        if (any_foreground && a.occurrence.priority == scheduler::Priority::background) continue;
        stopped.push_back(id);
    }
    for (auto id : stopped) {
        airings_.take_off(id, now, "stopped by operator " + who);
        log(Level::info,
            "operator " + who + " stops " + airings_.all().at(id).occurrence.broadcast_id);
    }
    return !stopped.empty();
}

void OperatorActions::end_page(Instant now, const std::string& broadcast, const std::string& who) {
    if (broadcast.rfind("page-", 0) != 0 || !issued_.count(broadcast))
        throw UserError("no page " + broadcast + " was started by this daemon");
    if (!airings_.release_page(broadcast, now, "released by operator " + who))
        throw UserError("page " + broadcast + " has already ended");
    audit_.write(now, asrun::OperatorAction{who, "release", broadcast});
    log(Level::info, "operator " + who + " ends page " + broadcast);
}

asrun::Reload OperatorActions::reload(Instant now) {
    auto record = station_.reload(date::floor<date::days>(
        date::make_zoned(station_.zone(), std::chrono::system_clock::time_point(now))
            .get_local_time()));
    audit_.write(now, record);
    std::size_t refused = 0;
    for (const auto& f : record.files) refused += f.taken ? 0 : 1;
    log(refused ? Level::warning : Level::info,
        "reloaded the station's files" +
            (refused ? "; " + std::to_string(refused) + " kept their last good version"
                     : std::string()));
    for (const auto& p : station_.problems()) log(Level::warning, p.message);
    if (!airings_.stopping()) feed_.announce_added(now);
    // Nothing that airs is cut by a reload, unless its broadcast was removed.
    std::vector<std::uint64_t> faded;
    std::vector<std::uint64_t> removed;
    for (const auto& [id, a] : airings_.all()) {
        if (a.withdrawn || station_.schedule().find(a.occurrence.broadcast_id) ||
            book_.is_manual(a.occurrence))
            continue;
        (a.awaiting_output ? removed : faded).push_back(id);
    }
    for (auto id : faded) {
        const std::string broadcast = airings_.all().at(id).occurrence.broadcast_id;
        airings_.take_off(id, now, "reload (" + broadcast + " was removed from the schedule)");
        log(Level::warning, broadcast + " was removed from the schedule: fading it out");
    }
    for (auto id : removed)
        airings_.drop_awaiting(id, now, scheduler::EndKind::faded_out,
                               "reload (it was removed from the schedule)");
    return record;
}

}  // namespace vc::engine
