// The as-run rows of airings, and what is remembered of an occurrence until it is final.

#include "engine/airing_book.hpp"

#include "core/log.hpp"
#include "scheduler/plan.hpp"

namespace vc::engine {

namespace {

std::string occurrence_key(const scheduler::Occurrence& o) {
    return o.broadcast_id + "@" + std::to_string(o.scheduled.time_since_epoch().count());
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

std::optional<Instant> AiringBook::log_began() const {
    if (audit_.store().head().rows == 0) return std::nullopt;
    return audit_.store().read(1, 1).front().event.at;
}

std::vector<scheduler::Occurrence> AiringBook::close_open_airings(Instant now) {
    std::vector<scheduler::Occurrence> reair;
    for (const auto& open : audit_.store().open_airings()) {
        const auto& s = open.started;
        scheduler::Occurrence o;
        o.broadcast_id = s.broadcast;
        o.scheduled = s.scheduled;
        o.playlist = s.playlist;
        o.clip = s.clip;
        o.priority = scheduler::parse_priority(s.priority).value_or(scheduler::Priority::routine);
        const auto* b = station_.schedule().find(s.broadcast);
        if (b) o.late = b->late;
        bool again = b != nullptr && now <= o.scheduled + o.late;
        audit_.write(now, asrun::Ended{s.airing, asrun::EndStatus::interrupted, !again,
                                       "daemon stopped", open.actual_start, std::nullopt});
        log_line(clock_, Level::warning,
                 "airing " + s.airing + " was cut off when the daemon stopped" +
                     (again ? "; it airs again from its start" : ""));
        if (again) reair.push_back(o);
    }
    return reair;
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
    return audit_.store().has_final_outcome(o.broadcast_id, o.scheduled);
}

bool AiringBook::awaits_final(const scheduler::Occurrence& o) const {
    return last_airing_of_.count(occurrence_key(o)) != 0;
}

asrun::Started AiringBook::started_row(const scheduler::Occurrence& o, Instant at) const {
    return asrun::Started{asrun::make_airing_id(o.broadcast_id, at),
                          o.broadcast_id,
                          o.playlist,
                          o.clip,
                          trigger_of(o),
                          std::string(scheduler::to_string(o.priority)),
                          o.scheduled,
                          at,
                          {"all"},
                          {}};
}

void AiringBook::began(Instant now, const scheduler::Occurrence& o, const asrun::Started& started) {
    audit_.write(now, started);
    last_airing_of_[occurrence_key(o)] = started.airing;
}

void AiringBook::could_not_begin(Instant now, const scheduler::Occurrence& o,
                                 const asrun::Started& started) {
    // The same reason plan gives; the details go to the daemon's log and `check`.
    audit_.write(now, started);
    ended(now, asrun::Ended{started.airing, asrun::EndStatus::failed, true,
                            scheduler::cannot_air(o), std::nullopt, std::nullopt});
}

void AiringBook::progress(Instant now, const asrun::Progress& progress) {
    audit_.write(now, progress);
}

void AiringBook::ended(Instant at, const asrun::Ended& ended) {
    audit_.write(at, ended);
    if (!ended.final) return;
    // Airing ids are "<broadcast>@<planned start>".
    last_ = LastOutcome{ended.airing, ended.airing.substr(0, ended.airing.rfind('@')),
                        std::string(asrun::to_string(ended.status)), ended.reason, at};
}

void AiringBook::settled(const scheduler::Occurrence& o) {
    last_airing_of_.erase(occurrence_key(o));
}

void AiringBook::missed(Instant at, const scheduler::Occurrence& o, const std::string& reason) {
    audit_.write(at, asrun::Missed{o.broadcast_id, o.playlist, o.clip, trigger_of(o),
                                   std::string(scheduler::to_string(o.priority)), o.scheduled,
                                   std::vector<std::string>{"all"}, reason});
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
