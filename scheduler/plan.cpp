#include "scheduler/plan.hpp"

#include <algorithm>
#include <deque>
#include <map>
#include <stdexcept>
#include <tuple>
#include <utility>

#include "scheduler/zone_arbiters.hpp"

namespace vc::scheduler {

namespace {

/// (scheduled, broadcast id, zone): an occurrence's identity.
using Key = std::tuple<Instant, std::string, std::string>;

/// How much of the schedule is expanded at a time: few calls to the source, little memory.
constexpr auto expand_span = std::chrono::hours(24 * 7);

/// Far more events than any instant can hold (every occurrence of a week at one instant).
constexpr std::size_t max_rounds_at_instant = 1'000'000;

Key key_of(const Occurrence& o) {
    return {o.scheduled, o.broadcast_id, o.zone};
}

/// Announcement order: scheduled instant, then queue order, so that of several occurrences due
/// at one instant the one that goes first is announced first (zone by zone, in the source's
/// zone order: the sort is stable).
bool announced_before(const Occurrence& a, const Occurrence& b) {
    const int pa = static_cast<int>(a.priority);
    const int pb = static_cast<int>(b.priority);
    return std::tie(a.scheduled, pa, a.broadcast_id) < std::tie(b.scheduled, pb, b.broadcast_id);
}

}  // namespace

std::string cannot_air(const Occurrence& o) {
    std::string what =
        o.playlist.empty() ? "clip \"" + o.clip + "\"" : "playlist \"" + o.playlist + "\"";
    return "cannot air: " + what + " cannot be played (run `villagecast check`)";
}

namespace {

class PlanRun {
  public:
    PlanRun(const OccurrenceSource& source, Instant from, Instant to, const DurationFn& durations,
            const ArbiterConfig& config, const PlanSink& sink)
        : source_(source),
          cursor_(from),
          to_(to),
          durations_(durations),
          sink_(sink),
          arbiter_(config) {}

    void run() {
        for (;;) {
            refill();
            std::optional<Instant> t;
            auto consider = [&t](std::optional<Instant> x) {
                if (x && (!t || *x < *t)) t = x;
            };
            if (!upcoming_.empty()) consider(announce_at(upcoming_.front()));
            consider(arbiter_.next_deadline());
            for (const auto& [id, a] : active_) consider(end_of(a));
            if (!t) break;
            if (*t == now_ && ++rounds_at_instant_ > max_rounds_at_instant)
                throw std::logic_error("plan: no progress at one instant");
            if (*t != now_) rounds_at_instant_ = 0;
            now_ = *t;
            end_airings();
            if (auto d = arbiter_.next_deadline(); d && *d <= now_) handle(arbiter_.tick(now_));
            while (!upcoming_.empty() && announce_at(upcoming_.front()) <= now_) {
                feed(std::move(upcoming_.front()));
                upcoming_.pop_front();
                if (upcoming_.empty()) refill();
            }
            flush();
        }
        if (!live_.empty()) throw std::logic_error("plan ended with occurrences still undecided");
        flush();
    }

  private:
    struct Attempt {
        std::optional<Instant> start;
        std::optional<Instant> end;
        int attempts = 0;
        Millis delay{0};
        std::string waited_for;
    };
    struct Live {
        std::uint64_t seq = 0;
        Millis duration{0};
        PlanRow row;
        Attempt before_last_start;  // to undo a withdrawn start
    };
    struct Active {
        Instant start;
        Instant natural_end;
        std::optional<Instant> fade_until;
        Key key;
    };

    [[nodiscard]] Instant announce_at(const Occurrence& o) const {
        return o.scheduled - arbiter_.config().fade;
    }
    static Instant end_of(const Active& a) {
        return a.fade_until ? std::min(*a.fade_until, a.natural_end) : a.natural_end;
    }

    void refill() {
        while (upcoming_.empty() && cursor_ < to_) {
            const Instant chunk_end = std::min(to_, cursor_ + expand_span);
            std::vector<Occurrence> chunk = source_.between(cursor_, chunk_end);
            std::stable_sort(chunk.begin(), chunk.end(), announced_before);
            for (auto& o : chunk) upcoming_.push_back(std::move(o));
            cursor_ = chunk_end;
        }
    }

    void feed(Occurrence occurrence) {
        Key key = key_of(occurrence);
        if (live_.count(key) != 0) return;  // the source repeated itself: one occurrence, one row
        const std::uint64_t seq = next_seq_++;
        std::optional<Millis> duration = durations_(occurrence);
        if (!duration || *duration < Millis{0}) {
            PlanRow row;
            row.outcome = Outcome::failed;
            row.reason = cannot_air(occurrence);
            row.occurrence = std::move(occurrence);
            decided(seq, std::move(row));
            return;
        }
        Live live{seq, *duration, PlanRow{}, Attempt{}};
        live.row.occurrence = occurrence;
        live_.emplace(std::move(key), std::move(live));
        rows_.emplace_back();
        handle(arbiter_.due(occurrence, now_));
    }

