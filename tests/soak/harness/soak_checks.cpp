#include "tests/soak/harness/soak_checks.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <sstream>

#include <date/date.h>

#include "asrun/airings.hpp"
#include "asrun/log_store.hpp"
#include "asrun/report_period.hpp"
#include "asrun/verify.hpp"
#include "scheduler/local_time.hpp"
#include "station/schedule_wiring.hpp"
#include "station/station.hpp"
#include "station/station_state.hpp"

namespace vc::soak {

namespace {

/// Problems printed per check; the count says how many there were in all.
constexpr std::size_t shown = 20;

void problem(Check& c, std::string text) {
    c.problems.push_back(std::move(text));
}

std::string key_of(const std::string& broadcast, Instant scheduled) {
    return broadcast + "@" + std::to_string(asrun::to_millis(scheduled));
}

/// The log, indexed by occurrence.
struct Index {
    std::vector<asrun::StoredEvent> events;
    std::map<std::string, std::vector<std::size_t>> rows_of;   ///< by occurrence key
    std::map<std::string, std::vector<std::size_t>> finals;    ///< final-outcome rows by key
    std::map<std::string, std::string> occurrence_of;          ///< airing -> occurrence key
    std::map<std::string, int> ends_of;                        ///< airing -> `ended` rows
    std::map<std::string, std::vector<std::size_t>> requests;  ///< manual id -> operator rows
    std::vector<std::string> orphan_ends;                      ///< `ended` with no `started`
};

Index index_log(std::vector<asrun::StoredEvent> events) {
    Index ix;
    ix.events = std::move(events);
    for (std::size_t i = 0; i < ix.events.size(); ++i) {
        const auto& body = ix.events[i].event.body;
        if (const auto* s = std::get_if<asrun::Started>(&body)) {
            const auto key = key_of(s->broadcast, s->scheduled);
            ix.occurrence_of[s->airing] = key;
            ix.ends_of.emplace(s->airing, 0);
            ix.rows_of[key].push_back(i);
        } else if (const auto* e = std::get_if<asrun::Ended>(&body)) {
            const auto it = ix.occurrence_of.find(e->airing);
            if (it == ix.occurrence_of.end()) {
                ix.orphan_ends.push_back(ix.events[i].row.payload);
                continue;
            }
            ++ix.ends_of[e->airing];
            ix.rows_of[it->second].push_back(i);
            if (e->final) ix.finals[it->second].push_back(i);
        } else if (const auto* m = std::get_if<asrun::Missed>(&body)) {
            const auto key = key_of(m->broadcast, m->scheduled);
            ix.rows_of[key].push_back(i);
            ix.finals[key].push_back(i);
        } else if (const auto* o = std::get_if<asrun::OperatorAction>(&body)) {
            if (o->request) {
                ix.requests[o->request->broadcast].push_back(i);
                ix.rows_of[key_of(o->request->broadcast, o->request->scheduled)].push_back(i);
            }
        }
    }
    return ix;
}

std::string local_text(const date::time_zone& zone, Instant t) {
    return date::format("%F %T", scheduler::to_local(zone, t));
}

/// The occurrence and every row of the log about it.
std::string describe(const Index& ix, const std::string& key, const std::string& what) {
    std::ostringstream out;
    out << what;
    const auto it = ix.rows_of.find(key);
    if (it == ix.rows_of.end()) {
        out << "\n    (no row of the log names it)";
        return out.str();
    }
    for (const auto i : it->second)
        out << "\n    row " << ix.events[i].row.seq << ": " << ix.events[i].row.payload;
    return out.str();
}

std::string counts_text(const asrun::BroadcastCounts& c) {
    std::ostringstream out;
    out << "scheduled " << c.scheduled << ", on time " << c.on_time << ", late " << c.late
        << ", interrupted " << c.interrupted << ", partial " << c.partial << ", missed " << c.missed
        << ", failed " << c.failed << ", open " << c.open << ", air time "
        << asrun::format_air_time(c.air_time);
    return out.str();
}

bool same_counts(asrun::BroadcastCounts a, asrun::BroadcastCounts b) {
    a.broadcast.clear();
    b.broadcast.clear();
    return a == b;
}

}  // namespace

bool CheckResults::ok() const {
    return std::all_of(checks.begin(), checks.end(), [](const Check& c) { return c.ok(); });
}

CheckResults check_log(const std::filesystem::path& root, Instant from, Instant to,
                       const std::vector<std::string>& manual_ids) {
    CheckResults out;
    auto store =
        asrun::LogStore::open(asrun::LogStore::path_in_station(root), asrun::Access::read_only);
    // 1. The chain.
    Check verify("audit verify");
    const auto verified = asrun::verify(store);
    verify.checked = verified.rows;
    if (!verified.ok) problem(verify, verified.summary());
    out.figures.rows = verified.rows;

    const auto head = store.head();
    Index ix = index_log(store.read(1, head.seq));

    // 2. Every occurrence of the schedule in the span: exactly one final outcome. The schedule
    // is read as on the span's first day, by the scheduler, not from what the daemon did.
    const date::time_zone* zone = nullptr;
    std::set<std::string> known;  // occurrences that may have a final outcome
    Check occurrences("one final outcome per scheduled occurrence");
    std::set<std::string> scheduled_ids;
    {
        const auto* station_zone = station::station_zone(station::load_station(root));
        station::StationState station(root, scheduler::local_date_of(*station_zone, from));
        zone = station.zone();
        for (const auto& p : station.problems())
            problem(occurrences, "the station's file " + p.file + " does not load: " + p.message);
        for (const auto& o : station.schedule().between(from, to)) {
            const auto key = key_of(o.broadcast_id, o.scheduled);
            known.insert(key);
            scheduled_ids.insert(o.broadcast_id);
            ++occurrences.checked;
            const auto f = ix.finals.find(key);
            const std::size_t n = f == ix.finals.end() ? 0 : f->second.size();
            if (n != 1)
                problem(occurrences,
                        describe(ix, key,
                                 o.broadcast_id + " at " + local_text(*zone, o.scheduled) +
                                     " has " + std::to_string(n) + " final outcomes"));
        }
        // Occurrences just after the span were announced in its last lead: at most one each.
        for (const auto& o : station.schedule().between(to, to + std::chrono::hours(1))) {
            const auto key = key_of(o.broadcast_id, o.scheduled);
            known.insert(key);
            const auto f = ix.finals.find(key);
            if (f != ix.finals.end() && f->second.size() > 1)
                problem(occurrences,
                        describe(ix, key,
                                 o.broadcast_id + " at " + local_text(*zone, o.scheduled) +
                                     " (after the span) has " + std::to_string(f->second.size()) +
                                     " final outcomes"));
        }
    }
    out.figures.occurrences = occurrences.checked;

    // 3. Manual requests: each accepted id has one request row and one final outcome.
    Check manual("one request row and one final outcome per accepted manual request");
    const std::set<std::string> ids(manual_ids.begin(), manual_ids.end());
    if (ids.size() != manual_ids.size())
        problem(manual, std::to_string(manual_ids.size() - ids.size()) +
                            " manual id(s) were returned to more than one request");
    for (const auto& id : ids) {
        ++manual.checked;
        const auto r = ix.requests.find(id);
        if (r == ix.requests.end() || r->second.size() != 1) {
            problem(manual,
                    describe(ix, "",
                             "manual request " + id + " has " +
                                 std::to_string(r == ix.requests.end() ? 0 : r->second.size()) +
                                 " request rows"));
            continue;
        }
        const auto& request =
            *std::get<asrun::OperatorAction>(ix.events[r->second.front()].event.body).request;
        const auto key = key_of(id, request.scheduled);
        known.insert(key);
        const auto f = ix.finals.find(key);
        const std::size_t n = f == ix.finals.end() ? 0 : f->second.size();
        if (n != 1)
            problem(
                manual,
                describe(ix, key,
                         "manual request " + id + " (" +
                             (request.playlist.empty() ? request.clip : request.playlist) + ", " +
                             request.priority + ") has " + std::to_string(n) + " final outcomes"));
    }
    for (const auto& [id, rows] : ix.requests)
        if (!ids.count(id))
            problem(
                manual,
                describe(
                    ix,
                    key_of(id, std::get<asrun::OperatorAction>(ix.events[rows.front()].event.body)
                                   .request->scheduled),
                    "request " + id + " is in the log but its id was never returned"));
    out.figures.manual_requests = static_cast<std::int64_t>(ids.size());

    // 4. Nothing else has a final outcome; every airing ended.
    Check unknown("no final outcome for an unknown occurrence, no airing left open");
    for (const auto& [key, rows] : ix.finals) {
        ++unknown.checked;
        if (!known.count(key))
            problem(unknown, describe(ix, key,
                                      "final outcome for " + key +
                                          ", which is neither scheduled nor requested"));
    }
    for (const auto& [airing, ends] : ix.ends_of) {
        ++out.figures.airings;
        if (ends == 0)
            problem(unknown, describe(ix, ix.occurrence_of.at(airing),
                                      "airing " + airing + " has no ended row"));
    }
    for (const auto& payload : ix.orphan_ends)
        problem(unknown, "an ended row names no started airing: " + payload);
    for (const auto& e : ix.events) {
        if (std::holds_alternative<asrun::DaemonStart>(e.event.body)) ++out.figures.daemon_starts;
        if (const auto* r = std::get_if<asrun::Reload>(&e.event.body))
            if (std::any_of(r->files.begin(), r->files.end(),
                            [](const asrun::ReloadedFile& f) { return !f.taken; }))
                ++out.figures.reloads_refused;
    }

    // 5. The monthly records add up to the record of their months together.
    Check months("the monthly records add up to the whole span's");
    const auto rows = asrun::join_airings(ix.events);
    const auto first_day = scheduler::local_date_of(*zone, from);
    const auto last_day = scheduler::local_date_of(*zone, to - Millis(1));
    const date::year_month first_month{date::year_month_day(first_day).year(),
                                       date::year_month_day(first_day).month()};
    const date::year_month last_month{date::year_month_day(last_day).year(),
                                      date::year_month_day(last_day).month()};
    const auto whole_period = asrun::day_period(date::local_days(first_month / 1),
                                                date::local_days(last_month / date::last), zone);
    const auto whole = asrun::build_report(rows, whole_period, head);
    asrun::BroadcastCounts total;
    std::map<std::string, asrun::BroadcastCounts> per_broadcast;
    std::size_t manual_entries = 0;
    for (auto m = first_month; m <= last_month; m += date::months(1)) {
        const auto record = asrun::build_report(rows, asrun::month_period(m, zone), head);
        ++months.checked;
        asrun::BroadcastCounts sum;
        for (const auto& b : record.broadcasts) {
            per_broadcast[b.broadcast] += b;
            sum += b;
        }
        if (!same_counts(sum, record.total))
            problem(months, "the record of " + date::format("%Y-%m", m) +
                                ": its broadcast lines add up to " + counts_text(sum) +
                                ", its total line says " + counts_text(record.total));
        total += record.total;
        manual_entries += record.manual.size();
    }
    if (!same_counts(total, whole.total))
        problem(months, "the monthly totals add up to " + counts_text(total) +
                            "; the record of the whole span says " + counts_text(whole.total));
    for (const auto& b : whole.broadcasts) {
        if (!same_counts(per_broadcast[b.broadcast], b))
            problem(months, b.broadcast + ": the months add up to " +
                                counts_text(per_broadcast[b.broadcast]) +
                                "; the whole span's record says " + counts_text(b));
        per_broadcast.erase(b.broadcast);
    }
    for (const auto& [id, c] : per_broadcast)
        if (c.scheduled != 0 || c.open != 0)
            problem(months, id + " is in the monthly records but not in the whole span's");
    if (manual_entries != whole.manual.size())
        problem(months, "the monthly records list " + std::to_string(manual_entries) +
                            " manual airings, the whole span's " +
                            std::to_string(whole.manual.size()));
    // Every occurrence counted once: those of the span, and any just after it that the last
    // start announced and then ended when the daemon stopped.
    std::int64_t after = 0;
    for (const auto& [key, finals] : ix.finals) {
        const auto at = asrun::from_millis(std::stoll(key.substr(key.rfind('@') + 1)));
        const auto id = key.substr(0, key.rfind('@'));
        if (at >= to && at < whole_period.to && scheduled_ids.count(id)) ++after;
    }
    if (whole.total.scheduled != out.figures.occurrences + after)
        problem(months, "the whole span's record counts " + std::to_string(whole.total.scheduled) +
                            " occurrences with a final outcome; the schedule has " +
                            std::to_string(out.figures.occurrences) + " in the span" +
                            (after ? " and " + std::to_string(after) + " just after it" : ""));
    if (whole.total.open != 0)
        problem(months, "the whole span's record has " + std::to_string(whole.total.open) +
                            " occurrence(s) with no final outcome yet");
    out.figures.scheduled = whole.total;
    out.figures.manual_entries = static_cast<std::int64_t>(whole.manual.size());

    for (auto* c : {&verify, &occurrences, &manual, &unknown, &months}) {
        if (c->problems.size() > shown) {
            const auto more = c->problems.size() - shown;
            c->problems.resize(shown);
            c->problems.push_back("... and " + std::to_string(more) + " more");
        }
        out.checks.push_back(std::move(*c));
    }
    return out;
}

}  // namespace vc::soak
