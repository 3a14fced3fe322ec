// Late windows and airings that end badly: the inclusive window, failed airings, a lost
// output, and occurrences already late after a restart. Frames are at 48 kHz, counted from
// 10:00:00.000 (frame = ms * 48).

#include "test_arbiter_support.hpp"

using namespace vc;
using namespace vc::scheduler;
using namespace vc::scheduler::test;

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
        final_at_deadline(arb, at(10, 2, 0, 1),
                          {"b", Outcome::missed, 0, "a", "late window passed while waiting for a"});
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
    const Start a = start_at_ten(arb, "a");
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
