// The control API's changes and questions, done on the daemon's event loop.
#include "control/loop_actions.hpp"

#include "asrun/export_format.hpp"
#include "control/api_error.hpp"
#include "control/console_schedule.hpp"
#include "core/atomic_file.hpp"
#include "core/diagnostic.hpp"
#include "core/duration.hpp"
#include "core/log.hpp"
#include "scheduler/local_time.hpp"
#include "station/zone_resolution.hpp"
#include "station/zone_routing.hpp"

namespace vc::control {

LoopActions::LoopActions(engine::Service& service, station::StationState& station,
                         asrun::AsrunWriter& audit, const Clock& clock,
                         std::function<void()> changed)
    : service_(service),
      station_(station),
      audit_(audit),
      clock_(clock),
      changed_(std::move(changed)) {}

void LoopActions::write_operator(const std::string& who, const std::string& action,
                                 const std::string& detail) {
    audit_.write(clock_.now(), asrun::OperatorAction{who, action, detail});
}

asrun::Reload LoopActions::reload_now() {
    auto record = service_.reload(clock_.now());
    if (changed_) changed_();
    return record;
}

StatusSnapshot LoopActions::status() const {
    StatusSnapshot s;
    s.now = clock_.now();
    s.status = service_.status(s.now);
    s.station_name = station_.station().name;
    s.time_zone = station_.station().timezone;
    s.zone = zone();
    if (health) s.health = health();
    const auto& st = station_.station();
    for (const auto& z : st.zones) {
        s.zones.push_back({{"name", z.name},
                           {"output", station::format_zone_output(z.output)},
                           {"reached", !station::unreachable_zone(st, z.name)}});
    }
    for (const auto& g : st.groups) s.groups[g.name] = g.zones;
    return s;
}

void LoopActions::check_zones(scheduler::Occurrence probe, const std::vector<std::string>& zones,
                              const std::string& what) const {
    for (const auto& zone : station::resolve_zones(station_.station(), zones)) {
        probe.zone = zone;
        try {
            (void)station_.airable(probe);
        } catch (const std::exception& e) {
            throw UserError(what + " cannot air in " + zone + ": " + e.what());
        }
    }
}

Aired LoopActions::air_now(const engine::ManualAiring& manual) {
    std::string what = !manual.live.empty()      ? "the page"
                       : manual.playlist.empty() ? "clip " + manual.clip
                                                 : manual.playlist;
    // What cannot air is the request's fault (400); a daemon that cannot take it now is a
    // conflict (409). Nothing refused reaches the log.
    scheduler::Occurrence probe;
    probe.broadcast_id = "manual";
    probe.playlist = manual.playlist;
    probe.clip = manual.clip;
    probe.live = manual.live;
    try {
        (void)station_.airable(probe);
    } catch (const std::exception& e) {
        throw UserError(what + " cannot air: " + e.what());
    }
    check_zones(probe, manual.zones, what);
    // The engine logs the request with the occurrence it became.
    Instant now = clock_.now();
    Aired a;
    try {
        a.broadcast = service_.air_now(now, manual);
    } catch (const std::exception& e) {
        throw ApiError(409, e.what());
    }
    if (changed_) changed_();
    a.sample_rate = station_.station().output.sample_rate;
    const auto status = service_.status(clock_.now());
    for (const auto& on : status.on_air)
        if (on.broadcast == a.broadcast) a.airing = on.airing;
    // Not on air at once: say what holds the line.
    if (a.airing.empty())
        for (const auto& on : status.on_air)
            a.waits_for +=
                (a.waits_for.empty() ? "" : ", ") + on.broadcast + " (" + on.priority + ")";
    return a;
}

void LoopActions::end_page(const std::string& who, const std::string& broadcast) {
    service_.end_page(clock_.now(), broadcast, who);
    if (changed_) changed_();
}

bool LoopActions::stop(const std::string& who) {
    std::string what;
    for (const auto& on : service_.status(clock_.now()).on_air)
        what += (what.empty() ? "" : ", ") + on.airing;
    write_operator(who, "stop", what.empty() ? "nothing was airing" : what);
    bool stopped = service_.stop_on_air(clock_.now(), who);
    if (changed_) changed_();
    return stopped;
}

std::vector<asrun::ReloadedFile> LoopActions::reload(const std::string& who) {
    write_operator(who, "reload", "");
    // The answer is the reload row the service logged.
    return reload_now().files;
}

OneShotAdded LoopActions::add_one_shot(const OneShotRequest& r) {
    Instant now = clock_.now();
    std::string what = r.playlist.empty() ? "clip " + r.clip : r.playlist;
    if (r.at <= now) throw UserError("`at`: the time has passed; choose a time in the future");
    scheduler::Occurrence probe;
    probe.broadcast_id = "console";
    probe.playlist = r.playlist;
    probe.clip = r.clip;
    try {
        (void)station_.airable(probe);
    } catch (const std::exception& e) {
        throw UserError(what + " cannot air: " + e.what());
    }
    check_zones(probe, r.zones, what);
    const auto file = ConsoleSchedule::path_in_station(station_.station().root);
    auto console = ConsoleSchedule::load(file);
    const std::string before = std::filesystem::exists(file) ? console.text() : std::string();
    auto local = date::floor<std::chrono::seconds>(scheduler::to_local(*zone(), r.at));
    OneShot shot;
    shot.id = ConsoleSchedule::make_id(local, [&](const std::string& id) {
        return console.find(id) != nullptr || station_.schedule().find(id) != nullptr;
    });
    shot.playlist = r.playlist;
    shot.clip = r.clip;
    shot.at = local;
    shot.priority = std::string(scheduler::to_string(r.priority));
    shot.zones = r.zones;
    console.add(shot, r.late);
    Instant scheduled = scheduler::to_instant(*zone(), local);
    write_operator(r.who, "one-shot-add",
                   shot.id + ": " + what + " at " + asrun::format_rfc3339(scheduled, zone()) +
                       " (" + shot.priority + ")");
    console.save();
    reload_now();
    if (!station_.schedule().find(shot.id)) {
        // The file was refused (a hand edit broke it, or the entry does not fit): put the old
        // one back, so that the console never leaves a schedule file that does not load.
        std::string why = "schedule.d/console.toml was not taken";
        for (const auto& p : station_.problems())
            if (p.file == "schedule.d/console.toml") why = p.message;
        if (before.empty())
            std::filesystem::remove(file);
        else
            write_file_atomically(file, before);
        reload_now();
        throw ApiError(409, "the one-shot was not added: " + why);
    }
    log_line(clock_, Level::info, "operator " + r.who + " added one-shot " + shot.id);
    return {shot.id, scheduled};
}

void LoopActions::remove_one_shot(const std::string& who, const std::string& id, bool admin) {
    const auto file = ConsoleSchedule::path_in_station(station_.station().root);
    auto console = ConsoleSchedule::load(file);
    const OneShot* shot = console.find(id);
    if (!shot)
        throw ApiError(404, "no one-shot `" + id +
                                "` in schedule.d/console.toml (broadcasts of other schedule files "
                                "are changed in their files)");
    if (shot->priority == "emergency" && !admin)
        throw ApiError(403, "removing an emergency one-shot needs the admin role");
    Instant now = clock_.now();
    if (shot->at) {
        Instant at = scheduler::to_instant(*zone(), *shot->at);
        if (service_.has_final_outcome(id, at))
            throw ApiError(409, "`" + id + "` has already aired (see the as-run log)");
        for (const auto& on : service_.status(now).on_air)
            if (on.broadcast == id)
                throw ApiError(409, "`" + id + "` is on the air now: stop it instead");
        // Within the preparation lead the daemon has already taken it up.
        if (at <= now + std::chrono::seconds(10))
            throw ApiError(409, "`" + id + "` is due now and can no longer be removed");
    }
    write_operator(who, "one-shot-remove", id);
    console.remove(id);
    console.save();
    reload_now();
}

void LoopActions::clips_changed(const std::string& who, const std::string& action,
                                const std::string& detail) {
    write_operator(who, action, detail);
    reload_now();
}

std::uint64_t LoopActions::log_ticket() const {
    return audit_.queued();
}

std::uint64_t LoopActions::logged_through() const {
    return audit_.written();
}

void LoopActions::refused(const std::string& who, const std::string& detail) {
    write_operator(who, "refused", detail);
}

void LoopActions::logins_refused(const std::vector<RefusedLogins>& counts) {
    for (const auto& c : counts) {
        auto minute = date::format(
            "%FT%R%Ez", date::make_zoned(zone(), date::floor<std::chrono::minutes>(c.minute)));
        std::string detail = c.address + ": " + std::to_string(c.count) +
                             " refused login(s) in the minute from " + minute;
        audit_.write(clock_.now(), asrun::SystemAction{"login-refused", detail, false});
        log_line(clock_, Level::warning, "console: " + detail);
    }
}

}  // namespace vc::control
