// The airing mixer: airings at absolute frames of one stream, fades, ducking, failures, ceiling.

#include <catch2/catch.hpp>

#include <cmath>
#include <cstring>

#include "audio/stream/airing_mixer.hpp"
#include "tests/audio/measure.hpp"
#include "tests/support/fixtures.hpp"

using namespace vc::audio;
using Catch::Contains;
using Kind = StreamEvent::Kind;

namespace {

constexpr AudioFormat stereo{48000, 2};

Placement place(const std::filesystem::path& file, std::int64_t start, std::int64_t length,
                int channels = 1) {
    Placement p;
    p.file = file;
    p.clip_id = file.stem().string();
    p.start = start;
    p.length = length;
    p.source_frames = length;
    p.source_rate = 48000;
    p.source_channels = channels;
    return p;
}

std::shared_ptr<const Timeline> timeline_of(std::int64_t length,
                                            std::vector<Placement> placements) {
    auto t = std::make_shared<Timeline>();
    t->format = stereo;
    t->length = length;
    t->placements = std::move(placements);
    return t;
}

/// Renders `frames` more frames in blocks of `block`, appending to `out` and `events`.
void render(AiringMixer& m, std::int64_t frames, std::vector<float>& out,
            std::vector<StreamEvent>& events, std::int64_t block = 4096) {
    std::vector<float> buf(static_cast<std::size_t>(block * 2));
    while (frames > 0) {
        const std::int64_t n = std::min(block, frames);
        m.render(buf.data(), n, events);
        out.insert(out.end(), buf.begin(), buf.begin() + n * 2);
        frames -= n;
    }
}

float at(const std::vector<float>& out, std::int64_t frame, int channel = 0) {
    return out[static_cast<std::size_t>(frame * 2 + channel)];
}

/// The value a PCM-16 fixture stores for `v`.
float pcm16(float v) {
    return static_cast<float>(std::lrint(v * 32767.0)) / 32768.0f;
}

void write_dc(const std::filesystem::path& file, std::int64_t frames, float value) {
    vc::test::write_audio(file, 48000, 1, frames, [=](std::int64_t, int) { return value; });
}

StreamEvent started(AiringId id, std::int64_t frame) {
    return {Kind::started, id, frame, false, {}};
}
StreamEvent ended(AiringId id, std::int64_t frame, bool completed) {
    return {Kind::ended, id, frame, completed, {}};
}

std::string describe(const std::vector<StreamEvent>& events) {
    std::string s;
    for (const auto& e : events) {
        s += std::string(e.kind == Kind::started ? "started"
                         : e.kind == Kind::ended ? "ended"
                                                 : "failed") +
             " " + std::to_string(e.id) + "@" + std::to_string(e.frame) +
             (e.completed ? " completed" : "") + (e.error.empty() ? "" : " (" + e.error + ")") +
             "\n";
    }
    return s;
}

double db(double ratio) {
    return 20.0 * std::log10(ratio);
}

}  // namespace

TEST_CASE(
    "timeline frame k of an airing added at frame S plays at output frame S + k, whatever the "
    "blocks") {
    vc::test::TempDir dir;
    vc::test::write_clicks(dir / "c.wav", 48000, 1, 20000, {0, 100, 5000, 19999}, 0.5f);
    const auto t = timeline_of(25000, {place(dir / "c.wav", 1000, 20000)});
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
            CHECK(at(out, s + k, 0) == v);
            CHECK(at(out, s + k, 1) == v);
        }
        CHECK(events == std::vector<StreamEvent>{started(1, s), ended(1, s + 25000, true)});
    }
}

