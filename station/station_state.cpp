#include "station/station_state.hpp"

#include "core/sha256.hpp"
#include "playlists/timeline_builder.hpp"
#include "station/schedule_wiring.hpp"
#include "station/zone_routing.hpp"

namespace vc::station {

namespace {

std::string relative_name(const std::filesystem::path& p, const std::filesystem::path& root) {
    auto rel = p.lexically_relative(root);
    return rel.empty() ? p.string() : rel.generic_string();
}

std::string file_sha(const std::filesystem::path& p) {
    try {
        return sha256_file(p);
    } catch (const std::exception&) {
        return "";
    }
}

std::string first_error(const Diagnostics& d) {
    for (const auto& item : d.items())
        if (item.severity == Diagnostic::Severity::error) return item.str();
    return "";
}

}  // namespace

StationState::StationState(const std::filesystem::path& root, date::local_days today)
    : root_(root) {
    files_ = std::make_unique<station::StationFiles>(station::load_station_files(root));
    zone_ = station::station_zone(files_->station);
    load(today, nullptr);
}

asrun::Reload StationState::reload(date::local_days today) {
    asrun::Reload record;
    problems_.clear();
    try {
        auto fresh = std::make_unique<station::StationFiles>(station::load_station_files(root_));
        const auto* zone = station::station_zone(fresh->station);
        // Playlists that no longer load keep their last good version, whether the broken file
        // was still read as a playlist or (not even TOML) was not; a deleted one is gone.
        for (auto& [name, p] : fresh->playlists) {
            if (p.ok) continue;
            if (auto old = files_->playlists.find(name);
                old != files_->playlists.end() && old->second.ok)
                p = old->second;
        }
        for (const auto& [name, old] : files_->playlists) {
            std::error_code ec;
            if (old.ok && fresh->playlists.count(name) == 0 &&
                std::filesystem::exists(old.file, ec))
                fresh->playlists.emplace(name, old);
        }
        files_ = std::move(fresh);
        zone_ = zone;
        record.files.push_back({"station.toml", file_sha(root_ / "station.toml"), true, ""});
    } catch (const std::exception& e) {
        problems_.push_back({"station.toml", e.what()});
        record.files.push_back({"station.toml", file_sha(root_ / "station.toml"), false,
                                "kept the last good version"});
    }
    for (const auto& d : files_->diagnostics.items()) {
        if (d.severity != Diagnostic::Severity::error) continue;
        problems_.push_back({relative_name(d.file, root_), d.str()});
    }
    for (const auto& [name, p] : files_->playlists) {
        bool bad = false;
        for (const auto& pr : problems_) bad = bad || pr.file == relative_name(p.file, root_);
        record.files.push_back({relative_name(p.file, root_), file_sha(p.file), !bad,
                                bad ? "kept the last good version" : ""});
    }
    load(today, &record);
    return record;
}

void StationState::load(date::local_days today, asrun::Reload* record) {
    Diagnostics calendar_diags;
    auto ctx = station::schedule_context(*files_, today, calendar_diags);
    ctx.warnings = false;  // `check` reports them; the daemon needs only what airs
    for (const auto& d : calendar_diags.items())
        if (d.severity == Diagnostic::Severity::error)
            problems_.push_back({relative_name(d.file, root_), d.str()});
    auto loaded = scheduler::load_schedule(root_, ctx);
    std::map<std::string, scheduler::ScheduleFile> taken;
    for (auto& f : loaded) {
        if (f.ok()) {
            if (record) record->files.push_back({f.display_name, f.sha256, true, ""});
            taken[f.display_name] = std::move(f);
        } else {
            problems_.push_back({f.display_name, first_error(f.diagnostics)});
            bool kept = good_schedule_files_.count(f.display_name) != 0;
            if (kept) taken[f.display_name] = good_schedule_files_[f.display_name];
            if (record)
                record->files.push_back(
                    {f.display_name, f.sha256, false,
                     kept ? "kept the last good version: " + first_error(f.diagnostics)
                          : "not taken: " + first_error(f.diagnostics)});
        }
    }
    good_schedule_files_ = taken;
    std::vector<scheduler::ScheduleFile> files;
    for (auto& [name, f] : taken) files.push_back(f);
    schedule_ = std::make_unique<scheduler::Schedule>(files, ctx);
}

scheduler::ArbiterConfig StationState::arbiter_config() const {
    return station::arbiter_config(station());
}

StationState::Airable StationState::airable(const scheduler::Occurrence& occurrence) const {
    Airable a;
    ZoneRoute route = zone_route(station(), occurrence.zone);
    if (!occurrence.live.empty()) {
        a.format = {station().output.sample_rate, route.rendered_channels};
        a.output = route.output;
        a.route = std::move(route.channels);
        // The attention chime before the voice. One that cannot air (check and the reload
        // name it) is left out: the page itself must not fail for it.
        const std::string& chime = station().page.chime;
        if (const auto* clip = files_->library.find(chime); clip && clip->ok) {
            a.timeline = std::make_shared<const audio::Timeline>(
                station::timeline_for(*files_, chime, true, route.rendered_channels));
            a.clips.push_back({chime, clip->analysis.sha256, ""});
        }
        return a;
    }
    a.timeline = std::make_shared<const audio::Timeline>(station::timeline_for(
        *files_, occurrence.clip.empty() ? occurrence.playlist : occurrence.clip,
        !occurrence.clip.empty(), route.rendered_channels));
    a.format = a.timeline->format;
    a.output = route.output;
    a.route = std::move(route.channels);
    for (const auto& p : a.timeline->placements) {
        const auto* clip = files_->library.find(p.clip_id);
        const auto spoken = files_->spoken.find(p.clip_id);
        a.clips.push_back({p.clip_id, clip ? clip->analysis.sha256 : "",
                           spoken != files_->spoken.end() ? spoken->second : ""});
    }
    return a;
}

}  // namespace vc::station
