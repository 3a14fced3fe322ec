// The airing mixer: airings at absolute frames of one stream, their events, failures, and
// what it refuses.

#include <catch2/catch.hpp>

#include "tests/audio/airing_mixer_support.hpp"

using namespace vc::audio;
using namespace vc::test;
using Catch::Contains;
using Kind = StreamEvent::Kind;

TEST_CASE(
    "timeline frame k of an airing added at frame S plays at output frame S + k, whatever the "
    "blocks") {
    vc::test::TempDir dir;
    vc::test::write_clicks(dir / "c.wav", 48000, 1, 20000, {0, 100, 5000, 19999}, 0.5f);
    const auto t = shared_timeline(25000, {placement(dir / "c.wav", 1000, 20000)});
    const std::int64_t s = 12345;
    const float v = pcm16(0.5f);
    for (std::int64_t block : {7, 333, 4096, 10007, 60000}) {
        INFO("block " << block);
        AiringMixer m(stereo, {});
        std::vector<float> out;
        std::vector<StreamEvent> events;
        render(m, 2000, out, events, block);
        m.add(1, t, s, Layer::foreground);
        render(m, 60000 - 2000, out, events, block);
        CHECK(m.position() == 60000);
        int nonzero = 0;
        for (float x : out) {
            nonzero += x != 0.0f;
        }
        CHECK(nonzero == 8);  // four clicks, two channels, nothing else
        for (std::int64_t k : {1000, 1100, 6000, 20999}) {
            CHECK(sample_at(out, s + k, 0) == v);
            CHECK(sample_at(out, s + k, 1) == v);
        }
        CHECK(events == std::vector<StreamEvent>{started(1, s), ended(1, s + 25000, true)});
    }
}

TEST_CASE("an airing added at the mixer's current position starts exactly there") {
    // The master limiter's look-ahead has already seen these frames: the mixer must still
    // place the airing on them.
    vc::test::TempDir dir;
    vc::test::write_clicks(dir / "c.wav", 48000, 1, 1000, {0, 1, 999}, 0.5f);
    const auto t = shared_timeline(1000, {placement(dir / "c.wav", 0, 1000)});
    AiringMixer m(stereo, {});
    std::vector<float> out;
    std::vector<StreamEvent> events;
    render(m, 1001, out, events, 1001);
    m.add(1, t, m.position(), Layer::foreground);
    render(m, 3, out, events, 3);
    m.add(2, t, m.position() + 1, Layer::foreground);
    render(m, 5000, out, events, 512);
    const float v = pcm16(0.5f);
    CHECK(sample_at(out, 1001) == v);
    CHECK(sample_at(out, 1002) == v);
    CHECK(sample_at(out, 2000) == v);
    CHECK(sample_at(out, 1005) == v);
    CHECK(sample_at(out, 1006) == v);
    CHECK(sample_at(out, 2004) == v);
    CHECK(sample_at(out, 1003) == 0.0f);
    CHECK(sample_at(out, 1000) == 0.0f);
    CHECK(events == std::vector<StreamEvent>{started(1, 1001), started(2, 1005),
                                             ended(1, 2001, true), ended(2, 2005, true)});
    CHECK(m.idle());
}

TEST_CASE("airings in sequence: exact events, ends before starts at the same frame") {
    vc::test::TempDir dir;
    vc::test::write_clicks(dir / "c.wav", 48000, 1, 20000, {0, 19999}, 0.5f);
    const auto t = shared_timeline(20000, {placement(dir / "c.wav", 0, 20000)});
    AiringMixer m(stereo, {});
    m.add(1, t, 1000, Layer::foreground);
    m.add(2, t, 21000, Layer::foreground);
    std::vector<float> out;
    std::vector<StreamEvent> events;
    render(m, 50000, out, events, 4000);
    INFO(describe(events));
    CHECK(events == std::vector<StreamEvent>{started(1, 1000), ended(1, 21000, true),
                                             started(2, 21000), ended(2, 41000, true)});
    const float v = pcm16(0.5f);
    for (std::int64_t f : {1000, 20999, 21000, 40999}) {
        CHECK(sample_at(out, f) == v);
    }
    CHECK(m.idle());
    CHECK_FALSE(m.next_event_frame());
}

