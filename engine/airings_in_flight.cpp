// Carrying out the Arbiter's decisions on the output and handing each airing's end back.

#include "engine/airings_in_flight.hpp"

#include <algorithm>
#include <type_traits>

#include "asrun/airings.hpp"
#include "audio/inputs/lead_in_source.hpp"
#include "core/diagnostic.hpp"
#include "scheduler/plan_format.hpp"

namespace vc::engine {

namespace {

std::int64_t frames_of(Millis d, int rate) {
    return d.count() * rate / 1000;
}

audio::AiringId mixer_id(scheduler::AiringId id) {
    return static_cast<audio::AiringId>(id);
}

/// Takes the Final decisions about `o` out of `decisions`, and returns the last of them.
std::optional<scheduler::Final> take_final(std::vector<scheduler::Decision>& decisions,
                                           const scheduler::Occurrence& o) {
    std::optional<scheduler::Final> final;
    std::vector<scheduler::Decision> rest;
    for (auto& d : decisions) {
        if (auto* f = std::get_if<scheduler::Final>(&d); f && f->occurrence == o) {
            final = *f;
            continue;
        }
        rest.push_back(std::move(d));
    }
    decisions = std::move(rest);
    return final;
}

}  // namespace

AiringsInFlight::AiringsInFlight(const station::StationState& station, AirChain& chain,
                                 scheduler::ZoneArbiters& arbiter, OutputKeeper& output,
                                 AmpSequencer& amp, AiringBook& book, const Clock& clock,
                                 AircheckRecorder* aircheck, Millis progress_every,
                                 LiveInputs* live, bool aircheck_pages_only,
                                 ReceptionSource* reception)
    : station_(station),
      chain_(chain),
      arbiter_(arbiter),
      output_(output),
      amp_(amp),
      book_(book),
      clock_(clock),
      aircheck_(aircheck),
      progress_every_(progress_every),
      live_(live),
      aircheck_pages_only_(aircheck_pages_only),
      reception_(reception) {}

void AiringsInFlight::log(Level level, const std::string& message) const {
    log_line(clock_, level, message);
}

void AiringsInFlight::handle(std::vector<scheduler::Decision> decisions, Instant now) {
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
                    book_.ended(
                        now, asrun::Ended{it->second.log_id, asrun::EndStatus::interrupted, false,
                                          "withdrawn before it began: " + x.by + " comes first",
                                          std::nullopt, std::nullopt});
                } else if constexpr (std::is_same_v<T, scheduler::Wait>) {
                    log(Level::info, x.occurrence.broadcast_id + " waits for " + x.behind);
                } else {
                    static_assert(std::is_same_v<T, scheduler::Final>);
                    book_.final_outcome(x, now);
                }
            },
            d);
    }
}

