// Background airings: never waiting for foreground ones, never interrupted by them, replaced by
// the next background occurrence. How loud they are under a foreground airing (ducked, or
// silent under an emergency) is the mixer's one decision (tests/audio/test_airing_mixer.cpp).

#include "test_arbiter_support.hpp"

using namespace vc;
using namespace vc::scheduler;
using namespace vc::scheduler::test;

namespace {

Occurrence bg(std::string id, Instant scheduled) {
    return occ(std::move(id), scheduled, Priority::background);
}

}  // namespace

TEST_CASE("background plays on under foreground airings and emergencies", "[arbiter]") {
    Arbiter arb;
    std::vector<Decision> log;
    auto keep = [&log](std::vector<Decision> d) {
        log.insert(log.end(), d.begin(), d.end());
        return d;
    };
    auto d = keep(arb.due(bg("music", at(10, 0, 0)), at(9, 59, 59, 500)));
    REQUIRE(d.size() == 1);
    const Start music = one<Start>(d);
    CHECK(music.at == at(10, 0, 0));

    d = keep(arb.due(occ("weather", at(10, 0, 10)), at(10, 0, 9, 500)));
    const Start weather = one<Start>(d);
    CHECK(weather.at == at(10, 0, 10));
    CHECK(d.size() == 1);

    d = keep(arb.ended(weather.airing, at(10, 0, 20), EndKind::finished));
    CHECK(one<Final>(d).occurrence.broadcast_id == "weather");

    d = keep(arb.due(occ("alarm", at(10, 0, 30), Priority::emergency), at(10, 0, 29, 500)));
    const Start alarm = one<Start>(d);
    CHECK(d.size() == 1);

    d = keep(arb.due(occ("urgent-1", at(10, 0, 40), Priority::urgent), at(10, 0, 39, 500)));
    CHECK(one<Wait>(d).behind == "alarm");

    d = keep(arb.ended(alarm.airing, at(10, 0, 50), EndKind::finished));
    CHECK(one<Final>(d).occurrence.broadcast_id == "alarm");
    d = keep(arb.tick(at(10, 0, 51, 500)));
    CHECK(one<Start>(d).at == at(10, 0, 52));

    // The background airing was never faded, withdrawn or ended by any of it.
    for (const auto& f : all_of<FadeOut>(log)) CHECK(f.airing != music.airing);
    CHECK(all_of<Withdraw>(log).empty());
    for (const auto& f : all_of<Final>(log)) CHECK(f.occurrence.broadcast_id != "music");
}

TEST_CASE("an emergency preempting a foreground airing leaves the background alone", "[arbiter]") {
    Arbiter arb;
    const Start music = one<Start>(arb.due(bg("music", at(10, 0, 0)), at(9, 59, 59, 500)));
    const Start weather = one<Start>(arb.due(occ("weather", at(10, 0, 10)), at(10, 0, 9, 500)));
    auto d = arb.due(occ("alarm", at(10, 0, 30), Priority::emergency), at(10, 0, 29, 500));
    CHECK(one<FadeOut>(d).airing == weather.airing);
    CHECK(d.size() == 2);
    const Start alarm = one<Start>(d);
    arb.ended(weather.airing, at(10, 0, 30), EndKind::faded_out);
    d = arb.ended(alarm.airing, at(10, 0, 40), EndKind::finished);
    CHECK(one<Final>(d).occurrence.broadcast_id == "alarm");
    d = arb.tick(at(10, 0, 41, 500));
    CHECK(one<Start>(d).occurrence.broadcast_id == "weather");
    CHECK(one<Start>(d).at == at(10, 0, 42));
    for (const auto& f : all_of<FadeOut>(d)) CHECK(f.airing != music.airing);
}

TEST_CASE("background never waits for a foreground airing", "[arbiter]") {
    SECTION("under a routine airing") {
        Arbiter arb;
        start_at_ten(arb, "weather");
        const auto d = arb.due(bg("music", at(10, 0, 5)), at(10, 0, 4, 500));
        const Start music = one<Start>(d);
        CHECK(music.at == at(10, 0, 5));
        CHECK(music.delay == 0ms);
        CHECK(d.size() == 1);
    }
    SECTION("under an emergency") {
        Arbiter arb;
        one<Start>(arb.due(occ("alarm", at(10, 0, 0), Priority::emergency), at(9, 59, 59, 500)));
        const auto d = arb.due(bg("music", at(10, 0, 5)), at(10, 0, 4, 500));
        const Start music = one<Start>(d);
        CHECK(music.at == at(10, 0, 5));
        CHECK(d.size() == 1);
    }
}

TEST_CASE("a second background occurrence replaces the first, which is interrupted", "[arbiter]") {
    Arbiter arb;
    const Start first = one<Start>(arb.due(bg("music", at(10, 0, 0)), at(9, 59, 59, 500)));
    auto d = arb.due(bg("opera", at(10, 5, 0)), at(10, 4, 59, 500));
    CHECK(one<FadeOut>(d) == FadeOut{first.airing, at(10, 4, 59, 500), at(10, 5, 0), "opera"});
    const Start second = one<Start>(d);
    CHECK(second.at == at(10, 5, 0));
    CHECK(frame48(second.at, at(10, 0, 0)) == 14'400'000);
    d = arb.ended(first.airing, at(10, 5, 0), EndKind::faded_out);
    const Final f = one<Final>(d);
    CHECK(f.occurrence.broadcast_id == "music");
    CHECK(f.outcome == Outcome::interrupted);
    CHECK(f.by == "opera");
    CHECK(f.reason == "interrupted by opera");
    CHECK(one<Final>(arb.ended(second.airing, at(10, 30, 0), EndKind::finished)).outcome ==
          Outcome::aired);
    CHECK(arb.idle());
}

TEST_CASE("a withdrawn foreground start leaves the background playing", "[arbiter]") {
    Arbiter arb;
    const Start music = one<Start>(arb.due(bg("music", at(9, 0, 0)), at(8, 59, 59, 500)));
    auto d = arb.due(occ("weather", at(10, 0, 0)), at(9, 59, 59, 500));
    CHECK(one<Start>(d).at == at(10, 0, 0));
    d = arb.due(occ("manual-1", at(9, 59, 59, 800), Priority::urgent), at(9, 59, 59, 800));
    REQUIRE(d.size() == 3);
    CHECK(std::get<Withdraw>(d[0]).airing != music.airing);
    CHECK(std::get<Wait>(d[1]).occurrence.broadcast_id == "weather");
    CHECK(std::get<Start>(d[2]).at == at(9, 59, 59, 800));
}
