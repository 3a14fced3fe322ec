// Pages (live airings) under the conflict rules: a page waits behind an equal priority like any
// manual airing, is missed when its operator releases it before the line is free, and does not
// keep the gap between broadcasts.

#include "test_arbiter_support.hpp"

using namespace vc;
using namespace vc::scheduler;
using namespace vc::scheduler::test;

namespace {

Occurrence page(std::string id, Instant now, Priority p = Priority::urgent) {
    Occurrence o = occ(std::move(id), now, p, std::chrono::minutes(5));
    o.playlist.clear();
    o.live = "microphone";
    return o;
}

}  // namespace

TEST_CASE("a page released while it waits for the line is missed and frees the queue behind it",
          "[arbiter]") {
    Arbiter arb;
    const Start notice =
        one<Start>(arb.due(occ("notice", at(10, 0, 0), Priority::urgent), at(9, 59, 59, 500)));

    // An equal priority waits, told what holds the line.
    const Wait w = one<Wait>(arb.due(page("page-1", at(10, 0, 5)), at(10, 0, 5)));
    CHECK(w.behind == "notice");
    // A routine occurrence waits behind both.
    CHECK(one<Wait>(arb.due(occ("weather", at(10, 0, 6)), at(10, 0, 6))).behind == "notice");
    REQUIRE(arb.waiting().size() == 2);

    const auto d = arb.withdraw("page-1", at(10, 0, 8),
                                "released by operator 王芳 before the "
                                "line was free");
    const Final f = one<Final>(d);
    CHECK(f.occurrence.broadcast_id == "page-1");
    CHECK(f.outcome == Outcome::missed);
    CHECK(f.at == at(10, 0, 8));
    CHECK(f.attempts == 0);
    CHECK(f.by.empty());
    CHECK(f.reason == "released by operator 王芳 before the line was free");
    CHECK(all_of<Start>(d).empty());
    REQUIRE(arb.waiting().size() == 1);
    CHECK(arb.waiting()[0].broadcast_id == "weather");

    // Withdrawing what is not waiting changes nothing.
    CHECK(arb.withdraw("page-1", at(10, 0, 9), "again").empty());
    CHECK(arb.withdraw("notice", at(10, 0, 9), "on air").empty());

    // The routine one takes the line after the notice and the gap.
    CHECK(one<Final>(arb.ended(notice.airing, at(10, 0, 20), EndKind::finished)).outcome ==
          Outcome::aired);
    REQUIRE(arb.next_deadline() == at(10, 0, 21, 500));
    CHECK(one<Start>(arb.tick(at(10, 0, 21, 500))).occurrence.broadcast_id == "weather");
}

TEST_CASE("a page that waited starts as soon as the line is free, without the gap", "[arbiter]") {
    Arbiter arb;  // gap_between 2 s
    const Start notice =
        one<Start>(arb.due(occ("notice", at(10, 0, 0), Priority::urgent), at(9, 59, 59, 500)));
    CHECK(one<Wait>(arb.due(page("page-1", at(10, 0, 5)), at(10, 0, 5))).behind == "notice");
    CHECK(one<Wait>(arb.due(occ("weather", at(10, 0, 6)), at(10, 0, 6))).behind == "notice");

    const auto d = arb.ended(notice.airing, at(10, 0, 20), EndKind::finished);
    CHECK(one<Final>(d).outcome == Outcome::aired);
    const Start s = one<Start>(d);
    CHECK(s.occurrence.broadcast_id == "page-1");
    CHECK(s.at == at(10, 0, 20));
    CHECK(s.waited_for == "notice");

    // A scheduled broadcast after the page keeps the gap as before.
    CHECK(one<Final>(arb.ended(s.airing, at(10, 0, 30), EndKind::finished)).outcome ==
          Outcome::aired);
    REQUIRE(arb.next_deadline() == at(10, 0, 31, 500));
    const Start weather = one<Start>(arb.tick(at(10, 0, 31, 500)));
    CHECK(weather.occurrence.broadcast_id == "weather");
    CHECK(weather.at == at(10, 0, 32));
}
