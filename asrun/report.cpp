#include "asrun/report.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>
#include <utility>

namespace vc::asrun {

namespace {

/// (broadcast, scheduled, zone): one occurrence in one zone, which has one final outcome.
using OccurrenceKey = std::tuple<std::string, Instant, std::string>;

/// The zone a row's airing was heard in; "" for the whole station ("all").
std::string zone_of(const AiringRow& row) {
    if (row.zones.size() != 1 || row.zones.front() == "all") return "";
    return row.zones.front();
}

void count_final(BroadcastCounts& c, const AiringRow& row) {
    if (row.status == AiringStatus::airing) {  // not an outcome (a final row never has it)
        ++c.open;
        return;
    }
    ++c.scheduled;
    switch (row.status) {
        case AiringStatus::aired:
            ++(is_on_time(*row.scheduled, row.start) ? c.on_time : c.late);
            break;
        case AiringStatus::interrupted:
            ++c.interrupted;
            break;
        case AiringStatus::partial:
            ++c.partial;
            break;
        case AiringStatus::missed:
            ++c.missed;
            break;
        case AiringStatus::failed:
            ++c.failed;
            break;
        case AiringStatus::airing:
            break;
    }
}

ManualEntry manual_entry(const AiringRow& row) {
    ManualEntry m;
    m.time = row.start.value_or(*row.scheduled);
    m.operator_name = operator_of(row.trigger);
    m.trigger = row.trigger;
    m.airing = row.airing;
    m.broadcast = row.broadcast;
    m.playlist = row.playlist;
    m.clip = row.clip;
    m.live = row.live;
    m.priority = row.priority;
    m.status = row.status;
    m.final = row.final;
    m.reason = row.reason;
    m.air_time = air_time_of(row);
    return m;
}

}  // namespace

BroadcastCounts& BroadcastCounts::operator+=(const BroadcastCounts& c) {
    scheduled += c.scheduled;
    on_time += c.on_time;
    late += c.late;
    interrupted += c.interrupted;
    partial += c.partial;
    missed += c.missed;
    failed += c.failed;
    open += c.open;
    air_time += c.air_time;
    return *this;
}

bool is_on_time(Instant scheduled, const std::optional<Instant>& start) {
    if (!start) return false;
    auto off = *start - scheduled;
    return off <= on_time_tolerance && off >= -on_time_tolerance;
}

Millis air_time_of(const AiringRow& row) {
    bool on_air = row.status == AiringStatus::aired || row.status == AiringStatus::partial ||
                  row.status == AiringStatus::interrupted;
    if (!on_air || !row.start || !row.end || *row.end < *row.start) return Millis(0);
    return std::chrono::duration_cast<Millis>(*row.end - *row.start);
}

std::string operator_of(std::string_view trigger) {
    constexpr std::string_view prefix = "operator ";
    if (trigger.starts_with(prefix) && trigger.size() > prefix.size())
        return std::string(trigger.substr(prefix.size()));
    return std::string(trigger);
}

std::optional<ReceptionEntry> reception_entry(const AiringRow& row) {
    if (!row.reception_start && !row.reception_end) return std::nullopt;
    ReceptionEntry e;
    e.time = row.start ? *row.start : row.scheduled.value_or(Instant{});
    e.village = row.zones.empty() ? "" : row.zones.front();
    e.broadcast = row.broadcast;
    e.status = row.status;
    e.drops = row.drops;
    const auto& a = row.reception_start;
    const auto& b = row.reception_end;
    e.known = a && a->known && b && b->known;
    if (!e.known) {
        for (const auto* r : {&a, &b})
            if (*r && !(*r)->known) e.why = (*r)->why;
        if (e.why.empty()) e.why = "not recorded at both ends";
        return e;
    }
    std::set<std::string> all, heard;
    for (const auto* r : {&*a, &*b}) {
        all.insert(r->connected.begin(), r->connected.end());
        all.insert(r->missing.begin(), r->missing.end());
    }
    for (const auto& id : a->connected)
        if (std::find(b->connected.begin(), b->connected.end(), id) != b->connected.end())
            heard.insert(id);
    for (const auto& d : row.drops) {
        all.insert(d.receiver);
        heard.erase(d.receiver);
    }
    e.heard = static_cast<std::int64_t>(heard.size());
    e.of = static_cast<std::int64_t>(all.size());
    for (const auto& id : all)
        if (!heard.count(id)) e.missing.push_back(id);
    return e;
}

MonthlyReport build_report(const std::vector<AiringRow>& rows, const ReportPeriod& period,
                           const Head& head) {
    MonthlyReport report;
    report.period = period;
    report.head = head;

    // The rows of each scheduled occurrence of the period, in log order.
    std::map<OccurrenceKey, std::vector<const AiringRow*>> occurrences;
    for (const auto& row : rows) {
        if (!row.scheduled || !period.contains(*row.scheduled)) continue;
        if (auto r = reception_entry(row)) report.reception.push_back(std::move(*r));
        if (row.trigger != schedule_trigger) {
            report.manual.push_back(manual_entry(row));
            continue;
        }
        occurrences[{row.broadcast, *row.scheduled, zone_of(row)}].push_back(&row);
    }

    std::map<std::string, BroadcastCounts> by_broadcast;
    std::map<std::string, BroadcastCounts> by_zone;
    for (const auto& [key, airings] : occurrences) {
        BroadcastCounts one;
        for (const AiringRow* r : airings) one.air_time += air_time_of(*r);
        // The oldest final row decides, as LogStore::final_outcome() does.
        auto final_row = std::find_if(airings.begin(), airings.end(),
                                      [](const AiringRow* r) { return r->final; });
        if (final_row == airings.end())
            ++one.open;
        else
            count_final(one, **final_row);
        const auto& [broadcast, scheduled, zone] = key;
        by_broadcast[broadcast] += one;
        by_broadcast[broadcast].broadcast = broadcast;
        if (!zone.empty()) {
            by_zone[zone] += one;
            by_zone[zone].broadcast = zone;
        }
    }
    for (auto& [id, c] : by_broadcast) {
        report.total += c;
        report.broadcasts.push_back(std::move(c));
    }
    if (by_zone.size() >= 2)
        for (auto& [zone, c] : by_zone) report.zones.push_back(std::move(c));
    std::stable_sort(report.manual.begin(), report.manual.end(),
                     [](const ManualEntry& a, const ManualEntry& b) { return a.time < b.time; });
    std::stable_sort(
        report.reception.begin(), report.reception.end(),
        [](const ReceptionEntry& a, const ReceptionEntry& b) { return a.time < b.time; });
    return report;
}

std::string format_air_time(Millis t) {
    std::int64_t s = (t.count() + 500) / 1000;
    if (t.count() < 0) s = 0;
    std::int64_t h = s / 3600;
    std::int64_t m = s / 60 % 60;
    s %= 60;
    auto two = [](std::int64_t v) { return (v < 10 ? "0" : "") + std::to_string(v); };
    return std::to_string(h) + ":" + two(m) + ":" + two(s);
}

}  // namespace vc::asrun