TEST_CASE("an airing added at the mixer's current position starts exactly there") {
    // The master limiter's look-ahead has already seen these frames: the mixer must still
    // place the airing on them.
    vc::test::TempDir dir;
    vc::test::write_clicks(dir / "c.wav", 48000, 1, 1000, {0, 1, 999}, 0.5f);
    const auto t = timeline_of(1000, {place(dir / "c.wav", 0, 1000)});
    AiringMixer m(stereo, {});
    std::vector<float> out;
    std::vector<StreamEvent> events;
    render(m, 1001, out, events, 1001);
    m.add(1, t, m.position(), Layer::foreground);
    render(m, 3, out, events, 3);
    m.add(2, t, m.position() + 1, Layer::foreground);
    render(m, 5000, out, events, 512);
    const float v = pcm16(0.5f);
    CHECK(at(out, 1001) == v);
    CHECK(at(out, 1002) == v);
    CHECK(at(out, 2000) == v);
    CHECK(at(out, 1005) == v);
    CHECK(at(out, 1006) == v);
    CHECK(at(out, 2004) == v);
    CHECK(at(out, 1003) == 0.0f);
    CHECK(at(out, 1000) == 0.0f);
    CHECK(events == std::vector<StreamEvent>{started(1, 1001), started(2, 1005),
                                             ended(1, 2001, true), ended(2, 2005, true)});
    CHECK(m.idle());
}

TEST_CASE("airings in sequence: exact events, ends before starts at the same frame") {
    vc::test::TempDir dir;
    vc::test::write_clicks(dir / "c.wav", 48000, 1, 20000, {0, 19999}, 0.5f);
    const auto t = timeline_of(20000, {place(dir / "c.wav", 0, 20000)});
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
        CHECK(at(out, f) == v);
    }
    CHECK(m.idle());
    CHECK_FALSE(m.next_event_frame());
}

TEST_CASE("fade_out ends an airing exactly at the frame asked, with a linear ramp") {
    vc::test::TempDir dir;
    write_dc(dir / "dc.wav", 96000, 0.5f);
    const auto t = timeline_of(96000, {place(dir / "dc.wav", 0, 96000)});
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
        CHECK(at(out, 17999) == Approx(v).epsilon(1e-6));
        for (std::int64_t f : {18000, 18001, 24000, 29000, 29998, 29999}) {
            CHECK(at(out, f) == Approx(v * static_cast<double>(30000 - f) / 12000.0).epsilon(1e-5));
        }
        CHECK(at(out, 29999) > 0.0f);  // the last sample is end - 1
        for (std::int64_t f = 30000; f < 50000; ++f) {
            REQUIRE(at(out, f) == 0.0f);
        }
        CHECK(events == std::vector<StreamEvent>{started(1, 0), ended(1, 30000, false)});
    }
    SECTION("a fade whose start is past begins now") {
        render(m, 25000, out, events);
        m.fade_out(1, 30000, 12000);
        render(m, 10000, out, events);
        CHECK(at(out, 24999) == Approx(v).epsilon(1e-6));
        for (std::int64_t f : {25000, 27500, 29999}) {
            CHECK(at(out, f) == Approx(v * static_cast<double>(30000 - f) / 5000.0).epsilon(1e-5));
        }
        CHECK(at(out, 30000) == 0.0f);
        CHECK(events.back() == ended(1, 30000, false));
    }
    SECTION("a second fade-out can only bring the end closer") {
        render(m, 10000, out, events);
        m.fade_out(1, 40000, 20000);  // from 20000
        m.fade_out(1, 50000, 1000);   // later: ignored
        render(m, 20000, out, events);
        m.fade_out(1, 32000, 2000);  // from 30000, at the gain the first fade had reached there
        render(m, 10000, out, events);
        CHECK(at(out, 25000) == Approx(v * 0.75).epsilon(1e-5));
        const double g30000 = 10000.0 / 20000.0;
        CHECK(at(out, 30000) == Approx(v * g30000).epsilon(1e-5));
        CHECK(at(out, 31000) == Approx(v * g30000 * 0.5).epsilon(1e-5));
        CHECK(at(out, 31999) > 0.0f);
        CHECK(at(out, 32000) == 0.0f);
        CHECK(events.back() == ended(1, 32000, false));
    }
    SECTION("an end at or before the current frame cuts at once") {
        render(m, 10000, out, events);
        m.fade_out(1, 5000, 100);
        render(m, 100, out, events);
        CHECK(at(out, 9999) == Approx(v).epsilon(1e-6));
        CHECK(at(out, 10000) == 0.0f);
        CHECK(events.back() == ended(1, 10000, false));
    }
}

