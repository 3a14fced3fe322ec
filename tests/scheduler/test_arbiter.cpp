// The foreground conflict rules, each with the exact instants it must give. Frames are at
// 48 kHz, counted from 10:00:00.000 (frame = ms * 48).

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

TEST_CASE("a scheduled preemption fades the lower airing out over the 0.5 s ending at its instant",
          "[arbiter]") {
    Arbiter arb;
    const Start weather = one<Start>(arb.due(occ("weather", at(10, 0, 0)), at(9, 59, 59, 500)));

    auto d = arb.due(occ("monthly-drill", at(10, 0, 30), Priority::urgent), at(10, 0, 29, 500));
    REQUIRE(d.size() == 2);
    const FadeOut fo = std::get<FadeOut>(d[0]);
    CHECK(fo.airing == weather.airing);
    CHECK(fo.from == at(10, 0, 29, 500));
    CHECK(fo.until == at(10, 0, 30));
    CHECK(fo.by == "monthly-drill");
    const Start drill = std::get<Start>(d[1]);
    CHECK(drill.at == at(10, 0, 30));
    CHECK(drill.delay == 0ms);
    // Sample-exact at 48 kHz: the fade runs over frames 1'416'000..1'440'000 and the drill's
    // first frame is frame 1'440'000.
    CHECK(frame48(fo.from, at(10, 0, 0)) == 1'416'000);
    CHECK(frame48(drill.at, at(10, 0, 0)) == 1'440'000);

    // The preempted occurrence goes back into the queue with its own priority and instant.
    d = arb.ended(weather.airing, at(10, 0, 30), EndKind::faded_out);
    const Wait w = one<Wait>(d);
    CHECK(w.occurrence.broadcast_id == "weather");
    CHECK(w.behind == "monthly-drill");
    CHECK(all_of<Final>(d).empty());
    REQUIRE(arb.waiting().size() == 1);

    CHECK(one<Final>(arb.ended(drill.airing, at(10, 0, 33), EndKind::finished)).outcome ==
          Outcome::aired);
    // It airs again from its start after the 2 s gap: decided 0.5 s ahead.
    REQUIRE(arb.next_deadline() == at(10, 0, 34, 500));
    const Start again = one<Start>(arb.tick(at(10, 0, 34, 500)));
    CHECK(again.occurrence.broadcast_id == "weather");
    CHECK(again.at == at(10, 0, 35));
    CHECK(frame48(again.at, at(10, 0, 0)) == 1'680'000);
    CHECK(again.attempt == 2);
    CHECK(again.delay == 35s);
    CHECK(again.waited_for == "monthly-drill");

    const Final f = one<Final>(arb.ended(again.airing, at(10, 1, 35), EndKind::finished));
    CHECK(f.outcome == Outcome::aired);
    CHECK(f.attempts == 2);
}

TEST_CASE("a preempted occurrence whose late window passes while it waits is interrupted",
          "[arbiter]") {
    Arbiter arb;
    const Start weather = one<Start>(
        arb.due(occ("weather", at(10, 0, 0), Priority::routine, 20s), at(9, 59, 59, 500)));
    const Start drill =
        one<Start>(arb.due(occ("drill", at(10, 0, 10), Priority::urgent), at(10, 0, 9, 500)));
    CHECK(one<Wait>(arb.ended(weather.airing, at(10, 0, 10), EndKind::faded_out)).behind ==
          "drill");
    arb.ended(drill.airing, at(10, 0, 19), EndKind::finished);
    // It could start again at 10:00:21, after its window (10:00:20) closed.
    REQUIRE(arb.next_deadline() == at(10, 0, 20, 1));
    CHECK(arb.tick(at(10, 0, 20)).empty());
    const Final f = one<Final>(arb.tick(at(10, 0, 20, 1)));
    CHECK(f.occurrence.broadcast_id == "weather");
    CHECK(f.outcome == Outcome::interrupted);
    CHECK(f.at == at(10, 0, 20, 1));
    CHECK(f.attempts == 1);
    CHECK(f.by == "drill");
    CHECK(f.reason == "interrupted by drill");
    CHECK(arb.idle());
}

