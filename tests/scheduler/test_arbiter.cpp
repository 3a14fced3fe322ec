// The foreground conflict rules on a free output and in the queue: starts at the exact
// instant, waits by priority, the gap between airings, bookkeeping. Frames are at 48 kHz,
// counted from 10:00:00.000 (frame = ms * 48).

#include "test_arbiter_support.hpp"

using namespace vc;
using namespace vc::scheduler;
using namespace vc::scheduler::test;

TEST_CASE("an occurrence on a free output starts exactly at its instant", "[arbiter]") {
    Arbiter arb;
    auto d = arb.due(occ("weather", at(10, 0, 0)), at(9, 59, 59, 500));
    REQUIRE(d.size() == 1);
    const Start s = one<Start>(d);
    CHECK(s.airing == AiringId{1});
    CHECK(s.at == at(10, 0, 0));
    CHECK(s.delay == 0ms);
    CHECK(s.attempt == 1);
    CHECK(s.waited_for.empty());
    CHECK(frame48(s.at, at(10, 0, 0)) == 0);

    d = arb.ended(s.airing, at(10, 1, 0), EndKind::finished);
    const Final f = one<Final>(d);
    CHECK(f.outcome == Outcome::aired);
    CHECK(f.at == at(10, 1, 0));
    CHECK(f.attempts == 1);
    CHECK(arb.idle());
    CHECK_FALSE(arb.next_deadline());
}

TEST_CASE("an occurrence announced early is held until fade before its instant", "[arbiter]") {
    Arbiter arb;
    CHECK(arb.due(occ("weather", at(10, 0, 0)), at(9, 0, 0)).empty());
    CHECK_FALSE(arb.idle());
    REQUIRE(arb.next_deadline() == at(9, 59, 59, 500));
    CHECK(arb.tick(at(9, 59, 59, 499)).empty());
    const Start s = one<Start>(arb.tick(at(9, 59, 59, 500)));
    CHECK(s.at == at(10, 0, 0));
    CHECK(s.delay == 0ms);
}

TEST_CASE(
    "an output that takes frames a buffer early (Snapcast) gets its starts committed that "
    "much earlier, for the same instants",
    "[arbiter]") {
    ArbiterConfig config;
    config.output_latency = 1000ms;
    Arbiter arb(config);
    CHECK(arb.due(occ("weather", at(10, 0, 0)), at(9, 0, 0)).empty());
    REQUIRE(arb.next_deadline() == at(9, 59, 58, 500));
    CHECK(arb.tick(at(9, 59, 58, 499)).empty());
    const Start s = one<Start>(arb.tick(at(9, 59, 58, 500)));
    CHECK(s.at == at(10, 0, 0));
    CHECK(s.delay == 0ms);
    // A preemption still fades the current airing out over the `fade` before the instant.
    const auto d = arb.due(occ("flood", at(10, 1, 0), Priority::emergency), at(10, 0, 30));
    REQUIRE(arb.next_deadline() == at(10, 0, 58, 500));
    const auto p = arb.tick(at(10, 0, 58, 500));
    CHECK(d.empty());
    CHECK(one<FadeOut>(p).from == at(10, 0, 59, 500));
    CHECK(one<FadeOut>(p).until == at(10, 1, 0));
    CHECK(one<Start>(p).at == at(10, 1, 0));
    CHECK_THROWS_AS(Arbiter(ArbiterConfig{2s, 500ms, -1ms}), std::invalid_argument);
}

TEST_CASE("equal priority waits, and so does lower", "[arbiter]") {
    Arbiter arb;
    const Start a =
        one<Start>(arb.due(occ("alarm", at(10, 0, 0), Priority::emergency), at(9, 59, 59, 500)));
    for (Priority p : {Priority::emergency, Priority::urgent}) {
        const std::string id = p == Priority::emergency ? "second-alarm" : "urgent-1";
        const auto d = arb.due(occ(id, at(10, 0, 5), p), at(10, 0, 4, 500));
        REQUIRE(d.size() == 1);
        CHECK(one<Wait>(d).behind == "alarm");
    }
    const auto d = arb.ended(a.airing, at(10, 0, 20), EndKind::finished);
    CHECK(all_of<Start>(d).empty());
    const Start next = one<Start>(arb.tick(at(10, 0, 21, 500)));
    CHECK(next.occurrence.broadcast_id == "second-alarm");
    CHECK(next.at == at(10, 0, 22));
    CHECK(next.delay == 17s);
    CHECK(next.waited_for == "alarm");
}