    void end_airings() {
        std::vector<AiringId> ending;
        for (const auto& [id, a] : active_)
            if (end_of(a) <= now_) ending.push_back(id);
        for (AiringId id : ending) {
            auto it = active_.find(id);
            if (it == active_.end()) continue;
            const Active a = it->second;
            active_.erase(it);
            const bool faded = a.fade_until && *a.fade_until < a.natural_end;
            if (auto l = live_.find(a.key); l != live_.end()) l->second.row.end = end_of(a);
            handle(arbiter_.ended(id, now_, faded ? EndKind::faded_out : EndKind::finished));
        }
    }

    Live& live_of(const Occurrence& o, const char* what) {
        auto it = live_.find(key_of(o));
        if (it == live_.end())
            throw std::logic_error(std::string("plan: ") + what +
                                   " for an occurrence already decided: " + o.broadcast_id);
        return it->second;
    }

    void handle(std::vector<Decision> decisions) {
        for (auto& d : decisions) std::visit([this](auto& x) { on(x); }, d);
    }

    void on(Start& s) {
        Live& l = live_of(s.occurrence, "a start");
        PlanRow& r = l.row;
        l.before_last_start = Attempt{r.start, r.end, r.attempts, r.delay, r.waited_for};
        r.start = s.at;
        r.end.reset();
        r.attempts = s.attempt;
        r.delay = s.delay;
        r.waited_for = s.waited_for;
        active_[s.airing] = Active{s.at, s.at + l.duration, std::nullopt, key_of(s.occurrence)};
    }
    void on(FadeOut& f) {
        auto it = active_.find(f.airing);
        if (it == active_.end()) return;
        it->second.fade_until = f.until;
        if (auto l = live_.find(it->second.key); l != live_.end())
            l->second.row.interrupted_by = f.by;
    }
    void on(Withdraw& w) {
        active_.erase(w.airing);
        Live& l = live_of(w.occurrence, "a withdrawal");
        const Attempt& b = l.before_last_start;
        l.row.start = b.start;
        l.row.end = b.end;
        l.row.attempts = b.attempts;
        l.row.delay = b.delay;
        l.row.waited_for = b.waited_for;
    }
    void on(Final& f) {
        auto it = live_.find(key_of(f.occurrence));
        if (it == live_.end())
            throw std::logic_error("plan: a second outcome for " + f.occurrence.broadcast_id);
        PlanRow row = std::move(it->second.row);
        const std::uint64_t seq = it->second.seq;
        live_.erase(it);
        row.outcome = f.outcome;
        row.reason = f.reason;
        row.attempts = f.attempts;
        if (f.outcome == Outcome::interrupted && !f.by.empty()) row.interrupted_by = f.by;
        if (f.attempts == 0) {
            row.start.reset();
            row.end.reset();
            row.delay = Millis{0};
            row.waited_for.clear();
        }
        decided(seq, std::move(row));
    }
    void on(Wait&) {}

    /// Row `seq` is final. Rows are numbered in feeding order, each occupying its slot in rows_.
    void decided(std::uint64_t seq, PlanRow row) {
        if (seq == first_seq_ + rows_.size()) rows_.emplace_back();  // decided as it was fed
        rows_[static_cast<std::size_t>(seq - first_seq_)] = std::move(row);
    }

    /// Hands over every final row not preceded by an undecided one.
    void flush() {
        while (!rows_.empty() && rows_.front()) {
            sink_(std::move(*rows_.front()));
            rows_.pop_front();
            ++first_seq_;
        }
    }

    const OccurrenceSource& source_;
    Instant cursor_;
    Instant to_;
    const DurationFn& durations_;
    const PlanSink& sink_;
    ZoneArbiters arbiter_;
    Instant now_{};
    std::size_t rounds_at_instant_ = 0;  // a guard against a rule that would never move on
    std::deque<Occurrence> upcoming_;
    std::map<Key, Live> live_;
    std::map<AiringId, Active> active_;
    std::uint64_t next_seq_ = 0;
    std::uint64_t first_seq_ = 0;              // the seq of rows_.front()
    std::deque<std::optional<PlanRow>> rows_;  // from first_seq_ on; empty while undecided
};

}  // namespace

void run_plan(const OccurrenceSource& source, Instant from, Instant to, const DurationFn& durations,
              const ArbiterConfig& config, const PlanSink& sink) {
    PlanRun(source, from, to, durations, config, sink).run();
}

std::vector<PlanRow> make_plan(const OccurrenceSource& source, Instant from, Instant to,
                               const DurationFn& durations, const ArbiterConfig& config) {
    std::vector<PlanRow> rows;
    run_plan(source, from, to, durations, config,
             [&rows](PlanRow&& r) { rows.push_back(std::move(r)); });
    return rows;
}

}  // namespace vc::scheduler
