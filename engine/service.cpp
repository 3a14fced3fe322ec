#include "engine/service.hpp"

#include <algorithm>
#include <type_traits>

#include "asrun/event.hpp"
#include "scheduler/plan.hpp"
#include "scheduler/plan_format.hpp"

namespace vc::engine {

namespace {

std::string occurrence_key(const scheduler::Occurrence& o) {
    return o.broadcast_id + "@" + std::to_string(o.scheduled.time_since_epoch().count());
}

std::int64_t frames_of(Millis d, int rate) {
    return d.count() * rate / 1000;
}

audio::AiringId mixer_id(scheduler::AiringId id) {
    return static_cast<audio::AiringId>(id);
}

}  // namespace

Service::Service(station::StationState& station, asrun::AsrunWriter& audit, AirChain& chain,
                 const Clock& clock, ServiceOptions options)
    : station_(station),
      audit_(audit),
      chain_(chain),
      clock_(clock),
      options_(options),
      arbiter_(station.arbiter_config()),
      amp_(station, audit, options.commands, clock) {}

void Service::log(Level level, const std::string& message) const {
    log_line(clock_, level, message);
}

void Service::start(Instant now, const std::string& version) {
    bool have_history = audit_.store().head().rows > 0;
    Instant first_row = now;
    if (have_history) first_row = audit_.store().read(1, 1).front().event.at;
    audit_.write(now, asrun::DaemonStart{version, station_.station().root.string()});
    // Airings a crash or power cut left open: their end is unknown, so they count as interrupted
    // by the daemon stopping, and are treated like a preempted airing.
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
        log(Level::warning, "airing " + s.airing + " was cut off when the daemon stopped" +
                                (again ? "; it airs again from its start" : ""));
        if (again) reair.push_back(o);
    }
    // What came due while the daemon was down (at most look_back ago, and not before this log
    // began) and has no final outcome yet is handled by the late rule: started late, or missed.
    cursor_ = have_history ? std::max(now - options_.look_back, first_row) : now;
    // The output opens only when something is due (feed); an idle daemon costs nothing.
    if (options_.keep_output_open) ensure_output(now);
    for (const auto& o : reair) feed(o, now, "daemon down");
    announce_until(now, "daemon down");
    maybe_close_output(now);
}

std::optional<Instant> Service::next_announcement() const {
    auto next = station_.schedule().next_after(cursor_);
    if (!next) return std::nullopt;
    return *next - lead();
}

