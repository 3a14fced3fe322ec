// Background airings: never waiting for foreground ones, never interrupted by them; ducked
// under them (0.5 s down from the foreground start, 1 s up after its end), silent under an
// emergency, replaced by the next background occurrence.

#include "test_arbiter_support.hpp"

using namespace vc;
using namespace vc::sched;
using namespace vc::sched::test;

namespace {

Occurrence bg(std::string id, Instant scheduled) {
    return occ(std::move(id), scheduled, Priority::background);
}

}  // namespace

TEST_CASE("background ducks under foreground airings and goes silent under an emergency",
          "[arbiter]") {
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
    CHECK(one<Duck>(d) == Duck{music.airing, at(10, 0, 10), 500ms, -15.0});

    d = keep(arb.ended(weather.airing, at(10, 0, 20), EndKind::finished));
    CHECK(one<Unduck>(d) == Unduck{music.airing, at(10, 0, 20), 1000ms});

    d = keep(arb.due(occ("alarm", at(10, 0, 30), Priority::emergency), at(10, 0, 29, 500)));
    const Start alarm = one<Start>(d);
    CHECK(one<Mute>(d) == Mute{music.airing, at(10, 0, 30), 500ms});

    d = keep(arb.due(occ("urgent-1", at(10, 0, 40), Priority::urgent), at(10, 0, 39, 500)));
    CHECK(one<Wait>(d).behind == "alarm");

    d = keep(arb.ended(alarm.airing, at(10, 0, 50), EndKind::finished));
    CHECK(one<Unduck>(d) == Unduck{music.airing, at(10, 0, 50), 1000ms});
    d = keep(arb.tick(at(10, 0, 51, 500)));
    CHECK(one<Start>(d).at == at(10, 0, 52));
    CHECK(one<Duck>(d) == Duck{music.airing, at(10, 0, 52), 500ms, -15.0});

    // The background airing was never faded, withdrawn or ended by any of it.
    for (const auto& f : all_of<FadeOut>(log)) CHECK(f.airing != music.airing);
    CHECK(all_of<Withdraw>(log).empty());
    for (const auto& f : all_of<Final>(log)) CHECK(f.occurrence.broadcast_id != "music");
}

TEST_CASE("an emergency preempting a ducked foreground airing mutes the background", "[arbiter]") {
    Arbiter arb;
    const Start music = one<Start>(arb.due(bg("music", at(10, 0, 0)), at(9, 59, 59, 500)));
    const Start weather = one<Start>(arb.due(occ("weather", at(10, 0, 10)), at(10, 0, 9, 500)));
    auto d = arb.due(occ("alarm", at(10, 0, 30), Priority::emergency), at(10, 0, 29, 500));
    CHECK(one<FadeOut>(d).airing == weather.airing);
    CHECK(one<Mute>(d) == Mute{music.airing, at(10, 0, 30), 500ms});
    const Start alarm = one<Start>(d);
    arb.ended(weather.airing, at(10, 0, 30), EndKind::faded_out);
    d = arb.ended(alarm.airing, at(10, 0, 40), EndKind::finished);
    CHECK(one<Unduck>(d) == Unduck{music.airing, at(10, 0, 40), 1000ms});
    d = arb.tick(at(10, 0, 41, 500));
    CHECK(one<Start>(d).occurrence.broadcast_id == "weather");
    CHECK(one<Duck>(d).from == at(10, 0, 42));
}

TEST_CASE("background never waits for a foreground airing: it starts ducked, or muted",
          "[arbiter]") {
    SECTION("under a routine airing") {
        Arbiter arb;
        one<Start>(arb.due(occ("weather", at(10, 0, 0)), at(9, 59, 59, 500)));
        const auto d = arb.due(bg("music", at(10, 0, 5)), at(10, 0, 4, 500));
        const Start music = one<Start>(d);
        CHECK(music.at == at(10, 0, 5));
        CHECK(music.delay == 0ms);
        CHECK(one<Duck>(d) == Duck{music.airing, at(10, 0, 5), 0ms, -15.0});
        CHECK(all_of<Wait>(d).empty());
    }
    SECTION("under an emergency") {
        Arbiter arb;
        one<Start>(arb.due(occ("alarm", at(10, 0, 0), Priority::emergency), at(9, 59, 59, 500)));
        const auto d = arb.due(bg("music", at(10, 0, 5)), at(10, 0, 4, 500));
        const Start music = one<Start>(d);
        CHECK(one<Mute>(d) == Mute{music.airing, at(10, 0, 5), 0ms});
    }
    SECTION("with the station's duck_db") {
        Arbiter arb(ArbiterConfig{2s, -9.5, 500ms, 500ms, 1000ms});
        one<Start>(arb.due(occ("weather", at(10, 0, 0)), at(9, 59, 59, 500)));
        CHECK(one<Duck>(arb.due(bg("music", at(10, 0, 5)), at(10, 0, 4, 500))).gain_db == -9.5);
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

TEST_CASE("a withdrawn foreground start takes its duck back", "[arbiter]") {
    Arbiter arb;
    const Start music = one<Start>(arb.due(bg("music", at(9, 0, 0)), at(8, 59, 59, 500)));
    auto d = arb.due(occ("weather", at(10, 0, 0)), at(9, 59, 59, 500));
    CHECK(one<Duck>(d).from == at(10, 0, 0));
    d = arb.due(occ("manual-1", at(9, 59, 59, 800), Priority::urgent), at(9, 59, 59, 800));
    REQUIRE(d.size() == 5);
    CHECK(std::holds_alternative<Withdraw>(d[0]));
    CHECK(std::get<Unduck>(d[1]) == Unduck{music.airing, at(9, 0, 0), 0ms});
    CHECK(std::get<Wait>(d[2]).occurrence.broadcast_id == "weather");
    CHECK(std::get<Start>(d[3]).at == at(9, 59, 59, 800));
    CHECK(std::get<Duck>(d[4]) == Duck{music.airing, at(9, 59, 59, 800), 500ms, -15.0});
}