TEST_CASE("the queue is ordered by priority, then scheduled instant, then broadcast id",
          "[arbiter]") {
    Arbiter arb;
    const Start alarm =
        one<Start>(arb.due(occ("alarm", at(10, 0, 0), Priority::emergency), at(9, 59, 59, 500)));
    arb.due(occ("b-routine", at(10, 0, 10)), at(10, 0, 9, 500));
    arb.due(occ("a-routine", at(10, 0, 10)), at(10, 0, 9, 500));
    arb.due(occ("notice-1", at(10, 0, 20), Priority::notice), at(10, 0, 19, 500));
    arb.due(occ("early-routine", at(10, 0, 5)), at(10, 0, 4, 500));
    std::vector<std::string> order;
    for (const auto& o : arb.waiting()) order.push_back(o.broadcast_id);
    CHECK(order == std::vector<std::string>{"notice-1", "early-routine", "a-routine", "b-routine"});

    // Each lasts 10 s; 2 s between them.
    arb.ended(alarm.airing, at(10, 1, 0), EndKind::finished);
    std::vector<std::pair<std::string, Instant>> starts;
    Instant now = at(10, 1, 0);
    while (auto dl = arb.next_deadline()) {
        now = *dl;
        for (const auto& s : all_of<Start>(arb.tick(now))) {
            starts.emplace_back(s.occurrence.broadcast_id, s.at);
            if (s.occurrence.broadcast_id == "b-routine") {
                CHECK(s.delay == 88s);
                CHECK(s.waited_for == "a-routine");
            }
            arb.ended(s.airing, s.at + 10s, EndKind::finished);
        }
    }
    const std::vector<std::pair<std::string, Instant>> expected{{"notice-1", at(10, 1, 2)},
                                                                {"early-routine", at(10, 1, 14)},
                                                                {"a-routine", at(10, 1, 26)},
                                                                {"b-routine", at(10, 1, 38)}};
    CHECK(starts == expected);
}

TEST_CASE("no foreground airing starts within gap_between after the last one's last frame",
          "[arbiter]") {
    SECTION("default 2 s: delayed by 1 s") {
        Arbiter arb;
        const Start a = start_at_ten(arb, "a");
        arb.ended(a.airing, at(10, 0, 10), EndKind::finished);
        const auto d = arb.due(occ("b", at(10, 0, 11)), at(10, 0, 10, 500));
        CHECK(one<Wait>(d).behind == "a");
        REQUIRE(arb.next_deadline() == at(10, 0, 11, 500));
        const Start b = one<Start>(arb.tick(at(10, 0, 11, 500)));
        CHECK(b.at == at(10, 0, 12));
        CHECK(frame48(b.at, at(10, 0, 0)) == 576'000);
        CHECK(b.delay == 1s);
        CHECK(b.waited_for == "a");
    }
    SECTION("due exactly when the gap ends: on time") {
        Arbiter arb;
        const Start a = start_at_ten(arb, "a");
        arb.ended(a.airing, at(10, 0, 10), EndKind::finished);
        const Start b = one<Start>(arb.due(occ("b", at(10, 0, 12)), at(10, 0, 11, 500)));
        CHECK(b.at == at(10, 0, 12));
        CHECK(b.delay == 0ms);
    }
    SECTION("gap_between 0") {
        Arbiter arb(ArbiterConfig{0ms, 500ms});
        const Start a = start_at_ten(arb, "a");
        arb.due(occ("b", at(10, 0, 5)), at(10, 0, 4, 500));
        const Start b = one<Start>(arb.ended(a.airing, at(10, 0, 10), EndKind::finished));
        CHECK(b.at == at(10, 0, 10));
        CHECK(b.delay == 5s);
    }
    SECTION("a preemption does not wait for the gap") {
        Arbiter arb;
        const Start a = start_at_ten(arb, "a");
        arb.ended(a.airing, at(10, 0, 10), EndKind::finished);
        const Start b = one<Start>(arb.due(occ("b", at(10, 0, 12)), at(10, 0, 11, 500)));
        const auto d = arb.due(occ("c", at(10, 0, 13), Priority::urgent), at(10, 0, 12, 500));
        CHECK(one<FadeOut>(d).airing == b.airing);
        CHECK(one<Start>(d).at == at(10, 0, 13));
    }
}

TEST_CASE("the arbiter's bookkeeping: duplicates, unknown airings, bad settings, clock",
          "[arbiter]") {
    Arbiter arb;
    const Occurrence a = occ("a", at(10, 0, 0));
    const Start s = one<Start>(arb.due(a, at(9, 59, 59, 500)));
    CHECK(arb.due(a, at(9, 59, 59, 600)).empty());  // already held: nothing new
    CHECK_THROWS_AS(arb.ended(AiringId{99}, at(10, 0, 1), EndKind::finished),
                    std::invalid_argument);
    CHECK_THROWS_AS(Arbiter(ArbiterConfig{-1ms, 500ms}), std::invalid_argument);
    // An instant earlier than one already seen is taken as the latest one.
    const Final f = one<Final>(arb.ended(s.airing, at(9, 0, 0), EndKind::finished));
    CHECK(f.at == at(9, 59, 59, 600));
    // An operator's stop (a fade-out the arbiter did not order) is final.
    const Start b = one<Start>(arb.due(occ("b", at(11, 0, 0)), at(10, 59, 59, 500)));
    const Final stopped =
        one<Final>(arb.ended(b.airing, at(11, 0, 3), EndKind::faded_out, "stopped by operator"));
    CHECK(stopped.outcome == Outcome::interrupted);
    CHECK(stopped.reason == "stopped by operator");
}