std::optional<Instant> Service::next_wakeup() const {
    std::optional<Instant> t;
    auto consider = [&t](std::optional<Instant> c) {
        if (c && (!t || *c < *t)) t = c;
    };
    if (!stopping_) consider(next_announcement());
    consider(arbiter_.next_deadline());
    consider(output_retry_);
    consider(close_at_);
    for (const auto& [id, a] : airings_)
        if (!a.withdrawn) consider(a.next_progress);
    for (const auto& [o, reason] : held_) consider(o.scheduled + o.late + Millis(1));
    for (const auto& [id, a] : airings_)
        if (a.awaiting_output) consider(a.occurrence.scheduled + a.occurrence.late + Millis(1));
    if (audit_.pending() > 0) consider(clock_.now() + Millis(10'000));
    consider(amp_.next_wakeup());
    return t;
}

void Service::wake(Instant now) {
    audit_.retry();
    if (output_retry_ && now >= *output_retry_) ensure_output(now);
    resume_awaiting(now);
    if (!stopping_) announce_until(now, scheduler::default_late_reason);
    release_held(now);
    if (auto d = arbiter_.next_deadline(); d && *d <= now) handle(arbiter_.tick(now), now);
    write_progress(now);
    // An amplifier switched on for what then did not air goes off again too.
    if (quiet()) amp_.idle_since(now);
    amp_.wake(now);
    maybe_close_output(now);
}

void Service::announce_until(Instant now, std::string_view late_reason) {
    while (true) {
        auto next = station_.schedule().next_after(cursor_);
        if (!next || *next - lead() > now) break;
        for (const auto& o : station_.schedule().due_at(*next)) {
            // An occurrence with a final outcome never airs again (a restart, a backward step).
            if (audit_.store().has_final_outcome(o.broadcast_id, o.scheduled)) continue;
            feed(o, now, late_reason);
        }
        cursor_ = *next;
    }
}

void Service::feed(const scheduler::Occurrence& occurrence, Instant now,
                   std::string_view late_reason) {
    if (occurrence.priority != scheduler::Priority::background) {
        amp_.need_by(occurrence.scheduled, now);
        amp_.wake(now);
    }
    if (!chain_.is_open()) ensure_output(now);
    if (!chain_.is_open()) {
        held_.emplace_back(occurrence, std::string(late_reason));
        return;
    }
    handle(arbiter_.due(occurrence, now, late_reason), now);
}

void Service::release_held(Instant now) {
    if (held_.empty()) return;
    auto held = std::move(held_);
    held_.clear();
    for (auto& [o, reason] : held) {
        if (now > o.scheduled + o.late) {
            std::string why = "output unavailable (" + chain_.name() +
                              (output_problem_.empty() ? "" : ": " + output_problem_) + ")";
            write_outcome(o.scheduled + o.late,
                          asrun::Missed{o.broadcast_id, o.playlist, o.clip, trigger_of(o),
                                        std::string(scheduler::to_string(o.priority)), o.scheduled,
                                        std::vector<std::string>{"all"}, why});
            log(Level::error, "missed " + o.broadcast_id + ": " + why);
        } else {
            feed(o, now, reason);
        }
    }
}

void Service::ensure_output(Instant now) {
    close_at_.reset();
    if (chain_.is_open()) return;
    try {
        chain_.open();
        if (!output_problem_.empty()) log(Level::info, "output " + chain_.name() + " is back");
        output_problem_.clear();
        output_retry_.reset();
        output_backoff_ = Millis(1000);
    } catch (const std::exception& e) {
        if (output_problem_ != e.what())
            log(Level::error, std::string("output unavailable: ") + e.what());
        output_problem_ = e.what();
        output_retry_ = now + output_backoff_;
        output_backoff_ = std::min(output_backoff_ * 2, Millis(60'000));
    }
}

void Service::maybe_close_output(Instant now) {
    if (options_.keep_output_open || !chain_.is_open()) return;
    if (!quiet()) {
        close_at_.reset();
        return;
    }
    auto next = station_.schedule().next_after(cursor_);
    if (next && *next - lead() <= now + options_.idle_close) {
        close_at_.reset();
        return;
    }
    if (!close_at_) {
        close_at_ = now + options_.idle_close;
        return;
    }
    if (now >= *close_at_) {
        chain_.close();
        close_at_.reset();
    }
}

void Service::handle(std::vector<scheduler::Decision> decisions, Instant now) {
    for (auto& d : decisions) {
        std::visit(
            [&](auto& x) {
                using T = std::decay_t<decltype(x)>;
                if constexpr (std::is_same_v<T, scheduler::Start>) {
                    start_airing(x, now);
                } else if constexpr (std::is_same_v<T, scheduler::FadeOut>) {
                    auto it = airings_.find(static_cast<std::uint64_t>(x.airing));
                    if (it == airings_.end()) return;
                    if (it->second.awaiting_output) {
                        drop_awaiting(it->first, now, scheduler::EndKind::faded_out, x.by);
                        return;
                    }
                    it->second.faded_by = x.by;
                    fade_out(static_cast<std::uint64_t>(x.airing), chain_.frame_for(x.until),
                             std::chrono::duration_cast<Millis>(x.until - x.from));
                } else if constexpr (std::is_same_v<T, scheduler::Withdraw>) {
                    auto it = airings_.find(static_cast<std::uint64_t>(x.airing));
                    if (it == airings_.end()) return;
                    if (it->second.awaiting_output) {
                        airings_.erase(it);  // it never began: nothing to log
                        return;
                    }
                    it->second.withdrawn = true;
                    chain_.fade_out(mixer_id(x.airing), it->second.start_frame, 0);
                    audit_.write(
                        now, asrun::Ended{it->second.log_id, asrun::EndStatus::interrupted, false,
                                          "withdrawn before it began: " + x.by + " comes first",
                                          std::nullopt, std::nullopt});
                } else if constexpr (std::is_same_v<T, scheduler::Wait>) {
                    log(Level::info, x.occurrence.broadcast_id + " waits for " + x.behind);
                } else {
                    static_assert(std::is_same_v<T, scheduler::Final>);
                    final_outcome(x, now);
                }
            },
            d);
    }
}

void Service::start_airing(const scheduler::Start& s, Instant now) {
    if (!chain_.is_open()) ensure_output(now);
    if (!chain_.is_open()) {
        // The device is away: the occurrence keeps the output (nothing else could air on it)
        // and starts once the device is back, while its late window allows.
        Airing a{s.occurrence, "", 0, s.at, std::nullopt, s.at, "", false};
        a.awaiting_output = true;
        airings_.emplace(static_cast<std::uint64_t>(s.airing), a);
        log(Level::warning, s.occurrence.broadcast_id + " waits for the output to come back");
        return;
    }
    begin_airing(static_cast<std::uint64_t>(s.airing), s.occurrence, s.at, now, s.delay);
}

void Service::begin_airing(std::uint64_t id, const scheduler::Occurrence& o, Instant at,
                           Instant now, Millis delay) {
    const auto airing = static_cast<scheduler::AiringId>(id);
    std::string log_id = asrun::make_airing_id(o.broadcast_id, at);
    asrun::Started started{log_id,        o.broadcast_id,
                           o.playlist,    o.clip,
                           trigger_of(o), std::string(scheduler::to_string(o.priority)),
                           o.scheduled,   at,
                           {"all"},       {}};
    station::StationState::Airable airable;
    try {
        airable = station_.airable(o);
    } catch (const std::exception& e) {
        // The same reason plan gives; the details go to the daemon's log and `check`.
        audit_.write(now, started);
        write_outcome(now, asrun::Ended{log_id, asrun::EndStatus::failed, true,
                                        scheduler::cannot_air(o), std::nullopt, std::nullopt});
        log(Level::error, "cannot air " + o.broadcast_id + ": " + e.what());
        Airing a{o, log_id, 0, at, std::nullopt, at, "", true};
        airings_.emplace(id, a);
        auto decisions = arbiter_.ended(airing, now, scheduler::EndKind::failed, e.what());
        airings_.erase(id);
        handle(std::move(decisions), now);
        return;
    }
    started.clips = airable.clips;
    if (o.priority != scheduler::Priority::background) amp_.need_by(at, now);
    amp_.busy();
    amp_.wake(now);
    std::int64_t frame = std::max(chain_.frame_for(at), chain_.earliest_frame());
    // Written and synced before the first sample goes out (never on the audio path).
    audit_.write(now, started);
    chain_.add(mixer_id(airing), airable.timeline, frame,
               o.priority == scheduler::Priority::background ? audio::Layer::background
                                                             : audio::Layer::foreground,
               o.priority == scheduler::Priority::emergency);
    if (options_.aircheck)
        options_.aircheck->start(mixer_id(airing), log_id, frame, frame + airable.timeline->length);
    airings_.emplace(
        id, Airing{o, log_id, frame, at, std::nullopt, at + options_.progress_every, "", false,
                   Millis(airable.timeline->length * 1000 / chain_.sample_rate())});
    last_airing_of_[occurrence_key(o)] = log_id;
    log(Level::info, "airing " + o.broadcast_id + " (" +
                         (o.playlist.empty() ? o.clip : o.playlist) + ") at " +
                         scheduler::local_time_text(at, station_.zone()) +
                         (delay.count() > 0 ? ", delayed " + format_duration(delay) : ""));
}

void Service::final_outcome(const scheduler::Final& f, Instant now) {
    const auto& o = f.occurrence;
    if (f.outcome == scheduler::Outcome::missed) {
        write_outcome(f.at, asrun::Missed{o.broadcast_id, o.playlist, o.clip, trigger_of(o),
                                          std::string(scheduler::to_string(o.priority)),
                                          o.scheduled, std::vector<std::string>{"all"}, f.reason});
        log(Level::warning, "missed " + o.broadcast_id + ": " + f.reason);
        return;
    }
    // An occurrence whose last airing already ended (non-final) gets its final outcome now:
    // interrupted and unable to air again within its late window.
    auto it = last_airing_of_.find(occurrence_key(o));
    if (it == last_airing_of_.end()) return;
    asrun::EndStatus status = f.outcome == scheduler::Outcome::failed
                                  ? asrun::EndStatus::failed
                                  : asrun::EndStatus::interrupted;
    write_outcome(now,
                  asrun::Ended{it->second, status, true, f.reason, std::nullopt, std::nullopt});
    last_airing_of_.erase(it);
}

void Service::on_stream_event(const audio::StreamEvent& e) {
    auto it = airings_.find(static_cast<std::uint64_t>(e.id));
    if (it == airings_.end()) return;
    switch (e.kind) {
        case audio::StreamEvent::Kind::started:
            it->second.actual_start = chain_.time_of(e.frame);
            return;
        case audio::StreamEvent::Kind::ended:
            end_airing(e.id, e.frame,
                       e.completed ? scheduler::EndKind::finished : scheduler::EndKind::faded_out,
                       "");
            break;
        case audio::StreamEvent::Kind::failed:
            end_airing(e.id, e.frame,
                       e.error.rfind("output lost", 0) == 0 ? scheduler::EndKind::output_lost
                                                            : scheduler::EndKind::failed,
                       e.error);
            break;
    }
    // Start the idle countdowns once nothing airs (next_wakeup then includes them).
    if (stopping_) return;
    if (quiet()) amp_.idle_since(chain_.time_of(e.frame));
    maybe_close_output(chain_.time_of(e.frame));
}

void Service::end_airing(audio::AiringId id, std::int64_t frame, scheduler::EndKind kind,
                         const std::string& error) {
    auto it = airings_.find(static_cast<std::uint64_t>(id));
    Airing a = it->second;
    airings_.erase(it);
    std::optional<asrun::AirCheck> aircheck;
    if (options_.aircheck) aircheck = options_.aircheck->finish(id);
    if (a.withdrawn) return;
    Instant at = chain_.time_of(frame);
    if (stopping_) {
        bool whole = kind == scheduler::EndKind::finished;
        write_outcome(
            at,
            asrun::Ended{a.log_id, whole ? asrun::EndStatus::aired : asrun::EndStatus::interrupted,
                         true, whole ? "" : "daemon stopped (" + stop_reason_ + ")", a.actual_start,
                         aircheck});
        return;
    }
    // A fade the rules did not order (a reload) gives its own reason; the rules name theirs.
    auto decisions = arbiter_.ended(static_cast<scheduler::AiringId>(id), at, kind,
                                    kind == scheduler::EndKind::faded_out ? a.faded_by : error);
    // Is this the occurrence's final outcome?
    const scheduler::Final* final = nullptr;
    for (const auto& d : decisions)
        if (const auto* f = std::get_if<scheduler::Final>(&d); f && f->occurrence == a.occurrence)
            final = f;
    asrun::EndStatus status = asrun::EndStatus::aired;
    std::string reason;
    switch (kind) {
        case scheduler::EndKind::finished:
            status = asrun::EndStatus::aired;
            break;
        case scheduler::EndKind::faded_out:
            status = asrun::EndStatus::interrupted;
            reason = "interrupted by " + a.faded_by;
            break;
        case scheduler::EndKind::failed:
            status = frame > a.start_frame ? asrun::EndStatus::partial : asrun::EndStatus::failed;
            reason = error;
            break;
        case scheduler::EndKind::output_lost:
            status = asrun::EndStatus::interrupted;
            reason = error;
            break;
    }
    if (final && !final->reason.empty() && status != asrun::EndStatus::aired)
        reason = final->reason;
    write_outcome(
        at, asrun::Ended{a.log_id, status, final != nullptr, reason, a.actual_start, aircheck});
    if (final) last_airing_of_.erase(occurrence_key(a.occurrence));
    // Everything else the end caused (the next airing starts, ...); this Final is recorded.
    std::vector<scheduler::Decision> rest;
    for (auto& d : decisions) {
        const auto* f = std::get_if<scheduler::Final>(&d);
        if (f && f->occurrence == a.occurrence) continue;
        rest.push_back(std::move(d));
    }
    if (kind == scheduler::EndKind::output_lost) {
        // Reopen at once if the device is back; otherwise retry with backoff.
        if (chain_.is_open()) chain_.close();
        ensure_output(at);
    }
    handle(std::move(rest), at);
}

void Service::write_progress(Instant now) {
    for (auto& [id, a] : airings_) {
        if (a.withdrawn || a.awaiting_output || now < a.next_progress) continue;
        audit_.write(now, asrun::Progress{a.log_id,
                                          std::chrono::duration_cast<Millis>(now - a.planned_start),
                                          a.actual_start});
        a.next_progress = now + options_.progress_every;
    }
}

void Service::on_clock_step(Instant expected, Instant now) {
    auto delta = std::chrono::duration_cast<Millis>(now - expected);
    log(Level::warning, "the system clock was stepped by " + format_duration(delta));
    std::int64_t skipped = 0;
    if (delta > std::chrono::hours(24)) {
        // Stepped over more than a day: what it passed over is counted in one event, not
        // logged one by one. Only what may still start within its late window is kept.
        std::vector<scheduler::Occurrence> still_due;
        for (const auto& o : station_.schedule().between(cursor_ + Millis(1), now + Millis(1))) {
            if (o.scheduled + o.late < now) {
                ++skipped;
            } else if (!audit_.store().has_final_outcome(o.broadcast_id, o.scheduled)) {
                still_due.push_back(o);
            }
        }
        cursor_ = std::max(cursor_, now);
        for (const auto& o : still_due) feed(o, now, "the clock was stepped forward");
        log(Level::warning, "the step passed over " + std::to_string(skipped) + " occurrence(s)");
    }
    audit_.write(now, asrun::ClockStep{expected, now, skipped});
    if (delta > Millis(0))
        announce_until(now, "the clock was stepped forward past its late window");
    wake(now);
}

void Service::reload(Instant now) {
    auto record = station_.reload(date::floor<date::days>(
        date::make_zoned(station_.zone(), std::chrono::system_clock::time_point(now))
            .get_local_time()));
    audit_.write(now, record);
    std::size_t refused = 0;
    for (const auto& f : record.files) refused += f.taken ? 0 : 1;
    log(refused ? Level::warning : Level::info,
        "reloaded the station's files" +
            (refused ? "; " + std::to_string(refused) + " kept their last good version"
                     : std::string()));
    for (const auto& p : station_.problems()) log(Level::warning, p.message);
    announce_added(now);
    // Nothing that airs is cut by a reload, unless its broadcast was removed.
    std::vector<std::uint64_t> removed;
    for (auto& [id, a] : airings_) {
        if (a.withdrawn || station_.schedule().find(a.occurrence.broadcast_id) ||
            manual_.count(occurrence_key(a.occurrence)))
            continue;
        if (a.awaiting_output) {
            removed.push_back(id);
            continue;
        }
        a.faded_by = "reload (" + a.occurrence.broadcast_id + " was removed from the schedule)";
        fade_out_now(id, now);
        log(Level::warning,
            a.occurrence.broadcast_id + " was removed from the schedule: fading it out");
    }
    for (auto id : removed)
        drop_awaiting(id, now, scheduler::EndKind::faded_out,
                      "reload (it was removed from the schedule)");
}

void Service::announce_added(Instant now) {
    // The cursor may already be past an instant a reload just added (a one-shot a few seconds
    // ahead, inside the preparation lead of an occurrence already announced).
    for (const auto& o : station_.schedule().between(now, cursor_ + Millis(1))) {
        const std::string key = occurrence_key(o);
        bool known = last_airing_of_.count(key) != 0;
        for (const auto& [h, reason] : held_) known = known || h == o;
        for (const auto& [id, a] : airings_) known = known || a.occurrence == o;
        if (known || audit_.store().has_final_outcome(o.broadcast_id, o.scheduled)) continue;
        feed(o, now, scheduler::default_late_reason);
    }
}

void Service::resume_awaiting(Instant now) {
    std::vector<std::uint64_t> ids;
    for (const auto& [id, a] : airings_)
        if (a.awaiting_output) ids.push_back(id);
    for (auto id : ids) {
        auto it = airings_.find(id);
        if (it == airings_.end()) continue;
        const scheduler::Occurrence o = it->second.occurrence;
        if (now > o.scheduled + o.late) {
            drop_awaiting(id, now, scheduler::EndKind::failed, "");
        } else if (chain_.is_open()) {
            airings_.erase(it);
            log(Level::info, "the output is back: " + o.broadcast_id + " starts now");
            begin_airing(id, o, now, now, std::chrono::duration_cast<Millis>(now - o.scheduled));
        }
    }
}

void Service::drop_awaiting(std::uint64_t id, Instant now, scheduler::EndKind kind,
                            const std::string& by) {
    const scheduler::Occurrence o = airings_.at(id).occurrence;
    std::string unavailable = "output unavailable (" + chain_.name() +
                              (output_problem_.empty() ? "" : ": " + output_problem_) + ")";
    auto decisions = arbiter_.ended(static_cast<scheduler::AiringId>(id), now, kind,
                                    kind == scheduler::EndKind::failed ? unavailable : by);
    airings_.erase(id);
    std::vector<scheduler::Decision> rest;
    std::optional<scheduler::Final> final;
    for (auto& d : decisions) {
        if (auto* f = std::get_if<scheduler::Final>(&d); f && f->occurrence == o) {
            final = *f;
            continue;
        }
        rest.push_back(std::move(d));
    }
    if (final) {
        std::string reason = kind == scheduler::EndKind::failed ? unavailable : final->reason;
        // Cut by a lost output earlier: that airing's end becomes final; otherwise it never
        // began at all.
        auto last = last_airing_of_.find(occurrence_key(o));
        if (last != last_airing_of_.end()) {
            write_outcome(now, asrun::Ended{last->second, asrun::EndStatus::interrupted, true,
                                            reason, std::nullopt, std::nullopt});
            last_airing_of_.erase(last);
        } else {
            write_outcome(now, asrun::Missed{o.broadcast_id, o.playlist, o.clip, trigger_of(o),
                                             std::string(scheduler::to_string(o.priority)),
                                             o.scheduled, std::vector<std::string>{"all"}, reason});
        }
        log(Level::error, "missed " + o.broadcast_id + ": " + reason);
    }
    handle(std::move(rest), now);
}

void Service::fade_out(std::uint64_t id, std::int64_t end_frame, Millis fade) {
    chain_.fade_out(static_cast<audio::AiringId>(id), end_frame,
                    frames_of(fade, chain_.sample_rate()));
    if (options_.aircheck) options_.aircheck->set_end(static_cast<audio::AiringId>(id), end_frame);
}

void Service::fade_out_now(std::uint64_t id, Instant now) {
    const Millis fade(500);
    fade_out(id,
             std::max(chain_.frame_for(now + fade),
                      chain_.earliest_frame() + frames_of(fade, chain_.sample_rate())),
             fade);
}

void Service::stop(Instant now, const std::string& reason) {
    stopping_ = true;
    stop_reason_ = reason;
    for (auto& [id, a] : airings_) {
        if (a.withdrawn || a.awaiting_output) continue;
        fade_out_now(id, now);
    }
    for (auto it = airings_.begin(); it != airings_.end();)
        it =
            it->second.withdrawn || it->second.awaiting_output ? airings_.erase(it) : std::next(it);
}

bool Service::quiet() const {
    return airings_.empty() && arbiter_.idle() && held_.empty();
}

void Service::finish(Instant now) {
    amp_.shutdown(now);
    audit_.write(now, asrun::DaemonStop{stop_reason_.empty() ? "end of run" : stop_reason_});
    audit_.retry();
    if (chain_.is_open()) chain_.close();
}

std::string Service::trigger_of(const scheduler::Occurrence& o) const {
    auto it = manual_.find(occurrence_key(o));
    return it == manual_.end() ? "schedule" : "operator " + it->second;
}

void Service::write_outcome(Instant at, const asrun::Ended& ended) {
    audit_.write(at, ended);
    if (!ended.final) return;
    // Airing ids are "<broadcast>@<planned start>".
    last_ = LastOutcome{ended.airing, ended.airing.substr(0, ended.airing.rfind('@')),
                        std::string(asrun::to_string(ended.status)), ended.reason, at};
}

void Service::write_outcome(Instant at, const asrun::Missed& missed) {
    audit_.write(at, missed);
    last_ = LastOutcome{"", missed.broadcast, "missed", missed.reason, at};
}

std::string Service::air_now(Instant now, const ManualAiring& manual) {
    if (stopping_) throw UserError("the daemon is stopping: nothing new can air");
    if (manual.who.empty()) throw UserError("a manual airing needs the operator's name");
    if (manual.playlist.empty() == manual.clip.empty())
        throw UserError("name either a playlist or a clip to air");
    scheduler::Occurrence o;
    o.broadcast_id = "manual-" + asrun::make_airing_id("", now).substr(1);
    // With the amplifier off, it starts once `before` has switched it on.
    o.scheduled = amp_.state() == "off" && !station_.station().output.before.empty()
                      ? now + station_.station().output.before_lead
                      : now;
    o.priority = manual.priority;
    o.playlist = manual.playlist;
    o.clip = manual.clip;
    // Refused here, with the reason, rather than logged as a failed airing.
    try {
        (void)station_.airable(o);
    } catch (const std::exception& e) {
        throw UserError(std::string(manual.playlist.empty() ? "clip " : "playlist ") +
                        (manual.playlist.empty() ? manual.clip : manual.playlist) +
                        " cannot air: " + e.what());
    }
    manual_[occurrence_key(o)] = manual.who;
    log(Level::info, "operator " + manual.who + " airs " +
                         (o.playlist.empty() ? "clip " + o.clip : o.playlist) + " now at " +
                         std::string(scheduler::to_string(o.priority)) + " priority");
    feed(o, now, scheduler::default_late_reason);
    return o.broadcast_id;
}

bool Service::stop_on_air(Instant now, const std::string& who) {
    bool any_foreground = false;
    for (const auto& [id, a] : airings_)
        any_foreground |= !a.withdrawn && !a.awaiting_output &&
                          a.occurrence.priority != scheduler::Priority::background;
    bool stopped = false;
    for (auto& [id, a] : airings_) {
        if (a.withdrawn || a.awaiting_output) continue;
        if (any_foreground && a.occurrence.priority == scheduler::Priority::background) continue;
        a.faded_by = "stopped by operator " + who;
        fade_out_now(id, now);
        log(Level::info, "operator " + who + " stops " + a.occurrence.broadcast_id);
        stopped = true;
    }
    return stopped;
}

ServiceStatus Service::status(Instant now) const {
    ServiceStatus s;
    for (const auto& [id, a] : airings_) {
        if (a.withdrawn || a.awaiting_output) continue;
        const auto& o = a.occurrence;
        Instant from = a.actual_start.value_or(a.planned_start);
        OnAir on{a.log_id,
                 o.broadcast_id,
                 o.playlist,
                 o.clip,
                 std::string(scheduler::to_string(o.priority)),
                 trigger_of(o),
                 o.scheduled,
                 a.actual_start,
                 std::clamp(std::chrono::duration_cast<Millis>(now - from), Millis(0), a.length),
                 a.length};
        if (o.priority == scheduler::Priority::background)
            s.on_air.push_back(std::move(on));
        else
            s.on_air.insert(s.on_air.begin(), std::move(on));
    }
    if (auto next = station_.schedule().next_after(cursor_)) {
        auto due = station_.schedule().due_at(*next);
        if (!due.empty()) s.next = due.front();
    }
    s.last = last_;
    s.output_name = chain_.name();
    s.output_open = chain_.is_open();
    s.output_problem = output_problem_;
    s.underruns = chain_.underruns();
    s.failed_files = station_.problems();
    s.log_pending = audit_.pending();
    s.log_error = audit_.pending() ? audit_.last_error() : "";
    s.amplifier = amp_.state();
    s.amplifier_problem = amp_.problem();
    return s;
}

}  // namespace vc::engine
