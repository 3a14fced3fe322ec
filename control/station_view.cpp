// What the console reads of the station's files and as-run log, on the server's worker threads.
#include "control/station_view.hpp"

#include <cmath>
#include <ostream>

#include <nlohmann/json.hpp>

#include "asrun/export_format.hpp"
#include "asrun/log_store.hpp"
#include "control/console_schedule.hpp"
#include "core/clip_ref.hpp"
#include "library/library.hpp"
#include "playlists/playlist_check.hpp"
#include "scheduler/date_text.hpp"
#include "scheduler/local_time.hpp"
#include "scheduler/plan_format.hpp"
#include "scheduler/schedule.hpp"
#include "scheduler/schedule_file.hpp"
#include "station/schedule_wiring.hpp"
#include "station/station_files.hpp"

namespace vc::control {

using nlohmann::json;

void write_plan_json(std::ostream& out, const std::filesystem::path& station,
                     std::optional<date::local_days> from, int days, Instant now,
                     std::mutex& files) {
    std::unique_lock lock(files);  // a library scan may rewrite the index file
    auto loaded = station::load_station_files(station);
    const auto* zone = station::station_zone(loaded.station);
    auto today = scheduler::local_date_of(*zone, now);
    auto from_day = from.value_or(today);
    Diagnostics calendar_diags;
    auto ctx = station::schedule_context(loaded, today, calendar_diags);
    ctx.warnings = false;
    auto schedule_files = scheduler::load_schedule(loaded.station.root, ctx);
    scheduler::Schedule schedule(schedule_files, ctx);
    auto console = ConsoleSchedule::load(ConsoleSchedule::path_in_station(station));
    lock.unlock();

    auto text = [](const std::string& s) {
        return json(s).dump(-1, ' ', false, json::error_handler_t::replace);
    };
    out << "{\"from\":" << text(scheduler::format_date(from_day)) << ",\"days\":" << days
        << ",\"time_zone\":" << text(loaded.station.timezone) << ",\"occurrences\":";
    scheduler::PlanWriter writer(
        out, scheduler::PlanFormat::json, zone,
        [&console](const scheduler::PlanRow& row, nlohmann::ordered_json& j) {
            j["conflict"] = row.outcome != scheduler::Outcome::aired || row.delay > Millis{0} ||
                            !row.waited_for.empty() || !row.interrupted_by.empty();
            j["console"] = console.find(row.occurrence.broadcast_id) != nullptr;
        });
    scheduler::run_plan(schedule, station::local_midnight(from_day, zone),
                        station::local_midnight(from_day + date::days(days), zone),
                        station::duration_function(loaded), station::arbiter_config(loaded.station),
                        [&](scheduler::PlanRow&& row) { writer.write(row); });
    writer.finish();
    out << "}\n";
}

nlohmann::json clip_json(const library::ClipInfo& c) {
    const auto& a = c.analysis;
    bool analysed = a.sample_rate > 0;
    json loudness = nullptr;
    if (analysed && std::isfinite(a.integrated_lufs) && a.integrated_lufs > -200)
        loudness = std::round(a.integrated_lufs * 10) / 10;
    json peak = nullptr;
    if (analysed && std::isfinite(a.true_peak_dbtp) && a.true_peak_dbtp > -200)
        peak = std::round(a.true_peak_dbtp * 10) / 10;
    return {
        {"id", c.id},
        {"file", c.relative_path},
        {"format", analysed ? json(a.format) : json(nullptr)},
        {"decoder", analysed ? json(a.decoder) : json(nullptr)},
        {"duration_ms", analysed ? json(a.frames * 1000 / a.sample_rate) : json(nullptr)},
        {"loudness", loudness},
        {"true_peak", peak},
        {"sample_rate", analysed ? json(a.sample_rate) : json(nullptr)},
        {"channels", analysed ? json(a.channels) : json(nullptr)},
        {"sha256", a.sha256},
        {"quiet_start_ms", analysed ? json(a.quiet_start * 1000 / a.sample_rate) : json(nullptr)},
        {"quiet_end_ms", analysed ? json(a.quiet_end * 1000 / a.sample_rate) : json(nullptr)},
        {"size", c.size},
        {"trim", c.trim},
        {"can_air", c.ok},
        {"problem", c.ok ? "" : c.problem}};
}

nlohmann::json library_json(const std::filesystem::path& station) {
    auto st = station::load_station(station);
    auto library = library::Library::scan(st);
    json clips = json::array();
    for (const auto& c : library.clips()) clips.push_back(clip_json(c));
    return {{"clips", std::move(clips)}};
}

nlohmann::json playlists_json(const std::filesystem::path& station) {
    auto files = station::load_station_files(station);
    auto durations = station::duration_function(files);
    json list = json::array();
    for (const auto& [name, p] : files.playlists) {
        Diagnostics diags;
        diags.append(files.diagnostics);
        if (p.ok) playlists::check_playlist(p, files.library, files.station, diags);
        json problems = json::array();
        for (const auto& d : diags.items())
            if (d.severity == Diagnostic::Severity::error && d.file == p.file.string())
                problems.push_back(d.str());
        scheduler::Occurrence o;
        o.broadcast_id = "console";
        o.playlist = name;
        std::optional<Millis> length;
        if (p.ok && problems.empty()) length = durations(o);
        list.push_back({{"name", name},
                        {"title", p.title},
                        {"duration_ms", length ? json(length->count()) : json(nullptr)},
                        {"problems", std::move(problems)}});
    }
    return {{"playlists", std::move(list)}};
}

std::string airings_export(const std::filesystem::path& station, const AiringQuery& query, bool csv,
                           std::string* head_line) {
    const date::time_zone* zone = nullptr;
    try {
        zone = station::station_zone(station::load_station(station));
    } catch (const std::exception&) {
        zone = date::locate_zone("Asia/Shanghai");
    }
    auto path = asrun::LogStore::path_in_station(station);
    if (!std::filesystem::exists(path)) throw UserError("no as-run log yet at " + path.string());
    auto log = asrun::LogStore::open(path, asrun::Access::read_only);
    auto head = log.head();
    asrun::AiringFilter f;
    if (query.from) f.from = station::local_midnight(*query.from, zone);
    if (query.to) f.to = station::local_midnight(*query.to + date::days(1), zone);
    if (query.status) f.statuses.push_back(*query.status);
    f.broadcast = query.broadcast;
    auto rows = asrun::list_airings(log, f);
    if (head_line) *head_line = std::to_string(head.rows) + " " + head.hash;
    if (csv) return asrun::format_airings(rows, asrun::ExportFormat::csv, zone, head);
    json j = json::parse(asrun::format_airings(rows, asrun::ExportFormat::json, zone, head));
    json out = {{"head", {{"hash", head.hash}, {"rows", head.rows}, {"seq", head.seq}}},
                {"time_zone", j.value("time_zone", "")},
                {"airings", j["airings"]}};
    return out.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::optional<std::filesystem::path> clip_file(const std::filesystem::path& station,
                                               const std::string& id) {
    if (validate_clip_ref(id)) return std::nullopt;
    auto st = station::load_station(station);
    auto library = library::Library::scan(st);
    const auto* c = library.find(id);
    if (!c) return std::nullopt;
    return c->path;
}

}  // namespace vc::control