TEST_CASE("a preempted occurrence whose window has already closed is interrupted at once",
          "[arbiter]") {
    Arbiter arb;
    const Start weather = one<Start>(
        arb.due(occ("weather", at(10, 0, 0), Priority::routine, 5s), at(9, 59, 59, 500)));
    arb.due(occ("drill", at(10, 0, 10), Priority::emergency), at(10, 0, 9, 500));
    const auto d = arb.ended(weather.airing, at(10, 0, 10), EndKind::faded_out);
    const Final f = one<Final>(d);
    CHECK(f.outcome == Outcome::interrupted);
    CHECK(f.at == at(10, 0, 10));
    CHECK(f.reason == "interrupted by drill");
    CHECK(all_of<Wait>(d).empty());
    CHECK(arb.waiting().empty());
}

TEST_CASE("a manual airing preempts right after the 0.5 s fade", "[arbiter]") {
    Arbiter arb;
    const Start weather = one<Start>(arb.due(occ("weather", at(10, 0, 0)), at(9, 59, 59, 500)));
    // An operator airs an urgent notice now: scheduled == now.
    const auto d =
        arb.due(occ("manual-1", at(10, 0, 10, 250), Priority::urgent), at(10, 0, 10, 250));
    const FadeOut fo = one<FadeOut>(d);
    CHECK(fo.airing == weather.airing);
    CHECK(fo.from == at(10, 0, 10, 250));
    CHECK(fo.until == at(10, 0, 10, 750));
    const Start s = one<Start>(d);
    CHECK(s.at == at(10, 0, 10, 750));
    CHECK(frame48(s.at, at(10, 0, 0)) == 516'000);
    CHECK(s.delay == 500ms);
}

TEST_CASE("a manual airing on a free output starts at once", "[arbiter]") {
    Arbiter arb;
    const Start s =
        one<Start>(arb.due(occ("manual-1", at(10, 0, 0), Priority::notice), at(10, 0, 0)));
    CHECK(s.at == at(10, 0, 0));
    CHECK(s.delay == 0ms);
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
        const Start a = one<Start>(arb.due(occ("a", at(10, 0, 0)), at(9, 59, 59, 500)));
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
        const Start a = one<Start>(arb.due(occ("a", at(10, 0, 0)), at(9, 59, 59, 500)));
        arb.ended(a.airing, at(10, 0, 10), EndKind::finished);
        const Start b = one<Start>(arb.due(occ("b", at(10, 0, 12)), at(10, 0, 11, 500)));
        CHECK(b.at == at(10, 0, 12));
        CHECK(b.delay == 0ms);
    }
    SECTION("gap_between 0") {
        Arbiter arb(ArbiterConfig{0ms, 500ms});
        const Start a = one<Start>(arb.due(occ("a", at(10, 0, 0)), at(9, 59, 59, 500)));
        arb.due(occ("b", at(10, 0, 5)), at(10, 0, 4, 500));
        const Start b = one<Start>(arb.ended(a.airing, at(10, 0, 10), EndKind::finished));
        CHECK(b.at == at(10, 0, 10));
        CHECK(b.delay == 5s);
    }
    SECTION("a preemption does not wait for the gap") {
        Arbiter arb;
        const Start a = one<Start>(arb.due(occ("a", at(10, 0, 0)), at(9, 59, 59, 500)));
        arb.ended(a.airing, at(10, 0, 10), EndKind::finished);
        const Start b = one<Start>(arb.due(occ("b", at(10, 0, 12)), at(10, 0, 11, 500)));
        const auto d = arb.due(occ("c", at(10, 0, 13), Priority::urgent), at(10, 0, 12, 500));
        CHECK(one<FadeOut>(d).airing == b.airing);
        CHECK(one<Start>(d).at == at(10, 0, 13));
    }
}

