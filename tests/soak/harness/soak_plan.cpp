#include "tests/soak/harness/soak_plan.hpp"

#include <algorithm>
#include <random>

#include "scheduler/date_text.hpp"
#include "scheduler/local_time.hpp"
#include "tests/soak/harness/soak.hpp"

namespace vc::soak {

namespace {

const char* const operators[] = {"王芳", "李强", "张敏", "陈刚"};

class Dice {
  public:
    explicit Dice(std::uint64_t seed) : rng_(seed) {}
    std::int64_t between(std::int64_t lo, std::int64_t hi) {  // inclusive
        return std::uniform_int_distribution<std::int64_t>(lo, hi)(rng_);
    }
    bool chance(double p) { return std::uniform_real_distribution<double>(0, 1)(rng_) < p; }
    template <typename T>
    const T& pick(const std::vector<T>& v) {
        return v[static_cast<std::size_t>(between(0, static_cast<std::int64_t>(v.size()) - 1))];
    }
    Instant in(Instant lo, Instant hi) {
        return lo + Millis(between(0, std::max<std::int64_t>(0, (hi - lo).count() - 1)));
    }

  private:
    std::mt19937_64 rng_;
};

/// Plans one segment's actions and, for all but the last, where it is killed.
class SegmentPlanner {
  public:
    SegmentPlanner(const SoakStation& station, const date::time_zone& zone, Dice& dice)
        : station_(station), zone_(zone), dice_(dice) {}

    /// A busy time of day on a day of [lo, hi), plus `offset`; nullopt when it falls outside.
    std::optional<Instant> busy(Instant lo, Instant hi, Millis offset) {
        const auto first = scheduler::local_date_of(zone_, lo);
        const auto last = scheduler::local_date_of(zone_, hi);
        const auto day = first + date::days(dice_.between(0, (last - first).count()));
        const auto time = scheduler::parse_local_date_time(date::format("%F", day) + " " +
                                                           dice_.pick(station_.busy_times));
        const Instant t = scheduler::to_instant(zone_, *time) + offset;
        if (t <= lo || t >= hi) return std::nullopt;
        return t;
    }
    /// Half the time near a busy time (so that it meets an airing), else anywhere.
    Instant somewhen(Instant lo, Instant hi, Millis from_busy, Millis to_busy) {
        if (dice_.chance(0.5))
            if (auto t = busy(lo, hi, Millis(dice_.between(from_busy.count(), to_busy.count()))))
                return *t;
        return dice_.in(lo, hi);
    }
    void air_now(std::vector<Action>& out, Instant at, int how_many) {
        for (int i = 0; i < how_many; ++i) {
            Action a{at, Action::Kind::air_now};
            if (dice_.chance(0.5))
                a.manual.playlist = dice_.pick(station_.playlists);
            else
                a.manual.clip = dice_.pick(station_.clips);
            a.manual.priority = static_cast<scheduler::Priority>(dice_.between(0, 4));
            a.manual.who = operators[dice_.between(0, 3)];
            out.push_back(std::move(a));
        }
    }

  private:
    const SoakStation& station_;
    const date::time_zone& zone_;
    Dice& dice_;
};

}  // namespace

std::vector<Segment> plan_segments(const SoakStation& station, const SoakOptions& options,
                                   const date::time_zone& zone, Instant from, Instant to) {
    std::vector<Segment> segments;
    const auto week = std::chrono::duration_cast<Millis>(date::days(7));
    Instant begin = from;
    for (int k = 0; begin < to; ++k) {
        Dice dice(options.seed * 1'000'003 + static_cast<std::uint64_t>(k));
        SegmentPlanner plan(station, zone, dice);
        Segment s;
        s.index = k;
        s.begin = begin;
        const Instant week_end = from + week * (k + 1);
        s.last = to - week_end < std::chrono::hours(24);
        std::vector<Action>& acts = s.actions;
        if (s.last) {
            s.end = to;
        } else {
            // Killed in the week's last six hours; half the time a few seconds into a busy
            // time, when something airs.
            const Instant lo =
                std::max(begin + std::chrono::hours(1), week_end - std::chrono::hours(6));
            auto busy = dice.chance(0.5)
                            ? plan.busy(lo, week_end, Millis(dice.between(500, 12'000)))
                            : std::nullopt;
            s.end = busy ? *busy : dice.in(lo, week_end);
            // Sometimes requests arrive just before the kill: they wait, or air, when it comes.
            if (dice.chance(0.3))
                plan.air_now(acts, s.end - Millis(dice.between(1, 3000)),
                             static_cast<int>(dice.between(2, 4)));
        }
        const Instant lo = s.begin + Millis(1000);
        const Instant hi = s.end - Millis(1000);
        const double share = std::chrono::duration<double>(hi - lo) / week;
        auto count = [&](int per_week) {
            return static_cast<int>(
                per_week * share +
                (dice.chance(per_week * share - static_cast<int>(per_week * share)) ? 1 : 0));
        };
        for (int i = count(options.manual_per_week); i > 0; --i)
            plan.air_now(acts, plan.somewhen(lo, hi, Millis(-3000), Millis(20'000)),
                         dice.chance(0.2) ? static_cast<int>(dice.between(2, 4)) : 1);
        for (int i = count(options.stops_per_week); i > 0; --i) {
            Action a{plan.somewhen(lo, hi, Millis(500), Millis(10'000)), Action::Kind::stop};
            a.who = operators[dice.between(0, 3)];
            acts.push_back(std::move(a));
        }
        for (int i = count(options.reloads_per_week); i > 0; --i) {
            Action broken{dice.in(lo, hi), Action::Kind::break_file};
            broken.file = static_cast<std::size_t>(
                dice.between(0, static_cast<std::int64_t>(station.breakable.size()) - 1));
            Action fixed = broken;
            fixed.kind = Action::Kind::fix_file;
            fixed.at = std::min(hi, broken.at + Millis(dice.between(1000, 40 * 60'000)));
            acts.push_back(std::move(broken));
            acts.push_back(std::move(fixed));
        }
        for (int i = count(options.losses_per_week); i > 0; --i) {
            Action lost{plan.somewhen(lo, hi, Millis(0), Millis(15'000)),
                        Action::Kind::lose_output};
            Action back{std::min(hi, lost.at + Millis(dice.between(3000, 20 * 60'000))),
                        Action::Kind::restore_output};
            acts.push_back(std::move(lost));
            acts.push_back(std::move(back));
        }
        std::stable_sort(acts.begin(), acts.end(),
                         [](const Action& a, const Action& b) { return a.at < b.at; });
        begin = s.end + Millis(dice.between(5000, 15 * 60'000));
        segments.push_back(std::move(s));
    }
    return segments;
}

}  // namespace vc::soak
