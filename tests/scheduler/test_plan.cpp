// `plan`: the arbiter run over exact durations with a virtual clock. Times are local to
// Asia/Shanghai (UTC+8) on 2026-12-03; frames are at 48 kHz from 10:00:00.000 local.

#include <algorithm>
#include <map>
#include <random>
#include <set>

#include "scheduler/plan.hpp"
#include "test_arbiter_support.hpp"

using namespace vc;
using namespace vc::scheduler;
using namespace vc::scheduler::test;

namespace {

/// An OccurrenceSource over a fixed list.
class VectorSource final : public OccurrenceSource {
  public:
    explicit VectorSource(std::vector<Occurrence> all) : all_(std::move(all)) {
        std::sort(all_.begin(), all_.end(), [](const Occurrence& a, const Occurrence& b) {
            return std::tie(a.scheduled, a.broadcast_id) < std::tie(b.scheduled, b.broadcast_id);
        });
    }
    [[nodiscard]] std::optional<Instant> next_after(Instant t) const override {
        for (const auto& o : all_)
            if (o.scheduled > t) return o.scheduled;
        return std::nullopt;
    }
    [[nodiscard]] std::vector<Occurrence> between(Instant from, Instant to) const override {
        std::vector<Occurrence> out;
        for (const auto& o : all_)
            if (o.scheduled >= from && o.scheduled < to) out.push_back(o);
        return out;
    }

  private:
    std::vector<Occurrence> all_;
};

/// 2026-12-03 hh:mm:ss.ms in Asia/Shanghai (UTC+8).
Instant local(int h, int m, int s, int ms = 0) {
    return at(h - 8, m, s, ms);
}

DurationFn durations(std::map<std::string, Millis> by_playlist) {
    return [by_playlist = std::move(by_playlist)](const Occurrence& o) -> std::optional<Millis> {
        auto it = by_playlist.find(o.playlist);
        if (it == by_playlist.end()) return std::nullopt;
        return it->second;
    };
}

const PlanRow& row_of(const std::vector<PlanRow>& rows, const std::string& id) {
    auto it = std::find_if(rows.begin(), rows.end(),
                           [&](const PlanRow& r) { return r.occurrence.broadcast_id == id; });
    REQUIRE(it != rows.end());
    return *it;
}

std::vector<Occurrence> morning() {
    return {
        occ("music", local(9, 59, 0), Priority::background),
        occ("weather", local(10, 0, 0)),
        occ("monthly-drill", local(10, 0, 30), Priority::urgent),
        occ("broken-one", local(10, 0, 10), Priority::urgent),  // cannot air: takes no part
        occ("meeting-2026-12-03", local(10, 5, 0), Priority::notice),
        occ("notice-b", local(10, 5, 0)),
        occ("short-window", local(10, 5, 10), Priority::routine, 30s),
        occ("before-range", local(8, 59, 59, 999)),
        occ("at-range-end", local(11, 0, 0)),
    };
}

const DurationFn morning_durations = durations({{"music", 10min},
                                                {"weather", 60s},
                                                {"monthly-drill", 3s},
                                                {"meeting-2026-12-03", 70s},
                                                {"notice-b", 30s},
                                                {"short-window", 20s},
                                                {"before-range", 5s},
                                                {"at-range-end", 5s}});

}  // namespace

TEST_CASE("plan: one row per occurrence from `from` up to `to`, in order, with what conflicts did",
          "[plan]") {
    const VectorSource source(morning());
    const auto rows =
        make_plan(source, local(9, 0, 0), local(11, 0, 0), morning_durations, ArbiterConfig{});

    std::vector<std::string> ids;
    for (const auto& r : rows) ids.push_back(r.occurrence.broadcast_id);
    CHECK(ids == std::vector<std::string>{"music", "weather", "broken-one", "monthly-drill",
                                          "meeting-2026-12-03", "notice-b", "short-window"});

    const PlanRow& music = row_of(rows, "music");
    CHECK(music.outcome == Outcome::aired);
    CHECK(music.start == local(9, 59, 0));
    CHECK(music.end == local(10, 9, 0));
    CHECK(music.attempts == 1);

    // Preempted at 10:00:30 sharp by the drill, aired again from its start after the 2 s gap.
    const PlanRow& drill = row_of(rows, "monthly-drill");
    CHECK(drill.outcome == Outcome::aired);
    CHECK(drill.start == local(10, 0, 30));
    CHECK(frame48(*drill.start, local(10, 0, 0)) == 1'440'000);
    CHECK(drill.end == local(10, 0, 33));
    const PlanRow& weather = row_of(rows, "weather");
    CHECK(weather.outcome == Outcome::aired);
    CHECK(weather.attempts == 2);
    CHECK(weather.interrupted_by == "monthly-drill");
    CHECK(weather.start == local(10, 0, 35));
    CHECK(frame48(*weather.start, local(10, 0, 0)) == 1'680'000);
    CHECK(weather.end == local(10, 1, 35));
    CHECK(weather.delay == 35s);

    const PlanRow& broken = row_of(rows, "broken-one");
    CHECK(broken.outcome == Outcome::failed);
    CHECK(broken.reason ==
          "cannot air: playlist \"broken-one\" cannot be played (run `villagecast check`)");
    CHECK_FALSE(broken.start);

    const PlanRow& meeting = row_of(rows, "meeting-2026-12-03");
    CHECK(meeting.start == local(10, 5, 0));
    CHECK(meeting.end == local(10, 6, 10));
    const PlanRow& b = row_of(rows, "notice-b");
    CHECK(b.outcome == Outcome::aired);
    CHECK(b.start == local(10, 6, 12));
    CHECK(b.end == local(10, 6, 42));
    CHECK(b.delay == 72s);
    CHECK(b.waited_for == "meeting-2026-12-03");

    const PlanRow& shortw = row_of(rows, "short-window");
    CHECK(shortw.outcome == Outcome::missed);
    CHECK(shortw.reason == "late window passed while waiting for meeting-2026-12-03");
    CHECK_FALSE(shortw.start);
    CHECK_FALSE(shortw.end);
}

