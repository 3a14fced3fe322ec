#include "asrun/airings.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <set>
#include <utility>

namespace vc::asrun {

namespace {

constexpr std::array<std::pair<AiringStatus, std::string_view>, 6> status_names{{
    {AiringStatus::aired, "aired"},
    {AiringStatus::interrupted, "interrupted"},
    {AiringStatus::partial, "partial"},
    {AiringStatus::failed, "failed"},
    {AiringStatus::missed, "missed"},
    {AiringStatus::airing, "airing"},
}};

AiringStatus from_end_status(EndStatus s) {
    switch (s) {
        case EndStatus::aired:
            return AiringStatus::aired;
        case EndStatus::interrupted:
            return AiringStatus::interrupted;
        case EndStatus::partial:
            return AiringStatus::partial;
        case EndStatus::failed:
            return AiringStatus::failed;
    }
    return AiringStatus::failed;
}

void apply_end(AiringRow& row, std::int64_t seq, Instant at, const Ended& e) {
    bool first = !row.end_seq;
    if (first) {
        row.end_seq = seq;
        // An airing that failed before its first sample went out has no end on the air.
        if (e.status != EndStatus::failed || e.actual_start) row.end = at;
        row.reason = e.reason;
    } else if (!e.reason.empty() && e.reason != row.reason) {
        // A later `ended` settles the outcome; the sound stopped at the first one.
        row.reason = row.reason.empty() ? e.reason : row.reason + "; " + e.reason;
    }
    row.status = from_end_status(e.status);
    row.final = e.final;
    if (e.actual_start && (first || !row.start)) {
        row.start = e.actual_start;
    }
    if (e.aircheck) {
        row.aircheck = e.aircheck;
    }
    if (e.reception_start || e.reception_end) {
        row.reception_start = e.reception_start;
        row.reception_end = e.reception_end;
        row.drops = e.drops;
    }
}

bool in_range(const std::optional<Instant>& t, const AiringFilter& f) {
    if (!t) {
        return false;
    }
    if (f.from && *t < *f.from) {
        return false;
    }
    if (f.to && *t >= *f.to) {
        return false;
    }
    return true;
}

}  // namespace

std::string_view to_string(AiringStatus status) {
    for (const auto& [s, name] : status_names) {
        if (s == status) {
            return name;
        }
    }
    return "?";
}

std::optional<AiringStatus> parse_airing_status(std::string_view name) {
    if (name == "open") {
        return AiringStatus::airing;
    }
    for (const auto& [s, n] : status_names) {
        if (n == name) {
            return s;
        }
    }
    return std::nullopt;
}

std::vector<AiringRow> join_airings(const std::vector<StoredEvent>& events) {
    std::vector<AiringRow> rows;
    std::map<std::string, std::size_t> by_airing;  // airing id -> its newest started row
    for (const auto& stored : events) {
        const Event& ev = stored.event;
        std::int64_t seq = stored.row.seq;
        if (const auto* s = std::get_if<Started>(&ev.body)) {
            AiringRow row;
            row.seq = seq;
            row.airing = s->airing;
            row.broadcast = s->broadcast;
            row.playlist = s->playlist;
            row.clip = s->clip;
            row.trigger = s->trigger;
            row.priority = s->priority;
            row.zones = s->zones;
            row.scheduled = s->scheduled;
            row.planned_start = s->planned_start;
            row.clips = s->clips;
            row.live = s->live;
            by_airing[s->airing] = rows.size();
            rows.push_back(std::move(row));
        } else if (const auto* e = std::get_if<Ended>(&ev.body)) {
            auto it = by_airing.find(e->airing);
            if (it == by_airing.end()) {
                AiringRow row;
                row.seq = seq;
                row.airing = e->airing;
                apply_end(row, seq, ev.at, *e);
                by_airing[e->airing] = rows.size();
                rows.push_back(std::move(row));
            } else {
                apply_end(rows[it->second], seq, ev.at, *e);
            }
        } else if (const auto* p = std::get_if<Progress>(&ev.body)) {
            auto it = by_airing.find(p->airing);
            if (it != by_airing.end() && !rows[it->second].end_seq && p->actual_start) {
                rows[it->second].start = p->actual_start;
            }
        } else if (const auto* m = std::get_if<Missed>(&ev.body)) {
            AiringRow row;
            row.seq = seq;
            row.broadcast = m->broadcast;
            row.playlist = m->playlist;
            row.clip = m->clip;
            row.live = m->live;
            row.trigger = m->trigger;
            row.priority = m->priority;
            row.zones = m->zones;
            row.scheduled = m->scheduled;
            row.status = AiringStatus::missed;
            row.final = true;
            row.reason = m->reason;
            rows.push_back(std::move(row));
        }
    }
    return rows;
}

bool matches(const AiringRow& row, const AiringFilter& filter) {
    if (filter.from || filter.to) {
        if (!in_range(row.scheduled, filter) && !in_range(row.start, filter)) {
            return false;
        }
    }
    if (!filter.statuses.empty() && std::find(filter.statuses.begin(), filter.statuses.end(),
                                              row.status) == filter.statuses.end()) {
        return false;
    }
    if (filter.broadcast && row.broadcast != *filter.broadcast) {
        return false;
    }
    return true;
}

std::vector<AiringRow> list_airings(const LogStore& log, const AiringFilter& filter) {
    std::vector<AiringRow> rows = join_airings(log.read());
    std::erase_if(rows, [&](const AiringRow& r) { return !matches(r, filter); });
    return rows;
}

std::vector<StoredEvent> list_events(const LogStore& log, const EventFilter& filter) {
    std::vector<StoredEvent> events = log.read();
    std::set<std::string> airings;  // of the broadcast asked for
    if (filter.broadcast) {
        for (const auto& e : events) {
            if (const auto* s = std::get_if<Started>(&e.event.body);
                s && s->broadcast == *filter.broadcast) {
                airings.insert(s->airing);
            }
        }
    }
    auto keep = [&](const StoredEvent& e) {
        if (filter.from && e.event.at < *filter.from) {
            return false;
        }
        if (filter.to && e.event.at >= *filter.to) {
            return false;
        }
        if (!filter.kinds.empty() && std::find(filter.kinds.begin(), filter.kinds.end(),
                                               e.event.kind()) == filter.kinds.end()) {
            return false;
        }
        if (filter.broadcast) {
            const EventBody& b = e.event.body;
            if (const auto* s = std::get_if<Started>(&b)) {
                return s->broadcast == *filter.broadcast;
            }
            if (const auto* m = std::get_if<Missed>(&b)) {
                return m->broadcast == *filter.broadcast;
            }
            if (const auto* en = std::get_if<Ended>(&b)) {
                return airings.count(en->airing) > 0;
            }
            if (const auto* p = std::get_if<Progress>(&b)) {
                return airings.count(p->airing) > 0;
            }
            return false;
        }
        return true;
    };
    std::erase_if(events, [&](const StoredEvent& e) { return !keep(e); });
    return events;
}

std::string what_aired(const std::string& playlist, const std::string& clip,
                       const std::string& live) {
    if (!live.empty()) return "page (" + live + ")";
    return playlist.empty() ? clip : playlist;
}

}  // namespace vc::asrun
