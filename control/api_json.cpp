// The control API's JSON: the status object, and reading the times clients send.
#include "control/api_json.hpp"

#include "asrun/export_format.hpp"
#include "scheduler/date_text.hpp"
#include "scheduler/local_time.hpp"

namespace vc::control {

using nlohmann::json;

namespace {

json time_or_null(const std::optional<Instant>& t, const date::time_zone* zone) {
    return t ? json(asrun::format_rfc3339(*t, zone)) : json(nullptr);
}

json ms_or_null(const std::optional<Instant>& t) {
    return t ? json(asrun::to_millis(*t)) : json(nullptr);
}

}  // namespace

nlohmann::json status_json(const StatusSnapshot& snap, const std::string& version,
                           std::int64_t uptime_s) {
    const auto* zone = snap.zone;
    const auto& s = snap.status;
    json on_air = json::array();
    for (const auto& a : s.on_air) {
        on_air.push_back({{"airing", a.airing},
                          {"broadcast", a.broadcast},
                          {"zone", a.zone},
                          {"playlist", a.playlist},
                          {"clip", a.clip},
                          {"priority", a.priority},
                          {"trigger", a.trigger},
                          {"scheduled", asrun::format_rfc3339(a.scheduled, zone)},
                          {"scheduled_ms", asrun::to_millis(a.scheduled)},
                          {"since", time_or_null(a.since, zone)},
                          {"since_ms", ms_or_null(a.since)},
                          {"position_ms", a.position.count()},
                          {"length_ms", a.length.count()},
                          {"live", a.live},
                          {"latency_ms", a.latency.count()}});
    }
    json next = nullptr;
    if (s.next) {
        next = {{"broadcast", s.next->broadcast_id},
                {"scheduled", asrun::format_rfc3339(s.next->scheduled, zone)},
                {"scheduled_ms", asrun::to_millis(s.next->scheduled)},
                {"priority", std::string(scheduler::to_string(s.next->priority))},
                {"playlist", s.next->playlist},
                {"clip", s.next->clip}};
    }
    json last = nullptr;
    if (s.last) {
        last = {{"airing", s.last->airing},
                {"broadcast", s.last->broadcast},
                {"status", s.last->status},
                {"reason", s.last->reason},
                {"at", asrun::format_rfc3339(s.last->at, zone)},
                {"at_ms", asrun::to_millis(s.last->at)}};
    }
    json failed = json::array();
    for (const auto& f : s.failed_files)
        failed.push_back({{"file", f.file}, {"message", f.message}});
    json out = {{"version", version},
                {"uptime_s", uptime_s},
                {"station", snap.station_name},
                {"time_zone", snap.time_zone},
                {"zones", snap.zones},
                {"groups", snap.groups},
                {"now", asrun::format_rfc3339(snap.now, zone)},
                {"now_ms", asrun::to_millis(snap.now)},
                {"on_air", std::move(on_air)},
                {"next", std::move(next)},
                {"last", std::move(last)},
                {"output",
                 {{"name", s.output_name},
                  {"open", s.output_open},
                  {"problem", s.output_problem},
                  {"underruns", s.underruns},
                  {"host_underflows", s.host_underflows},
                  {"read_ahead_waits", s.read_ahead_waits},
                  {"aircheck_dropped_frames", s.aircheck_dropped_frames},
                  {"scheduling", s.scheduling}}},
                {"failed_files", std::move(failed)},
                {"log", {{"pending", s.log_pending}, {"error", s.log_error}}},
                {"amplifier", {{"state", s.amplifier}, {"problem", s.amplifier_problem}}}};
    if (snap.health) out["health"] = *snap.health;
    return out;
}

std::optional<Instant> parse_at_time(std::string_view text, const date::time_zone& zone) {
    // The local date and time: "YYYY-MM-DDTHH:MM" is 16 characters, with seconds 19.
    if (text.size() < 16) return std::nullopt;
    std::size_t end = text.size() >= 19 && text[16] == ':' ? 19 : 16;
    auto local = scheduler::parse_local_date_time(text.substr(0, end));
    if (!local) return std::nullopt;
    std::string_view rest = text.substr(end);
    std::chrono::milliseconds fraction{0};
    if (!rest.empty() && rest.front() == '.') {
        std::size_t i = 1;
        int ms = 0, digits = 0;
        while (i < rest.size() && rest[i] >= '0' && rest[i] <= '9') {
            if (digits < 3) ms = ms * 10 + (rest[i] - '0');
            ++digits;
            ++i;
        }
        if (digits == 0) return std::nullopt;
        for (int d = digits; d < 3; ++d) ms *= 10;
        fraction = std::chrono::milliseconds(ms);
        rest = rest.substr(i);
    }
    if (rest.empty()) return scheduler::to_instant(zone, *local) + fraction;
    if (rest == "Z" || rest == "z") return Instant(local->time_since_epoch()) + fraction;
    if (rest.front() != '+' && rest.front() != '-') return std::nullopt;
    int sign = rest.front() == '+' ? 1 : -1;
    std::string digits;
    for (char c : rest.substr(1))
        if (c != ':') digits += c;
    if ((rest.size() != 6 && rest.size() != 5) || digits.size() != 4 ||
        digits.find_first_not_of("0123456789") != std::string::npos)
        return std::nullopt;
    int hh = std::stoi(digits.substr(0, 2)), mm = std::stoi(digits.substr(2, 2));
    if (hh > 14 || mm > 59) return std::nullopt;
    auto offset = std::chrono::minutes(sign * (hh * 60 + mm));
    return Instant(local->time_since_epoch()) - offset + fraction;
}

}  // namespace vc::control