TEST_CASE("next_event_frame lets a simulated run jump from event to event") {
    vc::test::TempDir dir;
    write_dc(dir / "dc.wav", 10000, 0.1f);
    AiringMixer m(stereo, {});
    CHECK_FALSE(m.next_event_frame());
    CHECK(m.idle());
    m.add(1, shared_timeline(5000, {placement(dir / "dc.wav", 0, 5000)}), 1000, Layer::foreground);
    m.add(2, shared_timeline(1000, {placement(dir / "dc.wav", 0, 1000)}), 3000, Layer::background);
    m.add(3, shared_timeline(0, {}), 3000,
          Layer::foreground);  // nothing to play: starts and ends at once
    m.add(4, shared_timeline(9000, {placement(dir / "dc.wav", 0, 9000)}), 2000, Layer::background);
    std::vector<std::int64_t> seen;
    std::vector<StreamEvent> events;
    std::vector<float> out;
    while (const auto next = m.next_event_frame()) {
        seen.push_back(*next);
        if (*next == 4000) {
            m.fade_out(4, 8000, 500);
        }
        render(m, *next + 1 - m.position(), out, events);
        REQUIRE(seen.size() < 20);
    }
    CHECK(seen == std::vector<std::int64_t>{1000, 2000, 3000, 4000, 6000, 8000});
    INFO(describe(events));
    CHECK(events == std::vector<StreamEvent>{started(1, 1000), started(4, 2000), started(2, 3000),
                                             started(3, 3000), ended(3, 3000, true),
                                             ended(2, 4000, true), ended(1, 6000, true),
                                             ended(4, 8000, false)});
    CHECK(m.idle());
}

TEST_CASE("the mixer refuses airings it cannot place exactly") {
    vc::test::TempDir dir;
    AiringMixer m(stereo, {});
    std::vector<float> out;
    std::vector<StreamEvent> events;
    render(m, 100, out, events);
    const auto t = shared_timeline(10, {});
    CHECK_THROWS_WITH(m.add(1, t, 99, Layer::foreground),
                      Contains("frame 99") && Contains("already rendered"));
    m.add(1, t, 100, Layer::foreground);
    CHECK_THROWS_WITH(m.add(1, t, 200, Layer::foreground), Contains("already on the stream"));
    auto mono = std::make_shared<Timeline>(*t);
    mono->format.channels = 1;
    CHECK_THROWS_WITH(m.add(2, mono, 200, Layer::foreground),
                      Contains("1 channels") && Contains("2 channels"));
    CHECK_THROWS_AS(m.add(3, std::shared_ptr<const Timeline>{}, 200, Layer::foreground),
                    std::invalid_argument);
}
TEST_CASE(
    "a clip that fails mid-way ends its airing with a failed event, the other airing goes on") {
    vc::test::TempDir dir;
    vc::test::write_clicks(dir / "a1.wav", 48000, 1, 48000, {0, 1000}, 0.5f);
    vc::test::write_tone(dir / "a2.wav", 48000, 1, 1.0, 440.0, 0.5);
    vc::test::write_clicks(dir / "b.wav", 48000, 1, 100000, {0, 50000, 99999}, 0.5f);
    const auto a = shared_timeline(
        96000, {placement(dir / "a1.wav", 0, 48000), placement(dir / "a2.wav", 48000, 48000)});
    const auto b = shared_timeline(100000, {placement(dir / "b.wav", 0, 100000)});
    // The library said a2 was fine when the timeline was built; by air time it is garbage.
    vc::test::write_bytes(dir / "a2.wav", std::string(5000, 'x'));

    AiringMixer m(stereo, {});
    m.add(1, a, 10000, Layer::foreground);
    m.add(2, b, 5000, Layer::foreground);
    std::vector<float> out;
    std::vector<StreamEvent> events;
    render(m, 150000, out, events);
    INFO(describe(events));
    REQUIRE(events.size() == 4);
    CHECK(events[0] == started(2, 5000));
    CHECK(events[1] == started(1, 10000));
    CHECK(events[2].kind == Kind::failed);
    CHECK(events[2].id == 1);
    CHECK_THAT(events[2].error, Contains("clip a2") && Contains("a2.wav"));
    // It stopped where its renderer stopped delivering: before a2's first frame (58000), at
    // most a render step and the look-ahead earlier.
    const std::int64_t stop = events[2].frame;
    CHECK(stop <= 58000);
    CHECK(stop > 58000 - 4096 - 2 * m.lookahead());
    CHECK(events[3] == ended(2, 105000, true));
    const float v = pcm16(0.5f);
    CHECK(sample_at(out, 10000) == v);
    CHECK(sample_at(out, 11000) == v);
    for (std::int64_t f : {5000, 55000, 104999}) {
        CHECK(sample_at(out, f) == v);
    }
    int nonzero = 0;
    for (float x : out) {
        nonzero += x != 0.0f;
    }
    CHECK(nonzero == 2 * 5);
}