TEST_CASE("the late window is inclusive: scheduled + late may start, 1 ms later is missed",
          "[arbiter]") {
    SECTION("starts at exactly scheduled + late") {
        Arbiter arb;
        const Start a = one<Start>(arb.due(occ("a", at(9, 59, 0)), at(9, 58, 59, 500)));
        arb.due(occ("b", at(10, 0, 0), Priority::routine, 2min), at(9, 59, 59, 500));
        arb.ended(a.airing, at(10, 1, 58), EndKind::finished);
        const Start b = one<Start>(arb.tick(at(10, 1, 59, 500)));
        CHECK(b.at == at(10, 2, 0));
        CHECK(b.delay == 2min);
        CHECK(frame48(b.at, at(10, 0, 0)) == 5'760'000);
    }
    SECTION("1 ms later is missed, with the reason") {
        Arbiter arb;
        const Start a = one<Start>(arb.due(occ("a", at(9, 59, 0)), at(9, 58, 59, 500)));
        arb.due(occ("b", at(10, 0, 0), Priority::routine, 2min), at(9, 59, 59, 500));
        CHECK(arb.ended(a.airing, at(10, 1, 58, 1), EndKind::finished).size() == 1);
        REQUIRE(arb.next_deadline() == at(10, 2, 0, 1));
        CHECK(arb.tick(at(10, 2, 0)).empty());
        const Final f = one<Final>(arb.tick(at(10, 2, 0, 1)));
        CHECK(f.occurrence.broadcast_id == "b");
        CHECK(f.outcome == Outcome::missed);
        CHECK(f.at == at(10, 2, 0, 1));
        CHECK(f.attempts == 0);
        CHECK(f.by == "a");
        CHECK(f.reason == "late window passed while waiting for a");
        CHECK(arb.waiting().empty());
    }
    SECTION("missed while the blocking airing still airs") {
        Arbiter arb;
        one<Start>(arb.due(occ("meeting", at(10, 0, 0), Priority::notice), at(9, 59, 59, 500)));
        arb.due(occ("b", at(10, 0, 30), Priority::routine, 1min), at(10, 0, 29, 500));
        const Final f = one<Final>(arb.tick(at(10, 5, 0)));
        CHECK(f.at == at(10, 1, 30, 1));
        CHECK(f.reason == "late window passed while waiting for meeting");
    }
}

TEST_CASE("a failed airing has outcome failed with its reason, and the gap still applies",
          "[arbiter]") {
    Arbiter arb;
    const Start a = one<Start>(arb.due(occ("a", at(10, 0, 0)), at(9, 59, 59, 500)));
    arb.due(occ("b", at(10, 0, 5)), at(10, 0, 4, 500));
    auto d =
        arb.ended(a.airing, at(10, 0, 6), EndKind::failed, "clips/news.flac cannot be decoded");
    const Final f = one<Final>(d);
    CHECK(f.outcome == Outcome::failed);
    CHECK(f.reason == "clips/news.flac cannot be decoded");
    const Start b = one<Start>(arb.tick(at(10, 0, 7, 500)));
    CHECK(b.at == at(10, 0, 8));
}

TEST_CASE("an airing cut by a lost output waits to air again from its start, like a preempted one",
          "[arbiter]") {
    Arbiter arb;
    Occurrence o = occ("b", at(10, 0, 0));
    o.late = Millis(std::chrono::seconds(30));
    const Start b = one<Start>(arb.due(o, at(9, 59, 59, 500)));
    auto d =
        arb.ended(b.airing, at(10, 0, 9), EndKind::output_lost, "output lost: device unplugged");
    CHECK(one<Wait>(d).occurrence == o);
    // It starts again after the gap, attempt 2, within its window.
    const Start again = one<Start>(arb.tick(at(10, 0, 10, 500)));
    CHECK(again.at == at(10, 0, 11));
    CHECK(again.attempt == 2);
    // Lost again after its window: interrupted, for good, with the reason.
    d = arb.ended(again.airing, at(10, 0, 31), EndKind::output_lost,
                  "output lost: device unplugged");
    const Final f = one<Final>(d);
    CHECK(f.outcome == Outcome::interrupted);
    CHECK(f.reason == "output lost: device unplugged");
}

