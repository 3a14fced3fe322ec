// Announcing occurrences to the Arbiter, holding them for the output, catching up.

#include "engine/occurrence_feed.hpp"

#include <algorithm>

#include "core/log.hpp"

namespace vc::engine {

OccurrenceFeed::OccurrenceFeed(const station::StationState& station,
                               scheduler::ZoneArbiters& arbiter, AiringsInFlight& airings,
                               AiringBook& book, OutputKeeper& output, AmpSequencer& amp,
                               const Clock& clock, Millis lead)
    : station_(station),
      arbiter_(arbiter),
      airings_(airings),
      book_(book),
      output_(output),
      amp_(amp),
      clock_(clock),
      lead_(lead) {}

std::optional<Instant> OccurrenceFeed::next_announcement() const {
    auto next = station_.schedule().next_after(cursor_);
    if (!next) return std::nullopt;
    return *next - lead();
}

void OccurrenceFeed::announce_until(Instant now, std::string_view late_reason) {
    while (true) {
        auto next = station_.schedule().next_after(cursor_);
        if (!next || *next - lead() > now) break;
        for (const auto& o : station_.schedule().due_at(*next)) {
            // An occurrence with a final outcome never airs again (a restart, a backward step).
            if (book_.has_final_outcome(o)) continue;
            feed(o, now, late_reason);
        }
        cursor_ = *next;
    }
}

void OccurrenceFeed::feed(const scheduler::Occurrence& occurrence, Instant now,
                          std::string_view late_reason) {
    if (occurrence.priority != scheduler::Priority::background) {
        amp_.need_by(occurrence.scheduled, now);
        amp_.wake(now);
    }
    if (!output_.is_open()) output_.ensure_open(now);
    if (!output_.is_open()) {
        held_.emplace_back(occurrence, std::string(late_reason));
        return;
    }
    airings_.handle(arbiter_.due(occurrence, now, late_reason), now);
}

void OccurrenceFeed::release_held(Instant now) {
    if (held_.empty()) return;
    auto held = std::move(held_);
    held_.clear();
    for (auto& [o, reason] : held) {
        if (now > o.scheduled + o.late) {
            std::string why = output_.unavailable();
            book_.missed(o.scheduled + o.late, o, why);
            log_line(clock_, Level::error, "missed " + o.broadcast_id + ": " + why);
        } else {
            feed(o, now, reason);
        }
    }
}

void OccurrenceFeed::announce_added(Instant now) {
    // The cursor may already be past an instant a reload just added (a one-shot a few seconds
    // ahead, inside the preparation lead of an occurrence already announced).
    for (const auto& o : station_.schedule().between(now, cursor_ + Millis(1))) {
        bool known = book_.awaits_final(o);
        for (const auto& [h, reason] : held_) known = known || h == o;
        for (const auto& [id, a] : airings_.all()) known = known || a.occurrence == o;
        if (known || book_.has_final_outcome(o)) continue;
        feed(o, now, scheduler::default_late_reason);
    }
}

std::int64_t OccurrenceFeed::skip_to(Instant now) {
    // What the step passed over is counted in one event, not logged one by one. Only what may
    // still start within its late window is kept.
    std::int64_t skipped = 0;
    std::vector<scheduler::Occurrence> still_due;
    for (const auto& o : station_.schedule().between(cursor_ + Millis(1), now + Millis(1))) {
        if (o.scheduled + o.late < now) {
            ++skipped;
        } else if (!book_.has_final_outcome(o)) {
            still_due.push_back(o);
        }
    }
    cursor_ = std::max(cursor_, now);
    for (const auto& o : still_due) feed(o, now, "the clock was stepped forward");
    log_line(clock_, Level::warning,
             "the step passed over " + std::to_string(skipped) + " occurrence(s)");
    return skipped;
}

std::vector<scheduler::Occurrence> OccurrenceFeed::held() const {
    std::vector<scheduler::Occurrence> out;
    for (const auto& [o, reason] : held_) out.push_back(o);
    return out;
}

std::optional<Instant> OccurrenceFeed::next_held_deadline() const {
    std::optional<Instant> t;
    for (const auto& [o, reason] : held_)
        if (Instant c = o.scheduled + o.late + Millis(1); !t || c < *t) t = c;
    return t;
}

std::optional<scheduler::Occurrence> OccurrenceFeed::next() const {
    auto next = station_.schedule().next_after(cursor_);
    if (!next) return std::nullopt;
    auto due = station_.schedule().due_at(*next);
    if (due.empty()) return std::nullopt;
    return due.front();
}

}  // namespace vc::engine
