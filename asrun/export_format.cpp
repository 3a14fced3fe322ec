#include "asrun/export_format.hpp"

#include <algorithm>

#include "asrun/report_format.hpp"

#include "core/csv.hpp"

#include <nlohmann/json.hpp>

#include "core/text_width.hpp"

namespace vc::asrun {

using nlohmann::json;

namespace {

std::string zone_name(const date::time_zone* zone) {
    return zone ? std::string(zone->name()) : std::string("UTC");
}

std::string opt_time(const std::optional<Instant>& t, const date::time_zone* zone) {
    return t ? format_local_time(*t, zone) : std::string();
}

json opt_rfc3339(const std::optional<Instant>& t, const date::time_zone* zone) {
    return t ? json(format_rfc3339(*t, zone)) : json(nullptr);
}

json opt_ms(const std::optional<Instant>& t) {
    return t ? json(to_millis(*t)) : json(nullptr);
}

std::string join(const std::vector<std::string>& items, std::string_view sep) {
    std::string out;
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (i) {
            out += sep;
        }
        out += items[i];
    }
    return out;
}

std::string clips_text(const std::vector<ClipHash>& clips) {
    std::vector<std::string> items;
    items.reserve(clips.size());
    for (const auto& c : clips) {
        items.push_back(c.clip + " " + c.sha256 + (c.text.empty() ? "" : " \"" + c.text + "\""));
    }
    return join(items, "; ");
}

std::string what_airs(const AiringRow& r) {
    return what_aired(r.playlist, r.clip, r.live);
}

std::string csv_line(const std::vector<std::string>& fields) {
    return csv_row(fields);
}

json head_json(const Head& head) {
    return {{"rows", head.rows}, {"head_seq", head.seq}, {"head_hash", head.hash}};
}

std::string dump(const json& j) {
    return j.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

json airing_json(const AiringRow& r, const date::time_zone* zone) {
    json clips = json::array();
    for (const auto& c : r.clips) clips.push_back(clip_json(c));
    json aircheck = nullptr;
    if (r.aircheck) {
        aircheck = {{"path", r.aircheck->path}, {"sha256", r.aircheck->sha256}};
    }
    return {{"seq", r.seq},
            {"end_seq", r.end_seq ? json(*r.end_seq) : json(nullptr)},
            {"airing", r.airing},
            {"broadcast", r.broadcast},
            {"playlist", r.playlist},
            {"clip", r.clip},
            {"trigger", r.trigger},
            {"priority", r.priority},
            {"zones", r.zones},
            {"scheduled", opt_rfc3339(r.scheduled, zone)},
            {"scheduled_ms", opt_ms(r.scheduled)},
            {"planned_start", opt_rfc3339(r.planned_start, zone)},
            {"planned_start_ms", opt_ms(r.planned_start)},
            {"start", opt_rfc3339(r.start, zone)},
            {"start_ms", opt_ms(r.start)},
            {"end", opt_rfc3339(r.end, zone)},
            {"end_ms", opt_ms(r.end)},
            {"status", std::string(to_string(r.status))},
            {"final", r.final},
            {"reason", r.reason},
            {"clips", clips},
            {"aircheck", aircheck},
            {"live", r.live},
            {"reception", r.reception_start || r.reception_end
                              ? json{{"start", reception_json(r.reception_start)},
                                     {"end", reception_json(r.reception_end)},
                                     {"drops", drops_json(r.drops)}}
                              : json(nullptr)}};
}

// The kind's own fields (without "v", "kind" and "at"), compact.
std::string details(const Event& e) {
    json j = e.to_json();
    j.erase("v");
    j.erase("kind");
    j.erase("at");
    return canonical_json(j);
}

}  // namespace

std::optional<ExportFormat> parse_export_format(std::string_view name) {
    if (name == "table") {
        return ExportFormat::table;
    }
    if (name == "csv") {
        return ExportFormat::csv;
    }
    if (name == "json") {
        return ExportFormat::json;
    }
    return std::nullopt;
}

std::string format_local_time(Instant t, const date::time_zone* zone) {
    if (!zone) {
        return date::format("%F %T", t);
    }
    return date::format("%F %T", date::make_zoned(zone, t));
}

std::string format_rfc3339(Instant t, const date::time_zone* zone) {
    if (!zone) {
        return date::format("%FT%T+00:00", t);
    }
    return date::format("%FT%T%Ez", date::make_zoned(zone, t));
}

std::string format_head_line(const Head& head) {
    return "as-run log: " + std::to_string(head.rows) + " rows, head hash " + head.hash;
}

std::string csv_field(std::string_view text) {
    return csv_cell(text);
}

std::string format_airings(const std::vector<AiringRow>& rows, ExportFormat format,
                           const date::time_zone* zone, const Head& head) {
    switch (format) {
        case ExportFormat::table: {
            // Villages on Snapcast streams: how many of their receivers heard each airing.
            const bool heard = std::any_of(rows.begin(), rows.end(), [](const AiringRow& r) {
                return r.reception_start || r.reception_end;
            });
            std::vector<std::vector<std::string>> cells;
            cells.reserve(rows.size());
            for (const auto& r : rows) {
                cells.push_back({opt_time(r.scheduled, zone), opt_time(r.start, zone),
                                 opt_time(r.end, zone), std::string(to_string(r.status)),
                                 r.broadcast, what_airs(r), r.priority, r.trigger, r.reason,
                                 r.airing});
                if (!heard) continue;
                const auto entry = reception_entry(r);
                cells.back().push_back(entry ? format_heard(*entry) : "");
            }
            std::vector<std::string> head_row{"scheduled", "start",         "end",      "status",
                                              "broadcast", "playlist/clip", "priority", "trigger",
                                              "reason",    "airing"};
            if (heard) head_row.push_back("heard by");
            std::string out = format_table(head_row, cells);
            out += std::to_string(rows.size()) + (rows.size() == 1 ? " row" : " rows") +
                   ", times in " + zone_name(zone) + "\n";
            out += format_head_line(head) + "\n";
            return out;
        }
        case ExportFormat::csv: {
            std::string out(utf8_bom);
            out +=
                csv_line({"seq", "airing", "broadcast", "playlist", "clip", "trigger", "priority",
                          "zones", "scheduled", "planned_start", "start", "end", "status", "final",
                          "reason", "clips", "aircheck_path", "aircheck_sha256", "end_seq"});
            for (const auto& r : rows) {
                out += csv_line({std::to_string(r.seq), r.airing, r.broadcast, r.playlist, r.clip,
                                 r.trigger, r.priority, join(r.zones, "; "),
                                 opt_time(r.scheduled, zone), opt_time(r.planned_start, zone),
                                 opt_time(r.start, zone), opt_time(r.end, zone),
                                 std::string(to_string(r.status)), r.final ? "true" : "false",
                                 r.reason, clips_text(r.clips), r.aircheck ? r.aircheck->path : "",
                                 r.aircheck ? r.aircheck->sha256 : "",
                                 r.end_seq ? std::to_string(*r.end_seq) : ""});
            }
            return out;
        }
        case ExportFormat::json: {
            json list = json::array();
            for (const auto& r : rows) {
                list.push_back(airing_json(r, zone));
            }
            return dump(
                {{"log", head_json(head)}, {"time_zone", zone_name(zone)}, {"airings", list}});
        }
    }
    return {};
}

std::string format_events(const std::vector<StoredEvent>& events, ExportFormat format,
                          const date::time_zone* zone, const Head& head) {
    switch (format) {
        case ExportFormat::table: {
            std::vector<std::vector<std::string>> cells;
            cells.reserve(events.size());
            for (const auto& e : events) {
                cells.push_back({std::to_string(e.row.seq), format_local_time(e.event.at, zone),
                                 std::string(to_string(e.event.kind())), e.row.hash.substr(0, 12),
                                 details(e.event)});
            }
            std::string out = format_table({"seq", "at", "kind", "hash", "details"}, cells, {0});
            out += std::to_string(events.size()) + (events.size() == 1 ? " event" : " events") +
                   ", times in " + zone_name(zone) + "\n";
            out += format_head_line(head) + "\n";
            return out;
        }
        case ExportFormat::csv: {
            std::string out(utf8_bom);
            out += csv_line({"seq", "at", "kind", "payload", "prev_hash", "hash"});
            for (const auto& e : events) {
                out += csv_line({std::to_string(e.row.seq), format_local_time(e.event.at, zone),
                                 std::string(to_string(e.event.kind())), e.row.payload,
                                 e.row.prev_hash, e.row.hash});
            }
            return out;
        }
        case ExportFormat::json: {
            json list = json::array();
            for (const auto& e : events) {
                list.push_back({{"seq", e.row.seq},
                                {"at", format_rfc3339(e.event.at, zone)},
                                {"at_ms", to_millis(e.event.at)},
                                {"kind", std::string(to_string(e.event.kind()))},
                                {"payload", json::parse(e.row.payload)},
                                {"prev_hash", e.row.prev_hash},
                                {"hash", e.row.hash}});
            }
            return dump(
                {{"log", head_json(head)}, {"time_zone", zone_name(zone)}, {"events", list}});
        }
    }
    return {};
}

}  // namespace vc::asrun