TEST_CASE("after a restart, an occurrence already late starts now if its window allows",
          "[arbiter]") {
    SECTION("within the window: starts at now, delayed") {
        Arbiter arb;
        const Start s = one<Start>(arb.due(occ("a", at(10, 0, 0)), at(10, 4, 0), "daemon down"));
        CHECK(s.at == at(10, 4, 0));
        CHECK(s.delay == 4min);
    }
    SECTION("exactly at the window's end: starts") {
        Arbiter arb;
        CHECK(one<Start>(arb.due(occ("a", at(10, 0, 0)), at(10, 10, 0), "daemon down")).at ==
              at(10, 10, 0));
    }
    SECTION("past the window: missed with the caller's reason") {
        Arbiter arb;
        const auto d = arb.due(occ("a", at(10, 0, 0)), at(10, 10, 0, 1), "daemon down");
        const Final f = one<Final>(d);
        CHECK(f.outcome == Outcome::missed);
        CHECK(f.reason == "daemon down");
        CHECK(f.at == at(10, 10, 0, 1));
        CHECK(arb.idle());
    }
    SECTION("a late one that outranks what airs preempts after the fade") {
        Arbiter arb;
        one<Start>(arb.due(occ("a", at(10, 4, 0)), at(10, 4, 0)));
        const auto d = arb.due(occ("u", at(10, 0, 0), Priority::urgent), at(10, 4, 1));
        CHECK(one<FadeOut>(d).until == at(10, 4, 1, 500));
        CHECK(one<Start>(d).at == at(10, 4, 1, 500));
    }
}

TEST_CASE("a start not yet reached is withdrawn for one that goes first", "[arbiter]") {
    SECTION("a manual airing inside the 0.5 s before a decided start") {
        Arbiter arb;
        const Start a = one<Start>(arb.due(occ("a", at(10, 0, 0)), at(9, 59, 59, 500)));
        const auto d =
            arb.due(occ("manual-1", at(9, 59, 59, 800), Priority::urgent), at(9, 59, 59, 800));
        const Withdraw w = one<Withdraw>(d);
        CHECK(w.airing == a.airing);
        CHECK(w.by == "manual-1");
        CHECK(one<Wait>(d).behind == "manual-1");
        CHECK(all_of<FadeOut>(d).empty());
        const Start m = one<Start>(d);
        CHECK(m.at == at(9, 59, 59, 800));
        arb.ended(m.airing, at(10, 0, 5), EndKind::finished);
        const Start again = one<Start>(arb.tick(at(10, 0, 6, 500)));
        CHECK(again.occurrence.broadcast_id == "a");
        CHECK(again.at == at(10, 0, 7));
        CHECK(again.attempt == 1);
        CHECK(again.waited_for == "manual-1");
    }
    SECTION("two occurrences at one instant fed lowest first") {
        Arbiter arb;
        const Start r = one<Start>(arb.due(occ("r", at(10, 0, 0)), at(9, 59, 59, 500)));
        const auto d = arb.due(occ("u", at(10, 0, 0), Priority::urgent), at(9, 59, 59, 500));
        CHECK(one<Withdraw>(d).airing == r.airing);
        const Start u = one<Start>(d);
        CHECK(u.at == at(10, 0, 0));
        CHECK(u.delay == 0ms);
        REQUIRE(arb.waiting().size() == 1);
        CHECK(arb.waiting()[0].broadcast_id == "r");
    }
    SECTION("a higher one during a fade replaces the one the fade was for") {
        Arbiter arb;
        const Start r = one<Start>(arb.due(occ("r", at(10, 0, 0)), at(9, 59, 59, 500)));
        const Start u =
            one<Start>(arb.due(occ("u", at(10, 0, 30), Priority::urgent), at(10, 0, 29, 500)));
        const auto d =
            arb.due(occ("e", at(10, 0, 30, 200), Priority::emergency), at(10, 0, 29, 700));
        CHECK(one<Withdraw>(d).airing == u.airing);
        const FadeOut fo = one<FadeOut>(d);
        CHECK(fo.airing == r.airing);
        CHECK(fo.until == at(10, 0, 30));
        CHECK(fo.by == "e");
        const Start e = one<Start>(d);
        CHECK(e.at == at(10, 0, 30, 200));
        CHECK(one<Wait>(arb.ended(r.airing, at(10, 0, 30), EndKind::faded_out)).behind == "e");
        std::vector<std::string> order;
        for (const auto& o : arb.waiting()) order.push_back(o.broadcast_id);
        CHECK(order == std::vector<std::string>{"u", "r"});
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