TEST_CASE("fade_out before an airing starts removes it") {
    vc::test::TempDir dir;
    write_dc(dir / "dc.wav", 20000, 0.5f);
    const auto t = timeline_of(20000, {place(dir / "dc.wav", 0, 20000)});
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
    const auto bed = timeline_of(240000, {place(dir / "bed.wav", 0, 240000)});
    const auto announcement = timeline_of(48000, {});  // silence: the output is the bed alone
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
    CHECK(at(out, 0) == Approx(v).epsilon(1e-6));
    CHECK(at(out, 48000) == Approx(v).epsilon(1e-6));
    // Down over 24000 frames, linearly.
    for (std::int64_t into : {6000, 12000, 18000}) {
        CHECK(at(out, 48000 + into) ==
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
    CHECK(at(out, 95999) == Approx(v * low).margin(1e-7));
    // Up over 48000 frames from the frame after the foreground's last.
    CHECK(at(out, 96000) == Approx(v * low).margin(1e-7));
    for (std::int64_t into : {12000, 24000, 36000}) {
        CHECK(at(out, 96000 + into) ==
              Approx(v * (low + (1.0 - low) * static_cast<double>(into) / 48000.0)).epsilon(1e-5));
    }
    CHECK(at(out, 144000) == Approx(v).epsilon(1e-6));
    const std::vector<float> after = vc::test::channel_of(out, 2, 0, 144000, 240000);
    CHECK(db(vc::test::rms(after) / v) == Approx(0.0).margin(0.01));
    CHECK(events ==
          std::vector<StreamEvent>{started(1, 0), started(2, 48000), ended(2, 96000, true)});
}

TEST_CASE(
    "a clip that fails mid-way ends its airing with a failed event, the other airing goes on") {
    vc::test::TempDir dir;
    vc::test::write_clicks(dir / "a1.wav", 48000, 1, 48000, {0, 1000}, 0.5f);
    vc::test::write_tone(dir / "a2.wav", 48000, 1, 1.0, 440.0, 0.5);
    vc::test::write_clicks(dir / "b.wav", 48000, 1, 100000, {0, 50000, 99999}, 0.5f);
    const auto a =
        timeline_of(96000, {place(dir / "a1.wav", 0, 48000), place(dir / "a2.wav", 48000, 48000)});
    const auto b = timeline_of(100000, {place(dir / "b.wav", 0, 100000)});
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
    CHECK(at(out, 10000) == v);
    CHECK(at(out, 11000) == v);
    for (std::int64_t f : {5000, 55000, 104999}) {
        CHECK(at(out, f) == v);
    }
    int nonzero = 0;
    for (float x : out) {
        nonzero += x != 0.0f;
    }
    CHECK(nonzero == 2 * 5);
}

TEST_CASE("a hot foreground over a hot background never passes the ceiling") {
    vc::test::TempDir dir;
    vc::test::write_noise(dir / "fg.wav", 48000, 2, 3.0, 1.0, 3);
    vc::test::write_tone(dir / "bg.wav", 48000, 2, 5.0, 440.0, 1.0);
    auto fg =
        std::make_shared<Timeline>(*timeline_of(144000, {place(dir / "fg.wav", 0, 144000, 2)}));
    fg->placements[0].gain_db = 6.0;
    const auto bg = timeline_of(240000, {place(dir / "bg.wav", 0, 240000, 2)});
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
    const auto fg = timeline_of(96000, {place(dir / "n.wav", 0, 96000, 2)});
    const auto bg = timeline_of(192000, {place(dir / "t.wav", 0, 192000)});
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

TEST_CASE("next_event_frame lets a simulated run jump from event to event") {
    vc::test::TempDir dir;
    write_dc(dir / "dc.wav", 10000, 0.1f);
    AiringMixer m(stereo, {});
    CHECK_FALSE(m.next_event_frame());
    CHECK(m.idle());
    m.add(1, timeline_of(5000, {place(dir / "dc.wav", 0, 5000)}), 1000, Layer::foreground);
    m.add(2, timeline_of(1000, {place(dir / "dc.wav", 0, 1000)}), 3000, Layer::background);
    m.add(3, timeline_of(0, {}), 3000,
          Layer::foreground);  // nothing to play: starts and ends at once
    m.add(4, timeline_of(9000, {place(dir / "dc.wav", 0, 9000)}), 2000, Layer::background);
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
    const auto t = timeline_of(10, {});
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