void AiringsInFlight::start_airing(const scheduler::Start& s, Instant now) {
    if (!output_.is_open()) output_.ensure_open(now);
    if (!output_.is_open()) {
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

void AiringsInFlight::begin_airing(std::uint64_t id, const scheduler::Occurrence& o, Instant at,
                                   Instant now, Millis delay) {
    const auto airing = static_cast<scheduler::AiringId>(id);
    asrun::Started started = book_.started_row(o, at);
    station::StationState::Airable airable;
    std::unique_ptr<audio::Source> live;
    std::string output_problem;  // the zone's output cannot open: the row says why
    try {
        if (!o.live.empty() && released_pages_.count(o.broadcast_id))
            throw UserError("the operator released it before the line was free");
        airable = station_.airable(o);
        try {
            chain_.reach(airable.output);
        } catch (const UserError& e) {
            output_problem = std::string("cannot air: ") + e.what();
            throw;
        }
        if (!o.live.empty()) {
            if (!live_) throw UserError("this run has no live inputs");
            // With an attention chime, the voice waits for it (airable.timeline).
            const std::int64_t chime = airable.timeline ? airable.timeline->length : 0;
            auto voice = live_->open(id, o, airable.format, chime);
            if (airable.timeline)
                live = std::make_unique<audio::LeadInSource>(*airable.timeline, std::move(voice));
            else
                live = std::move(voice);
        }
    } catch (const std::exception& e) {
        book_.could_not_begin(now, o, started, output_problem);
        log(Level::error, "cannot air " + o.broadcast_id + ": " + e.what());
        Airing a{o, started.airing, 0, at, std::nullopt, at, "", true};
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
    std::int64_t frame = frame_of_start(at, now);
    // Written and synced before the first sample goes out (never on the audio path).
    book_.began(now, o, started);
    const audio::Layer layer = o.priority == scheduler::Priority::background
                                   ? audio::Layer::background
                                   : audio::Layer::foreground;
    const bool mutes = o.priority == scheduler::Priority::emergency;
    Airing a{o, started.airing, frame, at, std::nullopt, at + progress_every_, "", false};
    a.output = airable.output;
    if (live) {
        chain_.add_live(mixer_id(airing), std::move(live), frame, layer, mutes, airable.route,
                        airable.output);
        // A page that nobody ends stops by itself after page_max (check_inputs).
        const Millis page_max = station_.station().page.page_max;
        a.page_max_frame = frame + frames_of(page_max, chain_.sample_rate());
        a.next_input_check = now + Millis(250);
        // The air-check records the first output (see AirChain::set_tap).
        a.recorded = aircheck_ != nullptr && airable.output == 0;
        if (a.recorded)
            aircheck_->start(mixer_id(airing), started.airing, frame, *a.page_max_frame);
    } else {
        chain_.add(mixer_id(airing), airable.timeline, frame, layer, mutes, airable.route,
                   airable.output);
        a.recorded = aircheck_ != nullptr && !aircheck_pages_only_ && airable.output == 0;
        if (a.recorded)
            aircheck_->start(mixer_id(airing), started.airing, frame,
                             frame + airable.timeline->length);
        a.length = Millis(airable.timeline->length * 1000 / chain_.sample_rate());
    }
    airings_.emplace(id, a);
    log(Level::info, "airing " + o.broadcast_id + " (" +
                         asrun::what_aired(o.playlist, o.clip, o.live) + ")" +
                         (o.zone.empty() ? "" : " in " + o.zone) + " at " +
                         scheduler::local_time_text(at, station_.zone()) +
                         (delay.count() > 0 ? ", delayed " + format_duration(delay) : ""));
}

std::int64_t AiringsInFlight::frame_of_start(Instant at, Instant now) {
    // The airings of one instant (an occurrence in several zones) share its frame: a real-time
    // output's frame for an instant is re-estimated from its clock at each call, and may move
    // by a few frames between two calls.
    std::erase_if(start_frames_,
                  [&](const auto& e) { return e.first < now - std::chrono::seconds(10); });
    const std::int64_t earliest = chain_.earliest_frame();
    if (auto it = start_frames_.find(at); it != start_frames_.end() && it->second >= earliest)
        return it->second;
    const std::int64_t frame = std::max(chain_.frame_for(at), earliest);
    start_frames_[at] = frame;
    return frame;
}

bool AiringsInFlight::on_stream_event(const audio::StreamEvent& e) {
    auto it = airings_.find(static_cast<std::uint64_t>(e.id));
    if (it == airings_.end()) return false;
    switch (e.kind) {
        case audio::StreamEvent::Kind::started:
            it->second.actual_start = chain_.time_of(e.frame);
            if (reception_)
                it->second.reception_start = reception_->reception(it->second.occurrence.zone);
            return false;
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
    return true;
}

void AiringsInFlight::end_airing(audio::AiringId id, std::int64_t frame, scheduler::EndKind kind,
                                 const std::string& error) {
    auto it = airings_.find(static_cast<std::uint64_t>(id));
    Airing a = it->second;
    airings_.erase(it);
    std::optional<asrun::AirCheck> aircheck;
    if (a.recorded) aircheck = aircheck_->finish(id);
    std::string input_note;
    if (!a.occurrence.live.empty() && live_)
        input_note = live_->close(static_cast<std::uint64_t>(id));
    if (a.withdrawn) return;
    Instant at = chain_.time_of(frame);
    // Who could hear it, at its first and last sample (a zone on a Snapcast stream).
    auto row = [&](asrun::Ended e) {
        if (reception_ && a.actual_start) {
            e.reception_start = a.reception_start;
            e.reception_end = reception_->reception(a.occurrence.zone);
            e.drops = reception_->drops(a.occurrence.zone, *a.actual_start, at);
        }
        return e;
    };
    // A page released by its operator, or stopped by page_max, went out as it should.
    if (a.released_by.empty() && a.page_max_set && kind == scheduler::EndKind::faded_out)
        a.released_by = page_max_reached();
    if (!a.released_by.empty() && kind == scheduler::EndKind::faded_out) {
        kind = scheduler::EndKind::finished;
        auto decisions = arbiter_.ended(static_cast<scheduler::AiringId>(id), at, kind, "");
        const auto final = take_final(decisions, a.occurrence);
        book_.ended(at,
                    row(asrun::Ended{a.log_id, asrun::EndStatus::aired, final.has_value(),
                                     a.released_by + (input_note.empty() ? "" : "; " + input_note),
                                     a.actual_start, aircheck}));
        if (final) book_.settled(a.occurrence);
        handle(std::move(decisions), at);
        return;
    }
    if (stopping_) {
        bool whole = kind == scheduler::EndKind::finished;
        book_.ended(
            at,
            row(asrun::Ended{
                a.log_id, whole ? asrun::EndStatus::aired : asrun::EndStatus::interrupted, true,
                whole ? "" : "daemon stopped (" + stop_reason_ + ")", a.actual_start, aircheck}));
        return;
    }
    // A fade the rules did not order (a reload) gives its own reason; the rules name theirs.
    auto decisions = arbiter_.ended(static_cast<scheduler::AiringId>(id), at, kind,
                                    kind == scheduler::EndKind::faded_out ? a.faded_by : error);
    // Is this the occurrence's final outcome? Everything else the end caused (the next airing
    // starts, ...) stays in `decisions`.
    const auto final = take_final(decisions, a.occurrence);
    auto [status, reason] = end_status(kind, frame > a.start_frame, a.faded_by, error);
    if (final && !final->reason.empty() && status != asrun::EndStatus::aired)
        reason = final->reason;
    book_.ended(at, row(asrun::Ended{a.log_id, status, final.has_value(), reason, a.actual_start,
                                     aircheck}));
    if (final) book_.settled(a.occurrence);
    // Reopen at once if the device is back; otherwise retry with backoff.
    if (kind == scheduler::EndKind::output_lost) output_.reopen_after_loss(at);
    handle(std::move(decisions), at);
}

void AiringsInFlight::write_progress(Instant now) {
    for (auto& [id, a] : airings_) {
        if (a.withdrawn || a.awaiting_output || now < a.next_progress) continue;
        book_.progress(now, asrun::Progress{
                                a.log_id, std::chrono::duration_cast<Millis>(now - a.planned_start),
                                a.actual_start});
        a.next_progress = now + progress_every_;
    }
}

void AiringsInFlight::resume_awaiting(Instant now) {
    std::vector<std::uint64_t> ids;
    for (const auto& [id, a] : airings_)
        if (a.awaiting_output) ids.push_back(id);
    for (auto id : ids) {
        auto it = airings_.find(id);
        if (it == airings_.end()) continue;
        const scheduler::Occurrence o = it->second.occurrence;
        if (now > o.scheduled + o.late) {
            drop_awaiting(id, now, scheduler::EndKind::failed, "");
        } else if (output_.is_open()) {
            airings_.erase(it);
            log(Level::info, "the output is back: " + o.broadcast_id + " starts now");
            begin_airing(id, o, now, now, std::chrono::duration_cast<Millis>(now - o.scheduled));
        }
    }
}

void AiringsInFlight::drop_awaiting(std::uint64_t id, Instant now, scheduler::EndKind kind,
                                    const std::string& by) {
    const scheduler::Occurrence o = airings_.at(id).occurrence;
    const std::string unavailable = output_.unavailable();
    auto decisions = arbiter_.ended(static_cast<scheduler::AiringId>(id), now, kind,
                                    kind == scheduler::EndKind::failed ? unavailable : by);
    airings_.erase(id);
    if (auto final = take_final(decisions, o))
        book_.ends_unaired(o, now,
                           kind == scheduler::EndKind::failed ? unavailable : final->reason);
    handle(std::move(decisions), now);
}

void AiringsInFlight::fade_out(std::uint64_t id, std::int64_t end_frame, Millis fade) {
    chain_.fade_out(static_cast<audio::AiringId>(id), end_frame,
                    frames_of(fade, chain_.sample_rate()));
    if (auto it = airings_.find(id); it != airings_.end() && it->second.recorded)
        aircheck_->set_end(static_cast<audio::AiringId>(id), end_frame);
}

void AiringsInFlight::fade_out_now(std::uint64_t id, Instant now, Millis fade) {
    fade_out(id,
             std::max(chain_.frame_for(now + fade),
                      chain_.earliest_frame() + frames_of(fade, chain_.sample_rate())),
             fade);
}

void AiringsInFlight::take_off(std::uint64_t id, Instant now, const std::string& by) {
    airings_.at(id).faded_by = by;
    fade_out_now(id, now);
}

bool AiringsInFlight::release_page(const std::string& broadcast, Instant now,
                                   const std::string& by) {
    bool any = false;
    for (auto& [id, a] : airings_) {
        if (a.occurrence.broadcast_id != broadcast || a.occurrence.live.empty() || a.withdrawn ||
            !a.released_by.empty() || !a.faded_by.empty())
            continue;
        any = true;
        if (a.awaiting_output) continue;  // it ends when it would begin (released_pages_)
        // Released while page_max already fades it out: page_max ended it.
        if (a.page_max_set && chain_.frame_for(now + Millis(100)) >= *a.page_max_frame) {
            a.released_by = page_max_reached();
            continue;
        }
        a.released_by = by;
        fade_out_now(id, now, Millis(100));
    }
    // One that waits for its turn is taken back: missed, released before the line was free.
    for (const auto& list : {arbiter_.waiting(), arbiter_.held()})
        for (const auto& o : list) any |= o.broadcast_id == broadcast;
    handle(arbiter_.withdraw(broadcast, now, by + " before the line was free"), now);
    // One that waits for the output device ends when it would begin.
    released_pages_.insert(broadcast);
    return any;
}

Millis AiringsInFlight::live_latency(std::uint64_t id) const {
    auto it = airings_.find(id);
    if (!live_ || it == airings_.end() || it->second.occurrence.live.empty()) return Millis(0);
    return Millis(live_->input_delay(id) * 1000 / chain_.sample_rate()) +
           chain_.delay(it->second.output);
}

std::string AiringsInFlight::page_max_reached() const {
    return "page_max " + format_duration(station_.station().page.page_max) + " reached";
}

void AiringsInFlight::check_inputs(Instant now) {
    if (!live_) return;
    std::vector<std::pair<std::uint64_t, std::string>> lost;
    const Millis fade(500);
    for (auto& [id, a] : airings_) {
        if (!a.page_max_frame || a.withdrawn || !a.faded_by.empty() || !a.released_by.empty() ||
            now < a.next_input_check)
            continue;
        a.next_input_check = now + Millis(250);
        // page_max: it fades out so that its last sample is page_max after its first. The fade
        // is placed a second ahead of the output's reach, so that a loop woken late (a busy
        // machine) still ends it on that frame; until then its operator can still release it.
        if (!a.page_max_set && chain_.frame_for(now + fade + Millis(1000)) >= *a.page_max_frame) {
            a.page_max_set = true;
            fade_out(id,
                     std::max(*a.page_max_frame,
                              chain_.earliest_frame() + frames_of(fade, chain_.sample_rate())),
                     fade);
        }
        if (auto why = live_->lost(id, now); !why.empty()) lost.emplace_back(id, why);
    }
    for (const auto& [id, why] : lost) {
        log(Level::warning, airings_.at(id).occurrence.broadcast_id + ": " + why);
        take_off(id, now, why);
    }
}

std::vector<scheduler::Occurrence> AiringsInFlight::stop_all(Instant now,
                                                             const std::string& reason) {
    stopping_ = true;
    stop_reason_ = reason;
    std::vector<scheduler::Occurrence> never_began;
    for (auto& [id, a] : airings_) {
        if (a.awaiting_output) never_began.push_back(a.occurrence);
        if (a.withdrawn || a.awaiting_output) continue;
        fade_out_now(id, now);
    }
    for (auto it = airings_.begin(); it != airings_.end();)
        it =
            it->second.withdrawn || it->second.awaiting_output ? airings_.erase(it) : std::next(it);
    return never_began;
}

void AiringsInFlight::end_unconfirmed(Instant now) {
    const std::string reason = "daemon stopped (" +
                               (stop_reason_.empty() ? "end of run" : stop_reason_) +
                               "); the output did not confirm the end";
    for (const auto& [id, a] : airings_) {
        std::optional<asrun::AirCheck> aircheck;
        if (a.recorded) aircheck = aircheck_->finish(static_cast<audio::AiringId>(id));
        if (a.withdrawn) continue;
        book_.ended(now, asrun::Ended{a.log_id, asrun::EndStatus::interrupted, true, reason,
                                      a.actual_start, aircheck});
        log(Level::warning, "airing " + a.log_id + " ends unconfirmed: " + reason);
    }
    airings_.clear();
}

std::optional<Instant> AiringsInFlight::next_wakeup() const {
    std::optional<Instant> t;
    auto consider = [&t](Instant c) {
        if (!t || c < *t) t = c;
    };
    // One waiting for the output writes no progress: its late window's end wakes the loop.
    for (const auto& [id, a] : airings_)
        if (!a.withdrawn && !a.awaiting_output) consider(a.next_progress);
    for (const auto& [id, a] : airings_)
        if (a.awaiting_output) consider(a.occurrence.scheduled + a.occurrence.late + Millis(1));
    // A page's input is watched while it airs.
    for (const auto& [id, a] : airings_)
        if (a.page_max_frame && !a.withdrawn && a.faded_by.empty() && a.released_by.empty())
            consider(a.next_input_check);
    return t;
}

}  // namespace vc::engine
