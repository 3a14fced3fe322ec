// The as-run rows of airings, and what is remembered of an occurrence until it is final.

#include "engine/airing_book.hpp"

#include <set>

#include "core/log.hpp"
#include "scheduler/plan.hpp"

namespace vc::engine {

namespace {

std::string occurrence_key(const scheduler::Occurrence& o) {
    return o.broadcast_id + "@" + o.zone + "@" +
           std::to_string(o.scheduled.time_since_epoch().count());
}

/// The zones an as-run row names: the airing's zone, or every loudspeaker on a station
/// without zones.
std::vector<std::string> row_zones(const scheduler::Occurrence& o) {
    return {o.zone.empty() ? std::string("all") : o.zone};
}

Instant instant_of_key(const std::string& key) {
    return Instant(Millis(std::stoll(key.substr(key.rfind('@') + 1))));
}

}  // namespace

std::pair<asrun::EndStatus, std::string> end_status(scheduler::EndKind kind, bool went_out,
                                                    const std::string& faded_by,
                                                    const std::string& error) {
    switch (kind) {
        case scheduler::EndKind::finished:
            return {asrun::EndStatus::aired, ""};
        case scheduler::EndKind::faded_out:
            return {asrun::EndStatus::interrupted, "interrupted by " + faded_by};
        case scheduler::EndKind::failed:
            return {went_out ? asrun::EndStatus::partial : asrun::EndStatus::failed, error};
        case scheduler::EndKind::output_lost:
            return {asrun::EndStatus::interrupted, error};
    }
    return {asrun::EndStatus::aired, ""};
}

AiringBook::AiringBook(const station::StationState& station, asrun::AsrunWriter& audit,
                       const Clock& clock)
    : station_(station), audit_(audit), clock_(clock) {}

// The start-up reads below go to the reading connection and never wait for the writing thread:
// another program holding the log locked delays rows, never the loop (the daemon's own rows of
// this run are not needed for what a previous run left).
std::optional<Instant> AiringBook::log_began() const {
    auto& log = audit_.reader();
    if (log.head().rows == 0) return std::nullopt;
    return log.read(1, 1).front().event.at;
}

std::vector<scheduler::Occurrence> AiringBook::recover(Instant now) {
    const auto requests = audit_.reader().unsettled_requests();
    auto request_of = [&](const std::string& broadcast,
                          Instant scheduled) -> const asrun::UnsettledRequest* {
        for (const auto& r : requests)
            if (r.request.broadcast == broadcast && r.request.scheduled == scheduled) return &r;
        return nullptr;
    };
    std::vector<scheduler::Occurrence> again;
    std::set<std::string> closed;  // occurrence keys of the open airings
    for (const auto& open : audit_.reader().open_airings()) {
        const auto& s = open.started;
        scheduler::Occurrence o;
        o.broadcast_id = s.broadcast;
        o.scheduled = s.scheduled;
        o.playlist = s.playlist;
        o.clip = s.clip;
        o.live = s.live;
        if (!s.zones.empty() && s.zones.front() != "all") o.zone = s.zones.front();
        o.priority = scheduler::parse_priority(s.priority).value_or(scheduler::Priority::routine);
        const auto* b = station_.schedule().find(s.broadcast);
        const auto* r = b ? nullptr : request_of(s.broadcast, s.scheduled);
        if (b) o.late = b->late;
        if (r) {
            o.late = r->request.late;
            mark_manual(o, r->who);
        }
        // A page is a moment: it never airs again after a restart.
        const bool airs_again =
            (b != nullptr || r != nullptr) && o.live.empty() && now <= o.scheduled + o.late;
        audit_.write(now, asrun::Ended{s.airing, asrun::EndStatus::interrupted, !airs_again,
                                       "daemon stopped", open.actual_start, std::nullopt});
        log_line(clock_, Level::warning,
                 "airing " + s.airing + " was cut off when the daemon stopped" +
                     (airs_again ? "; it airs again from its start" : ""));
        closed.insert(occurrence_key(o));
        if (airs_again) {
            again.push_back(o);
        } else {
            remember_final(occurrence_key(o), o.scheduled);
        }
    }
    // A request that was waiting (or between airings) when the daemon stopped: the late rule
    // decides, as for a scheduled occurrence.
    for (const auto& r : requests) {
        scheduler::Occurrence o;
        o.broadcast_id = r.request.broadcast;
        o.scheduled = r.request.scheduled;
        o.late = r.request.live.empty() ? r.request.late : Millis(0);
        o.playlist = r.request.playlist;
        o.clip = r.request.clip;
        o.live = r.request.live;
        o.priority =
            scheduler::parse_priority(r.request.priority).value_or(scheduler::Priority::notice);
        const std::vector<std::string> zones =
            r.request.zones.empty() ? std::vector<std::string>{""} : r.request.zones;
        for (const auto& zone : zones) {
            o.zone = zone;
            if (closed.count(occurrence_key(o)) ||
                (!zone.empty() &&
                 audit_.reader().has_final_outcome(o.broadcast_id, o.scheduled, zone)))
                continue;
            mark_manual(o, r.who);
            again.push_back(o);
        }
    }
    return again;
}

void AiringBook::mark_manual(const scheduler::Occurrence& o, const std::string& who) {
    manual_[occurrence_key(o)] = who;
}

bool AiringBook::is_manual(const scheduler::Occurrence& o) const {
    return manual_.count(occurrence_key(o)) != 0;
}

std::string AiringBook::trigger_of(const scheduler::Occurrence& o) const {
    auto it = manual_.find(occurrence_key(o));
    return it == manual_.end() ? "schedule" : "operator " + it->second;
}

bool AiringBook::has_final_outcome(const scheduler::Occurrence& o) const {
    return finals_.count({o.scheduled, occurrence_key(o)}) != 0 ||
           audit_.reader().has_final_outcome(o.broadcast_id, o.scheduled, o.zone);
}

void AiringBook::remember_final(const std::string& key, Instant scheduled) {
    finals_.emplace(scheduled, key);
    while (!finals_.empty() && finals_.begin()->first < scheduled - std::chrono::hours(48))
        finals_.erase(finals_.begin());
}

bool AiringBook::awaits_final(const scheduler::Occurrence& o) const {
    return last_airing_of_.count(occurrence_key(o)) != 0;
}

asrun::Started AiringBook::started_row(const scheduler::Occurrence& o, Instant at) const {
    return asrun::Started{asrun::make_airing_id(o.broadcast_id, at, o.zone),
                          o.broadcast_id,
                          o.playlist,
                          o.clip,
                          trigger_of(o),
                          std::string(scheduler::to_string(o.priority)),
                          o.scheduled,
                          at,
                          row_zones(o),
                          {},
                          o.live};
}

void AiringBook::began(Instant now, const scheduler::Occurrence& o, const asrun::Started& started) {
    audit_.write(now, started);
    last_airing_of_[occurrence_key(o)] = started.airing;
    occurrence_of_[started.airing] = {occurrence_key(o), o.broadcast_id};
}

void AiringBook::could_not_begin(Instant now, const scheduler::Occurrence& o,
                                 const asrun::Started& started, const std::string& why) {
    // Without `why`, the same reason plan gives; the details go to the daemon's log and `check`.
    audit_.write(now, started);
    occurrence_of_[started.airing] = {occurrence_key(o), o.broadcast_id};
    ended(now,
          asrun::Ended{started.airing, asrun::EndStatus::failed, true,
                       why.empty() ? scheduler::cannot_air(o) : why, std::nullopt, std::nullopt});
}

void AiringBook::progress(Instant now, const asrun::Progress& progress) {
    audit_.write(now, progress);
}

void AiringBook::ended(Instant at, const asrun::Ended& ended) {
    audit_.write(at, ended);
    auto of = occurrence_of_.find(ended.airing);
    std::string key;
    // An airing of an earlier run (recover) is zoneless or named "<broadcast>@<zone>@<start>".
    std::string broadcast = ended.airing.substr(0, ended.airing.rfind('@'));
    if (of != occurrence_of_.end()) {
        key = of->second.first;
        broadcast = of->second.second;
        occurrence_of_.erase(of);
    }
    if (!ended.final) return;
    if (!key.empty()) remember_final(key, instant_of_key(key));
    last_ = LastOutcome{ended.airing, broadcast, std::string(asrun::to_string(ended.status)),
                        ended.reason, at};
}

void AiringBook::settled(const scheduler::Occurrence& o) {
    last_airing_of_.erase(occurrence_key(o));
}

void AiringBook::missed(Instant at, const scheduler::Occurrence& o, const std::string& reason) {
    remember_final(occurrence_key(o), o.scheduled);
    audit_.write(at, asrun::Missed{o.broadcast_id, o.playlist, o.clip, trigger_of(o),
                                   std::string(scheduler::to_string(o.priority)), o.scheduled,
                                   row_zones(o), reason, o.live});
    last_ = LastOutcome{"", o.broadcast_id, "missed", reason, at};
}

bool AiringBook::settle_last(const scheduler::Occurrence& o, Instant at, asrun::EndStatus status,
                             const std::string& reason) {
    auto it = last_airing_of_.find(occurrence_key(o));
    if (it == last_airing_of_.end()) return false;
    ended(at, asrun::Ended{it->second, status, true, reason, std::nullopt, std::nullopt});
    last_airing_of_.erase(it);
    return true;
}

void AiringBook::final_outcome(const scheduler::Final& f, Instant now) {
    const auto& o = f.occurrence;
    if (f.outcome == scheduler::Outcome::missed) {
        missed(f.at, o, f.reason);
        log_line(clock_, Level::warning, "missed " + o.broadcast_id + ": " + f.reason);
        return;
    }
    // An occurrence whose last airing already ended (non-final) gets its final outcome now:
    // interrupted and unable to air again within its late window.
    settle_last(o, now,
                f.outcome == scheduler::Outcome::failed ? asrun::EndStatus::failed
                                                        : asrun::EndStatus::interrupted,
                f.reason);
}

void AiringBook::ends_unaired(const scheduler::Occurrence& o, Instant now,
                              const std::string& reason) {
    // Cut by a lost output earlier: that airing's end becomes final; otherwise it never began.
    if (!settle_last(o, now, asrun::EndStatus::interrupted, reason)) missed(now, o, reason);
    log_line(clock_, Level::error, "missed " + o.broadcast_id + ": " + reason);
}

}  // namespace vc::engine
