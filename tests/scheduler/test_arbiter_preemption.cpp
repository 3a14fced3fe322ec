// Preemption: a higher priority fades out what airs over the 0.5 s before its instant, or
// withdraws a start not yet reached; what it displaced waits within its late window. Frames are
// at 48 kHz, counted from 10:00:00.000 (frame = ms * 48).

#include "test_arbiter_support.hpp"

using namespace vc;
using namespace vc::scheduler;
using namespace vc::scheduler::test;

TEST_CASE("a scheduled preemption fades the lower airing out over the 0.5 s ending at its instant",
          "[arbiter]") {
    Arbiter arb;
    const Start weather = start_at_ten(arb, "weather");

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
    final_at_deadline(arb, at(10, 0, 20, 1),
                      {"weather", Outcome::interrupted, 1, "drill", "interrupted by drill"});
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
    const Start weather = start_at_ten(arb, "weather");
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

TEST_CASE("a start not yet reached is withdrawn for one that goes first", "[arbiter]") {
    SECTION("a manual airing inside the 0.5 s before a decided start") {
        Arbiter arb;
        const Start a = start_at_ten(arb, "a");
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
        const Start r = start_at_ten(arb, "r");
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
        const Start r = start_at_ten(arb, "r");
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