TEST_CASE("plan: an airing that runs past `to` is followed to its end", "[plan]") {
    const VectorSource source({occ("long", local(10, 59, 0))});
    const auto rows = make_plan(source, local(10, 0, 0), local(11, 0, 0),
                                durations({{"long", 5min}}), ArbiterConfig{});
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].end == local(11, 4, 0));
}

TEST_CASE("plan: the station's gap and a zero-length airing", "[plan]") {
    const VectorSource source(
        {occ("a", local(10, 0, 0)), occ("b", local(10, 0, 0, 100)), occ("c", local(10, 0, 1))});
    const auto rows =
        make_plan(source, local(10, 0, 0), local(11, 0, 0),
                  durations({{"a", 0ms}, {"b", 1s}, {"c", 1s}}), ArbiterConfig{5s, 500ms});
    REQUIRE(rows.size() == 3);
    CHECK(rows[0].start == local(10, 0, 0));
    CHECK(rows[0].end == local(10, 0, 0));
    CHECK(rows[1].start == local(10, 0, 5));
    CHECK(rows[1].waited_for == "a");
    CHECK(rows[2].start == local(10, 0, 11));
    CHECK(rows[2].delay == 10s);
    CHECK(rows[2].waited_for == "b");
}

TEST_CASE("plan: rows stream in order even when an earlier occurrence is decided later", "[plan]") {
    const VectorSource source(morning());
    std::vector<std::string> ids;
    run_plan(source, local(9, 0, 0), local(11, 0, 0), morning_durations, ArbiterConfig{},
             [&ids](PlanRow&& r) { ids.push_back(r.occurrence.broadcast_id); });
    CHECK(ids == std::vector<std::string>{"music", "weather", "broken-one", "monthly-drill",
                                          "meeting-2026-12-03", "notice-b", "short-window"});
}

TEST_CASE("plan: a busy day keeps every rule for every occurrence", "[plan]") {
    std::mt19937 random(20261203);
    std::uniform_int_distribution<int> second_of(0, 4 * 3600 - 1);
    std::uniform_int_distribution<int> priority_of(0, 4);
    std::uniform_int_distribution<int> length_of(1, 120);
    std::uniform_int_distribution<int> late_of(0, 600);
    std::vector<Occurrence> all;
    std::map<std::string, Millis> length;
    for (int i = 0; i < 400; ++i) {
        const std::string id = "b" + std::to_string(i);
        all.push_back(occ(id, local(8, 0, 0) + std::chrono::seconds(second_of(random)),
                          static_cast<Priority>(priority_of(random)),
                          std::chrono::seconds(late_of(random))));
        length[id] = std::chrono::milliseconds(length_of(random) * 1000 + 7);
    }
    const VectorSource source(all);
    const ArbiterConfig config;
    const auto rows = make_plan(source, local(8, 0, 0), local(12, 0, 0), durations(length), config);

    REQUIRE(rows.size() == all.size());
    std::set<std::string> seen;
    std::vector<const PlanRow*> foreground;
    std::map<Outcome, int> outcomes;
    for (const auto& r : rows) {
        CHECK(seen.insert(r.occurrence.broadcast_id).second);
        ++outcomes[r.outcome];
        if (!r.start) {
            CHECK(r.attempts == 0);
            continue;
        }
        CHECK(*r.start >= r.occurrence.scheduled);
        CHECK(*r.start <= r.occurrence.scheduled + r.occurrence.late);
        CHECK(r.delay == *r.start - r.occurrence.scheduled);
        if (r.outcome == Outcome::aired)
            CHECK(*r.end - *r.start == length[r.occurrence.broadcast_id]);
        if (r.outcome == Outcome::interrupted)
            CHECK(*r.end - *r.start < length[r.occurrence.broadcast_id]);
        if (is_foreground(r.occurrence.priority)) foreground.push_back(&r);
    }
    // Every outcome occurs in so busy a day.
    CHECK(outcomes[Outcome::aired] > 0);
    CHECK(outcomes[Outcome::missed] > 0);
    CHECK(outcomes[Outcome::interrupted] > 0);
    // Foreground airings never overlap; the next one starts after the gap, or where a preempted
    // one's fade ends (within the fade of a natural end that came first).
    std::sort(foreground.begin(), foreground.end(),
              [](const PlanRow* a, const PlanRow* b) { return *a->start < *b->start; });
    for (std::size_t i = 1; i < foreground.size(); ++i) {
        const PlanRow& prev = *foreground[i - 1];
        const PlanRow& next = *foreground[i];
        const Millis pause = *next.start - *prev.end;
        CHECK(pause >= 0ms);
        const bool preempted =
            outranks(next.occurrence.priority, prev.occurrence.priority) && pause <= config.fade;
        CHECK((pause >= config.gap_between || preempted));
    }
}
