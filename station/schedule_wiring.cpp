#include "station/schedule_wiring.hpp"

#include <chrono>
#include <sstream>

#include "playlists/timeline_builder.hpp"
#include "scheduler/calendar_set.hpp"
#include "scheduler/date_text.hpp"
#include "station/spoken_items.hpp"
#include "station/zone_resolution.hpp"
#include "station/zone_routing.hpp"

namespace vc::station {

scheduler::ScheduleContext schedule_context(const StationFiles& files, date::local_days today,
                                            Diagnostics& calendar_diags) {
    scheduler::ScheduleContext ctx;
    const auto& st = files.station;
    ctx.timezone = st.timezone;
    for (const auto& [name, s] : st.seasons) {
        scheduler::Season season;
        season.name = name;
        season.from = date::month(static_cast<unsigned>(s.from.month)) /
                      date::day(static_cast<unsigned>(s.from.day));
        season.until = date::month(static_cast<unsigned>(s.until.month)) /
                       date::day(static_cast<unsigned>(s.until.day));
        ctx.seasons.emplace(name, season);
    }
    ctx.zones = zone_names(st);
    ctx.zone_groups = group_zones(st);
    ctx.calendars = scheduler::load_calendars(st.root, calendar_diags);
    ctx.playlist_exists = [&files](const std::string& name) {
        return files.playlists.count(name) != 0;
    };
    ctx.clip_problem = [&files](const std::string& id) -> std::optional<std::string> {
        const auto* clip = files.library.find(id);
        if (!clip) return std::string("missing");
        if (!clip->ok) return clip->problem;
        return std::nullopt;
    };
    // A broadcast's text: load_station_files spoke it already, so this finds its clip.
    auto speaker = std::make_shared<StationSpeaker>(st);
    ctx.speak = [speaker](const std::string& text, const std::string& voice, int rate) {
        return speaker->speak(text, voice, rate);
    };
    ctx.today = today;
    return ctx;
}

scheduler::ArbiterConfig arbiter_config(const station::Station& station) {
    scheduler::ArbiterConfig c;
    c.gap_between = station.gap_between;
    // snapserver takes each frame its buffer before the receivers play it. Every zone commits
    // its starts that early when any output is a Snapcast stream, so that one instant's airings
    // are placed together in every zone.
    for (const auto& o : station_outputs(station))
        if (o.spec.starts_with("snapcast:"))
            c.output_latency = station.snapcast.buffer + SnapcastSettings::chunk;
    return c;
}

scheduler::DurationFn duration_function(const StationFiles& files) {
    auto cache = std::make_shared<std::map<std::string, std::optional<Millis>>>();
    auto zones = std::make_shared<std::map<std::string, bool>>();  // zone -> on the output
    return [&files, cache, zones](const scheduler::Occurrence& o) -> std::optional<Millis> {
        auto routed = zones->find(o.zone);
        if (routed == zones->end()) {
            // The daemon cannot air there either: `check` names the reason.
            routed = zones->emplace(o.zone, !unreachable_zone(files.station, o.zone)).first;
        }
        if (!routed->second) return std::nullopt;
        std::string key = (o.clip.empty() ? "p:" + o.playlist : "c:" + o.clip);
        if (auto it = cache->find(key); it != cache->end()) return it->second;
        std::optional<Millis> d;
        try {
            if (!o.clip.empty()) {
                d = playlists::clip_duration(o.clip, files.library, files.station);
            } else if (auto p = files.playlists.find(o.playlist); p != files.playlists.end()) {
                d = playlists::playlist_duration(p->second, files.library, files.station);
            }
        } catch (const std::exception&) {
            d = std::nullopt;  // cannot air: `check` names the reason
        }
        cache->emplace(key, d);
        return d;
    };
}

const date::time_zone* station_zone(const station::Station& station) {
    try {
        return date::locate_zone(station.timezone);
    } catch (const std::exception&) {
        throw UserError("unknown time zone `" + station.timezone + "` in station.toml");
    }
}

date::local_days today_in(const date::time_zone* zone, Instant now) {
    auto local = date::make_zoned(zone, now).get_local_time();
    return date::floor<date::days>(local);
}

Instant local_midnight(date::local_days day, const date::time_zone* zone) {
    auto sys = zone->to_sys(date::local_seconds(day), date::choose::earliest);
    return std::chrono::time_point_cast<std::chrono::milliseconds>(sys);
}

}  // namespace vc::station
