// The airing mixer's levels: fades, ducking under a foreground airing, the ceiling, and the
// same bytes for the same calls.

#include <catch2/catch.hpp>

#include <cmath>
#include <cstring>

#include "tests/audio/airing_mixer_support.hpp"
#include "tests/audio/measure.hpp"

using namespace vc::audio;
using namespace vc::test;

TEST_CASE("fade_out ends an airing exactly at the frame asked, with a linear ramp") {
    vc::test::TempDir dir;
    write_dc(dir / "dc.wav", 96000, 0.5f);
    const auto t = shared_timeline(96000, {placement(dir / "dc.wav", 0, 96000)});
    const double v = pcm16(0.5f);
    AiringMixer m(stereo, {});
    m.add(1, t, 0, Layer::foreground);
    std::vector<float> out;
    std::vector<StreamEvent> events;

    SECTION("the fade starts at end - fade") {
        render(m, 10000, out, events);
        m.fade_out(1, 30000, 12000);
        CHECK(m.next_event_frame() == 30000);
        render(m, 40000, out, events, 777);
        CHECK(sample_at(out, 17999) == Approx(v).epsilon(1e-6));
        for (std::int64_t f : {18000, 18001, 24000, 29000, 29998, 29999}) {
            CHECK(sample_at(out, f) ==
                  Approx(v * static_cast<double>(30000 - f) / 12000.0).epsilon(1e-5));
        }
        CHECK(sample_at(out, 29999) > 0.0f);  // the last sample is end - 1
        for (std::int64_t f = 30000; f < 50000; ++f) {
            REQUIRE(sample_at(out, f) == 0.0f);
        }
        CHECK(events == std::vector<StreamEvent>{started(1, 0), ended(1, 30000, false)});
    }
    SECTION("a fade whose start is past begins now") {
        render(m, 25000, out, events);
        m.fade_out(1, 30000, 12000);
        render(m, 10000, out, events);
        CHECK(sample_at(out, 24999) == Approx(v).epsilon(1e-6));
        for (std::int64_t f : {25000, 27500, 29999}) {
            CHECK(sample_at(out, f) ==
                  Approx(v * static_cast<double>(30000 - f) / 5000.0).epsilon(1e-5));
        }
        CHECK(sample_at(out, 30000) == 0.0f);
        CHECK(events.back() == ended(1, 30000, false));
    }
    SECTION("a second fade-out can only bring the end closer") {
        render(m, 10000, out, events);
        m.fade_out(1, 40000, 20000);  // from 20000
        m.fade_out(1, 50000, 1000);   // later: ignored
        render(m, 20000, out, events);
        m.fade_out(1, 32000, 2000);  // from 30000, at the gain the first fade had reached there
        render(m, 10000, out, events);
        CHECK(sample_at(out, 25000) == Approx(v * 0.75).epsilon(1e-5));
        const double g30000 = 10000.0 / 20000.0;
        CHECK(sample_at(out, 30000) == Approx(v * g30000).epsilon(1e-5));
        CHECK(sample_at(out, 31000) == Approx(v * g30000 * 0.5).epsilon(1e-5));
        CHECK(sample_at(out, 31999) > 0.0f);
        CHECK(sample_at(out, 32000) == 0.0f);
        CHECK(events.back() == ended(1, 32000, false));
    }
    SECTION("an end at or before the current frame cuts at once") {
        render(m, 10000, out, events);
        m.fade_out(1, 5000, 100);
        render(m, 100, out, events);
        CHECK(sample_at(out, 9999) == Approx(v).epsilon(1e-6));
        CHECK(sample_at(out, 10000) == 0.0f);
        CHECK(events.back() == ended(1, 10000, false));
    }
}

TEST_CASE("fade_out before an airing starts removes it") {
    vc::test::TempDir dir;
    write_dc(dir / "dc.wav", 20000, 0.5f);
    const auto t = shared_timeline(20000, {placement(dir / "dc.wav", 0, 20000)});
    AiringMixer m(stereo, {});
    m.add(7, t, 50000, Layer::foreground);
    std::vector<float> out;
    std::vector<StreamEvent> events;
    render(m, 10000, out, events);
    CHECK(events.empty());
    CHECK(m.next_event_frame() == 50000);
    m.fade_out(7, 60000, 1000);
    CHECK(m.next_event_frame() == 10000);  // the removal is reported with the next render
    CHECK_FALSE(m.idle());
    render(m, 1, out, events);
    CHECK(events == std::vector<StreamEvent>{ended(7, 50000, false)});
    CHECK(m.idle());
    render(m, 70000, out, events);
    for (float x : out) {
        REQUIRE(x == 0.0f);
    }
    CHECK(events.size() == 1);
    m.fade_out(7, 80000, 10);  // unknown by now: ignored
    CHECK(m.idle());
}

