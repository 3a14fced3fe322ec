#include "scheduler/arbiter.hpp"

#include <algorithm>
#include <stdexcept>
#include <tuple>

namespace vc::scheduler {

namespace {

using std::chrono::milliseconds;

/// Queue order: priority, then scheduled instant, then broadcast id.
bool precedes(const Occurrence& a, const Occurrence& b) {
    const int pa = static_cast<int>(a.priority);
    const int pb = static_cast<int>(b.priority);
    return std::tie(pa, a.scheduled, a.broadcast_id) < std::tie(pb, b.scheduled, b.broadcast_id);
}

bool same(const Occurrence& a, const Occurrence& b) {
    return a.scheduled == b.scheduled && a.broadcast_id == b.broadcast_id;
}

}  // namespace

Arbiter::Arbiter(ArbiterConfig config) : config_(config) {
    if (config_.gap_between < Millis{0} || config_.fade < Millis{0} ||
        config_.output_latency < Millis{0})
        throw std::invalid_argument(
            "the gap between broadcasts, the fade and the output's latency must not be negative");
}

// ---- inputs ---------------------------------------------------------------------------------

std::vector<Decision> Arbiter::due(const Occurrence& occurrence, Instant now,
                                   std::string_view late_reason) {
    std::vector<Decision> out;
    out.reserve(4);
    advance(now, false, out);
    const Instant t = accept(now);
    if (!holds(occurrence)) {
        if (occurrence.scheduled - commit_lead() > t) {
            Held h{occurrence, std::string(late_reason)};
            auto pos =
                std::upper_bound(held_.begin(), held_.end(), h, [](const Held& a, const Held& b) {
                    if (a.occurrence.scheduled != b.occurrence.scheduled)
                        return a.occurrence.scheduled < b.occurrence.scheduled;
                    return precedes(a.occurrence, b.occurrence);
                });
            held_.insert(pos, std::move(h));
        } else {
            announce(occurrence, late_reason, t, out);
        }
    }
    advance(t, true, out);
    return out;
}

std::vector<Decision> Arbiter::ended(AiringId airing, Instant now, EndKind kind,
                                     std::string_view reason) {
    auto find = [airing](const std::vector<Airing>& lane) {
        return std::find_if(lane.begin(), lane.end(),
                            [airing](const Airing& a) { return a.id == airing; });
    };
    if (find(foreground_) == foreground_.end() && find(background_) == background_.end())
        throw std::invalid_argument("airing " + std::to_string(static_cast<std::uint64_t>(airing)) +
                                    " is not airing");
    std::vector<Decision> out;
    out.reserve(4);
    advance(now, false, out);
    const Instant t = accept(now);
    if (auto f = find(foreground_); f != foreground_.end()) {
        end_foreground(static_cast<std::size_t>(f - foreground_.begin()), t, kind, reason, out);
    } else if (auto b = find(background_); b != background_.end()) {
        end_background(static_cast<std::size_t>(b - background_.begin()), t, kind, reason, out);
    }
    advance(t, true, out);
    return out;
}

std::vector<Decision> Arbiter::tick(Instant now) {
    std::vector<Decision> out;
    advance(now, true, out);
    accept(now);
    return out;
}

std::vector<Decision> Arbiter::withdraw(const std::string& broadcast, Instant now,
                                        std::string_view reason) {
    std::vector<Decision> out;
    advance(now, false, out);
    const Instant t = accept(now);
    for (auto it = queue_.begin(); it != queue_.end();) {
        if (it->occurrence.broadcast_id != broadcast) {
            ++it;
            continue;
        }
        // One that aired before being preempted was interrupted; one that never began missed.
        out.push_back(Final{it->occurrence,
                            it->attempts == 0 ? Outcome::missed : Outcome::interrupted, t,
                            it->attempts, "", std::string(reason)});
        it = queue_.erase(it);
    }
    for (auto it = held_.begin(); it != held_.end();) {
        if (it->occurrence.broadcast_id != broadcast) {
            ++it;
            continue;
        }
        out.push_back(Final{it->occurrence, Outcome::missed, t, 0, "", std::string(reason)});
        it = held_.erase(it);
    }
    advance(t, true, out);
    return out;
}

std::optional<Instant> Arbiter::next_deadline() const {
    auto [event, at] = next_event();
    if (event == Event::none) return std::nullopt;
    return at;
}

std::vector<Occurrence> Arbiter::waiting() const {
    std::vector<Occurrence> out;
    out.reserve(queue_.size());
    for (const auto& w : queue_) out.push_back(w.occurrence);
    return out;
}

std::vector<Occurrence> Arbiter::held() const {
    std::vector<Occurrence> out;
    out.reserve(held_.size());
    for (const auto& h : held_) out.push_back(h.occurrence);
    return out;
}

bool Arbiter::idle() const {
    return held_.empty() && queue_.empty() && foreground_.empty() && background_.empty();
}

// ---- the event loop inside one call ---------------------------------------------------------

Instant Arbiter::accept(Instant now) {
    clock_ = std::max(clock_, now);
    return clock_;
}

std::pair<Arbiter::Event, Instant> Arbiter::next_event() const {
    Event best = Event::none;
    Instant at{};
    // At equal instants: windows close first, then held occurrences come due (in queue order),
    // then a waiting occurrence is started, so that it is chosen among all that are due.
    auto consider = [&](Event e, Instant t) {
        if (best == Event::none || t < at) {
            best = e;
            at = t;
        }
    };
    for (const auto& w : queue_)
        consider(Event::missed, window_end(w.occurrence) + milliseconds(1));
    if (!held_.empty())
        consider(Event::announce, held_.front().occurrence.scheduled - commit_lead());
    if (auto c = next_commit()) consider(Event::commit, *c);
    return {best, at};
}

void Arbiter::advance(Instant limit, bool inclusive, std::vector<Decision>& out) {
    for (;;) {
        auto [event, at] = next_event();
        if (event == Event::none || (inclusive ? at > limit : at >= limit)) return;
        const Instant t = accept(at);
        switch (event) {
            case Event::missed:
                expire(t, out);
                break;
            case Event::announce: {
                Held h = std::move(held_.front());
                held_.erase(held_.begin());
                announce(h.occurrence, h.late_reason, t, out);
                break;
            }
            case Event::commit: {
                const std::size_t before = foreground_.size();
                commit_ready(t, out);
                if (foreground_.size() == before) return;  // nothing could start: never spin
                break;
            }
            case Event::none:
                return;
        }
    }
}

std::optional<Arbiter::Candidate> Arbiter::candidate(Instant t) const {
    if (!foreground_.empty() || queue_.empty()) return std::nullopt;
    Instant earliest = t;
    if (last_end_) earliest = std::max(earliest, *last_end_ + config_.gap_between);
    for (std::size_t i = 0; i < queue_.size(); ++i) {
        // A page (a live voice) does not keep the gap: the official speaks as soon as the line
        // is free.
        const Instant from = queue_[i].occurrence.live.empty() ? earliest : t;
        const Instant start = std::max(from, queue_[i].occurrence.scheduled);
        if (start <= window_end(queue_[i].occurrence)) return Candidate{i, start};
    }
    return std::nullopt;
}

std::optional<Instant> Arbiter::next_commit() const {
    auto c = candidate(clock_);
    if (!c) return std::nullopt;
    return std::max(c->start - commit_lead(), clock_);
}

bool Arbiter::holds(const Occurrence& o) const {
    auto match = [&o](const auto& x) { return same(x.occurrence, o); };
    return std::any_of(held_.begin(), held_.end(), match) ||
           std::any_of(queue_.begin(), queue_.end(), match) ||
           std::any_of(foreground_.begin(), foreground_.end(), match) ||
           std::any_of(background_.begin(), background_.end(), match);
}

// ---- the rules ------------------------------------------------------------------------------

void Arbiter::announce(const Occurrence& occurrence, std::string_view late_reason, Instant t,
                       std::vector<Decision>& out) {
    if (t > window_end(occurrence)) {
        out.push_back(Final{occurrence, Outcome::missed, t, 0, "", std::string(late_reason)});
        return;
    }
    if (is_foreground(occurrence.priority))
        announce_foreground(occurrence, t, out);
    else
        announce_background(occurrence, t, out);
}

void Arbiter::announce_foreground(const Occurrence& p, Instant t, std::vector<Decision>& out) {
    if (!foreground_.empty()) {
        Airing& o = foreground_.back();
        if (t < o.start && precedes(p, o.occurrence)) {
            // `o` has not begun: take its start back and decide as if it had never been given.
            withdraw_foreground(p.broadcast_id, out);
            if (!foreground_.empty()) {
                announce_foreground(p, t, out);
                return;
            }
        } else if (t >= o.start && outranks(p.priority, o.occurrence.priority)) {
            // Preemption: `o` fades out over the `fade` that ends where `p` starts.
            const Instant start = o.fade_until ? std::max(p.scheduled, *o.fade_until)
                                               : std::max(p.scheduled, t + config_.fade);
            if (start <= window_end(p)) {
                if (!o.fade_until) o.fade_until = start;
                o.faded_by = p.broadcast_id;
                out.push_back(
                    FadeOut{o.id, *o.fade_until - config_.fade, *o.fade_until, p.broadcast_id});
                start_foreground(Waiting{p, 0, "", ""}, start, out);
                return;
            }
            enqueue(Waiting{p, 0, o.occurrence.broadcast_id, ""});
            out.push_back(Wait{p, o.occurrence.broadcast_id});
            return;
        } else {
            enqueue(Waiting{p, 0, o.occurrence.broadcast_id, ""});
            out.push_back(Wait{p, o.occurrence.broadcast_id});
            return;
        }
    }
    // The output is free (perhaps within the gap after the last airing).
    enqueue(Waiting{p, 0, last_broadcast_, ""});
    commit_ready(t, out);
    auto w = std::find_if(queue_.begin(), queue_.end(),
                          [&p](const Waiting& x) { return same(x.occurrence, p); });
    if (w != queue_.end()) out.push_back(Wait{p, w->blocked_by});
}

void Arbiter::announce_background(const Occurrence& b, Instant t, std::vector<Decision>& out) {
    Instant start = std::max(b.scheduled, t);
    bool fade_current = false;
    if (!background_.empty()) {
        const Airing& o = background_.back();
        if (t < o.start) {
            // It has not begun: `b` replaces it before it starts.
            Airing gone = o;
            background_.pop_back();
            out.push_back(Withdraw{gone.id, gone.occurrence, b.broadcast_id});
            out.push_back(Final{gone.occurrence, Outcome::interrupted, t, 0, b.broadcast_id,
                                "interrupted by " + b.broadcast_id});
            if (!background_.empty() && background_.back().fade_until)
                start = std::max(start, *background_.back().fade_until);
        } else if (o.fade_until) {
            start = std::max(start, *o.fade_until);
        } else {
            start = std::max(b.scheduled, t + config_.fade);
            fade_current = true;
        }
    }
    if (start > window_end(b)) {
        const std::string by =
            background_.empty() ? "" : background_.back().occurrence.broadcast_id;
        out.push_back(Final{
            b, Outcome::missed, t, 0, by,
            by.empty() ? "late window passed" : "late window passed while waiting for " + by});
        return;
    }
    if (fade_current) {
        Airing& o = background_.back();
        o.fade_until = start;
        o.faded_by = b.broadcast_id;
        out.push_back(FadeOut{o.id, start - config_.fade, start, b.broadcast_id});
    }
    Airing a{new_airing_id(), b, start, 1, "", std::nullopt, ""};
    out.push_back(Start{a.id, b, start, start - b.scheduled, 1, ""});
    background_.push_back(std::move(a));
}

void Arbiter::commit_ready(Instant t, std::vector<Decision>& out) {
    auto c = candidate(t);
    if (!c || c->start - commit_lead() > t) return;
    Waiting entry = std::move(queue_[c->index]);
    queue_.erase(queue_.begin() + static_cast<std::ptrdiff_t>(c->index));
    start_foreground(std::move(entry), c->start, out);
}

void Arbiter::start_foreground(Waiting entry, Instant start, std::vector<Decision>& out) {
    Airing a{new_airing_id(),
             std::move(entry.occurrence),
             start,
             entry.attempts + 1,
             std::move(entry.interrupted_by),
             std::nullopt,
             ""};
    const Millis delay = start - a.occurrence.scheduled;
    out.push_back(Start{a.id, a.occurrence, start, delay, a.attempt,
                        delay > Millis{0} ? entry.blocked_by : std::string()});
    for (auto& w : queue_)
        if (window_end(w.occurrence) >= start) w.blocked_by = a.occurrence.broadcast_id;
    foreground_.push_back(std::move(a));
}

void Arbiter::withdraw_foreground(const std::string& by, std::vector<Decision>& out) {
    Airing o = std::move(foreground_.back());
    foreground_.pop_back();
    out.push_back(Withdraw{o.id, o.occurrence, by});
    out.push_back(Wait{o.occurrence, by});
    enqueue(Waiting{std::move(o.occurrence), o.attempt - 1, by, std::move(o.interrupted_by)});
}

void Arbiter::enqueue(Waiting entry) {
    auto pos = std::upper_bound(
        queue_.begin(), queue_.end(), entry,
        [](const Waiting& a, const Waiting& b) { return precedes(a.occurrence, b.occurrence); });
    queue_.insert(pos, std::move(entry));
}

void Arbiter::expire(Instant t, std::vector<Decision>& out) {
    for (auto it = queue_.begin(); it != queue_.end();) {
        if (window_end(it->occurrence) >= t) {
            ++it;
            continue;
        }
        if (it->attempts == 0) {
            const std::string& by = it->blocked_by;
            out.push_back(Final{
                it->occurrence, Outcome::missed, t, 0, by,
                by.empty() ? "late window passed" : "late window passed while waiting for " + by});
        } else {
            out.push_back(Final{it->occurrence, Outcome::interrupted, t, it->attempts,
                                it->interrupted_by, "interrupted by " + it->interrupted_by});
        }
        it = queue_.erase(it);
    }
}

void Arbiter::end_foreground(std::size_t index, Instant now, EndKind kind, std::string_view reason,
                             std::vector<Decision>& out) {
    Airing a = std::move(foreground_[index]);
    foreground_.erase(foreground_.begin() + static_cast<std::ptrdiff_t>(index));
    last_end_ = now;
    last_broadcast_ = a.occurrence.broadcast_id;
    switch (kind) {
        case EndKind::finished:
            out.push_back(Final{a.occurrence, Outcome::aired, now, a.attempt, "", ""});
            break;
        case EndKind::failed:
            out.push_back(Final{a.occurrence, Outcome::failed, now, a.attempt, "",
                                reason.empty() ? "the airing failed" : std::string(reason)});
            break;
        case EndKind::output_lost: {
            // Interrupted by the device going away: back into the queue like a preempted
            // airing, to air again from its start while its late window allows.
            std::string why = reason.empty() ? "output lost" : std::string(reason);
            if (now > window_end(a.occurrence)) {
                out.push_back(Final{a.occurrence, Outcome::interrupted, now, a.attempt, "", why});
            } else {
                out.push_back(Wait{a.occurrence, ""});
                enqueue(Waiting{std::move(a.occurrence), a.attempt, "", why});
            }
            break;
        }
        case EndKind::faded_out:
            if (a.faded_by.empty()) {
                out.push_back(Final{a.occurrence, Outcome::interrupted, now, a.attempt, "",
                                    reason.empty() ? "stopped" : std::string(reason)});
            } else if (now > window_end(a.occurrence)) {
                out.push_back(Final{a.occurrence, Outcome::interrupted, now, a.attempt, a.faded_by,
                                    "interrupted by " + a.faded_by});
            } else {
                // Back into the queue with its own priority and instant, to air again from its
                // start.
                const std::string behind =
                    foreground_.empty() ? a.faded_by : foreground_.back().occurrence.broadcast_id;
                out.push_back(Wait{a.occurrence, behind});
                enqueue(Waiting{std::move(a.occurrence), a.attempt, behind, a.faded_by});
            }
            break;
    }
    if (foreground_.empty()) commit_ready(now, out);
}

void Arbiter::end_background(std::size_t index, Instant now, EndKind kind, std::string_view reason,
                             std::vector<Decision>& out) {
    Airing a = std::move(background_[index]);
    background_.erase(background_.begin() + static_cast<std::ptrdiff_t>(index));
    switch (kind) {
        case EndKind::finished:
            out.push_back(Final{a.occurrence, Outcome::aired, now, a.attempt, "", ""});
            break;
        case EndKind::failed:
            out.push_back(Final{a.occurrence, Outcome::failed, now, a.attempt, "",
                                reason.empty() ? "the airing failed" : std::string(reason)});
            break;
        case EndKind::output_lost:
            // The queue is for foreground airings: a background airing is not aired again.
            out.push_back(Final{a.occurrence, Outcome::interrupted, now, a.attempt, "",
                                reason.empty() ? "output lost" : std::string(reason)});
            break;
        case EndKind::faded_out:
            out.push_back(Final{a.occurrence, Outcome::interrupted, now, a.attempt, a.faded_by,
                                a.faded_by.empty()
                                    ? (reason.empty() ? "stopped" : std::string(reason))
                                    : "interrupted by " + a.faded_by});
            break;
    }
}

}  // namespace vc::scheduler