TEST_CASE(
    "the background is ducked by duck_db while a foreground airing plays, with ramps of the set "
    "lengths") {
    vc::test::TempDir dir;
    write_dc(dir / "bed.wav", 240000, 0.25f);
    const auto bed = shared_timeline(240000, {placement(dir / "bed.wav", 0, 240000)});
    const auto announcement = shared_timeline(48000, {});  // silence: the output is the bed alone
    const double v = pcm16(0.25f);
    const double g = std::pow(10.0, -15.0 / 20.0);
    const bool mute = GENERATE(false, true);
    INFO((mute ? "mutes_background" : "ducks"));
    const double low = mute ? 0.0 : g;

    AiringMixer m(stereo, {});  // defaults: -15 dB, down over 0.5 s, up over 1 s
    m.add(1, bed, 0, Layer::background);
    m.add(2, announcement, 48000, Layer::foreground, mute);
    std::vector<float> out;
    std::vector<StreamEvent> events;
    render(m, 240000, out, events, 1000);

    // Before, and at the foreground's first frame: full level.
    CHECK(sample_at(out, 0) == Approx(v).epsilon(1e-6));
    CHECK(sample_at(out, 48000) == Approx(v).epsilon(1e-6));
    // Down over 24000 frames, linearly.
    for (std::int64_t into : {6000, 12000, 18000}) {
        CHECK(sample_at(out, 48000 + into) ==
              Approx(v * (1.0 + (low - 1.0) * static_cast<double>(into) / 24000.0)).epsilon(1e-5));
    }
    // During: duck_db down (or silent) from 72000 to the foreground's last frame.
    const std::vector<float> during = vc::test::channel_of(out, 2, 0, 72000, 96000);
    if (mute) {
        CHECK(vc::test::peak(during) == 0.0f);
    } else {
        CHECK(db(vc::test::rms(during) / v) == Approx(-15.0).margin(0.5));
        CHECK(db(vc::test::peak(during) / v) == Approx(-15.0).margin(0.01));
    }
    CHECK(sample_at(out, 95999) == Approx(v * low).margin(1e-7));
    // Up over 48000 frames from the frame after the foreground's last.
    CHECK(sample_at(out, 96000) == Approx(v * low).margin(1e-7));
    for (std::int64_t into : {12000, 24000, 36000}) {
        CHECK(sample_at(out, 96000 + into) ==
              Approx(v * (low + (1.0 - low) * static_cast<double>(into) / 48000.0)).epsilon(1e-5));
    }
    CHECK(sample_at(out, 144000) == Approx(v).epsilon(1e-6));
    const std::vector<float> after = vc::test::channel_of(out, 2, 0, 144000, 240000);
    CHECK(db(vc::test::rms(after) / v) == Approx(0.0).margin(0.01));
    CHECK(events ==
          std::vector<StreamEvent>{started(1, 0), started(2, 48000), ended(2, 96000, true)});
}

TEST_CASE("a hot foreground over a hot background never passes the ceiling") {
    vc::test::TempDir dir;
    vc::test::write_noise(dir / "fg.wav", 48000, 2, 3.0, 1.0, 3);
    vc::test::write_tone(dir / "bg.wav", 48000, 2, 5.0, 440.0, 1.0);
    auto fg = std::make_shared<Timeline>(
        *shared_timeline(144000, {placement(dir / "fg.wav", 0, 144000, 48000, 2)}));
    fg->placements[0].gain_db = 6.0;
    const auto bg = shared_timeline(240000, {placement(dir / "bg.wav", 0, 240000, 48000, 2)});
    AiringMixer m(stereo, {});
    m.add(1, bg, 0, Layer::background);
    m.add(2, fg, 30000, Layer::foreground);
    m.add(3, fg, 60000, Layer::foreground);  // two announcements at once, too
    std::vector<float> out;
    std::vector<StreamEvent> events;
    render(m, 240000, out, events, 1000);
    const auto ceiling = static_cast<float>(std::pow(10.0, -1.0 / 20.0));
    CHECK(vc::test::peak(out) <= ceiling);
    CHECK(vc::test::peak(out) > 0.97f * ceiling);  // and it is loud: limited, not silenced
    // Alone, the background plays at its own (limited) level, untouched by the master stage.
    const std::vector<float> alone = vc::test::channel_of(out, 2, 0, 0, 30000);
    CHECK(db(vc::test::peak(alone) / ceiling) == Approx(0.0).margin(0.1));
}

TEST_CASE("the mixer is deterministic: the same calls give the same bytes") {
    vc::test::TempDir dir;
    vc::test::write_noise(dir / "n.wav", 48000, 2, 2.0, 0.9, 5);
    vc::test::write_tone(dir / "t.wav", 48000, 1, 4.0, 330.0, 0.9);
    const auto fg = shared_timeline(96000, {placement(dir / "n.wav", 0, 96000, 48000, 2)});
    const auto bg = shared_timeline(192000, {placement(dir / "t.wav", 0, 192000)});
    auto run = [&](std::vector<StreamEvent>& events) {
        AiringMixer m(stereo, {});
        std::vector<float> out;
        m.add(1, bg, 100, Layer::background);
        render(m, 20000, out, events, 999);
        m.add(2, fg, 30000, Layer::foreground);
        render(m, 50000, out, events, 999);
        m.fade_out(2, 100000, 24000);
        render(m, 130000, out, events, 999);
        return out;
    };
    std::vector<StreamEvent> e1, e2;
    const auto a = run(e1);
    const auto b = run(e2);
    REQUIRE(a.size() == b.size());
    CHECK(std::memcmp(a.data(), b.data(), a.size() * sizeof(float)) == 0);
    CHECK(e1 == e2);
    CHECK(vc::test::peak(a) > 0.5f);
}
