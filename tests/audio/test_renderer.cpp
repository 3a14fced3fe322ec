#include <catch2/catch.hpp>

#include <cmath>
#include <fstream>
#include <iterator>

#include "audio/decode/clip_analysis.hpp"
#include "audio/outputs/render_to_file.hpp"
#include "audio/sources/renderer.hpp"
#include "tests/audio/measure.hpp"
#include "tests/audio/timeline_support.hpp"
#include "tests/support/fixtures.hpp"

using namespace vc::audio;
using vc::test::pcm16;
using vc::test::placement;
using vc::test::render_all;
using vc::test::sample_at;
using vc::test::timeline;

TEST_CASE("the renderer yields exactly the timeline's length, silence where nothing plays") {
    auto t = timeline(48000 * 3 + 17, {});
    Renderer r(t);
    std::vector<float> buf(2 * 10000);
    std::int64_t total = 0;
    while (const std::int64_t n = r.render(buf.data(), 10000)) {
        total += n;
        for (float v : std::vector<float>(buf.begin(), buf.begin() + n * 2)) REQUIRE(v == 0.0f);
    }
    CHECK(total == 48000 * 3 + 17);
    CHECK(r.position() == total);
    CHECK(r.render(buf.data(), 10000) == 0);
}

TEST_CASE("clicks land on the output frames the arithmetic says") {
    vc::test::TempDir dir;
    SECTION("same rate: exact frames, exact values, nothing else") {
        vc::test::write_clicks(dir / "c.wav", 48000, 1, 20000, {0, 100, 5000, 19999}, 0.5f);
        auto t = timeline(60000, {placement(dir / "c.wav", 12345, 20000, 48000, 1, 20000)});
        const auto out = render_all(t, 1000);
        const float v = pcm16(0.5f);
        int nonzero = 0;
        for (std::size_t i = 0; i < out.size(); ++i)
            if (out[i] != 0.0f) ++nonzero;
        CHECK(nonzero == 8);  // four clicks on two channels
        for (std::int64_t f : {12345, 12445, 17345, 32344}) {
            CHECK(sample_at(out, f, 0) == v);
            CHECK(sample_at(out, f, 1) == v);
        }
    }
    SECTION("resampled: the peak lands on the exact frame") {
        // 14700 at 44.1 kHz = 16000 at 48 kHz; 7350 at 22.05 kHz = 16000 at 48 kHz.
        vc::test::write_clicks(dir / "c44.wav", 44100, 2, 44100, {14700}, 0.5f);
        vc::test::write_clicks(dir / "c22.wav", 22050, 1, 22050, {7350}, 0.5f);
        for (const char* name : {"c44.wav", "c22.wav"}) {
            INFO(name);
            const int rate = name == std::string("c44.wav") ? 44100 : 22050;
            auto t = timeline(100000, {placement(dir / name, 30000, 48000, rate, 1, rate)});
            const auto out = render_all(t);
            CHECK(vc::test::peak_index(vc::test::channel_of(out, 2, 0)) == 46000);
            CHECK(vc::test::peak_index(vc::test::channel_of(out, 2, 1)) == 46000);
        }
    }
}

TEST_CASE("overlapping placements are mixed") {
    vc::test::TempDir dir;
    vc::test::write_clicks(dir / "a.wav", 48000, 2, 10000, {1000, 3000}, 0.25f);
    vc::test::write_clicks(dir / "b.wav", 48000, 1, 10000, {500, 4000}, 0.25f);
    // b starts 2000 frames after a: b's 500 lands on 2500, its 4000 on 6000; a's 3000 and
    // nothing of b meet; b's click at 1000 + ... make one coincide: a's 3000 with b's 1000.
    vc::test::write_clicks(dir / "c.wav", 48000, 1, 10000, {1000}, 0.25f);
    auto t = timeline(20000, {placement(dir / "a.wav", 0, 10000, 48000, 2, 10000),
                              placement(dir / "b.wav", 2000, 10000, 48000, 1, 10000),
                              placement(dir / "c.wav", 2000, 10000, 48000, 1, 10000)});
    const auto out = render_all(t);
    const float v = pcm16(0.25f);
    CHECK(sample_at(out, 1000) == v);
    CHECK(sample_at(out, 2500) == v);
    CHECK(sample_at(out, 3000) == v + v);  // a's 3000 and c's 1000 on the same frame
    CHECK(sample_at(out, 6000) == v);
    CHECK(sample_at(out, 2999) == 0.0f);
}

TEST_CASE("gain and linear fades shape a placement") {
    vc::test::TempDir dir;
    vc::test::write_audio(dir / "dc.f32", 48000, 1, 20000, [](std::int64_t, int) { return 0.5f; });
    auto p = placement(dir / "dc.f32", 1000, 10000, 48000, 1, 20000);
    p.fade_in = 1000;
    p.fade_out = 2000;
    p.gain_db = -6.0;
    auto t = timeline(15000, {p});
    const auto out = render_all(t, 777);
    const float g = static_cast<float>(0.5 * std::pow(10.0, -6.0 / 20.0));
    CHECK(sample_at(out, 999) == 0.0f);
    CHECK(sample_at(out, 1000) == 0.0f);                            // fade-in starts from silence
    CHECK(sample_at(out, 1500) == Approx(g * 0.5f).epsilon(1e-6));  // halfway up
    CHECK(sample_at(out, 2000) == Approx(g).epsilon(1e-6));         // full level
    CHECK(sample_at(out, 8999) == Approx(g).epsilon(1e-6));  // last frame before the fade-out
    CHECK(sample_at(out, 10000) == Approx(g * 999.0f / 2000.0f).epsilon(1e-5));
    CHECK(sample_at(out, 10999) == 0.0f);  // fade-out ends in silence
    CHECK(sample_at(out, 11000) == 0.0f);  // the placement's length holds
    CHECK(sample_at(out, 1500, 1) == sample_at(out, 1500, 0));
}

TEST_CASE("a looping bed repeats its clip to fill exactly its length") {
    vc::test::TempDir dir;
    SECTION("same rate: an exact repeat") {
        vc::test::write_tone(dir / "bed.wav", 48000, 1, 0.25, 440.0, 0.3);  // 12000 frames
        auto p = placement(dir / "bed.wav", 5000, 50000, 48000, 1, 12000);
        p.loop = true;
        const auto out = render_all(timeline(60000, {p}));
        for (std::int64_t k = 0; k < 50000 - 12000; k += 997)
            REQUIRE(sample_at(out, 5000 + k) == sample_at(out, 5000 + k + 12000));
        CHECK(sample_at(out, 5000 + 49999) == sample_at(out, 5000 + 49999 - 36000));
        CHECK(vc::test::peak(vc::test::channel_of(out, 2, 0, 55000)) == 0.0f);
        CHECK(vc::test::peak(vc::test::channel_of(out, 2, 0, 54000, 55000)) > 0.25f);
        CHECK(vc::test::peak(vc::test::channel_of(out, 2, 0, 0, 5000)) == 0.0f);
    }
    SECTION("resampled: continuous sound to the last frame, then silence") {
        vc::test::write_tone(dir / "bed.wav", 44100, 2, 0.3, 440.0, 0.3);  // 132 whole cycles
        auto p = placement(dir / "bed.wav", 1000, 100000, 44100, 2, 13230);
        p.loop = true;
        const auto out = render_all(timeline(110000, {p}));
        for (std::int64_t w = 1000; w + 480 <= 101000; w += 480)
            REQUIRE(vc::test::rms(vc::test::channel_of(out, 2, 0, static_cast<std::size_t>(w),
                                                       static_cast<std::size_t>(w + 480))) > 0.15);
        CHECK(sample_at(out, 100999) != 0.0f);
        CHECK(vc::test::peak(vc::test::channel_of(out, 2, 0, 101000)) == 0.0f);
        // The loop joins without a click: a 440 Hz sine at 0.3 moves at most 0.01728 per frame.
        CHECK(vc::test::max_step(vc::test::channel_of(out, 2, 0, 1100, 100900)) < 0.0175f);
    }
}

TEST_CASE("a clip shorter than its placement ends in silence, a longer one is cut") {
    vc::test::TempDir dir;
    vc::test::write_audio(dir / "dc.f32", 48000, 1, 1000, [](std::int64_t, int) { return 0.25f; });
    auto t = timeline(5000, {placement(dir / "dc.f32", 0, 2000, 48000, 1, 1000),
                             placement(dir / "dc.f32", 3000, 500, 48000, 1, 1000)});
    const auto out = render_all(t);
    CHECK(sample_at(out, 999) == 0.25f);
    CHECK(sample_at(out, 1000) == 0.0f);
    CHECK(sample_at(out, 3499) == 0.25f);
    CHECK(sample_at(out, 3500) == 0.0f);
}

TEST_CASE("loudness normalisation: gain = target - measured lands on the target") {
    vc::test::TempDir dir;
    vc::test::write_noise(dir / "loud.wav", 44100, 2, 8.0, 0.4, 3);
    vc::test::write_tone(dir / "quiet-mono.flac", 22050, 1, 8.0, 600.0, 0.05);
    for (const char* name : {"loud.wav", "quiet-mono.flac"}) {
        INFO(name);
        const auto a = analyse_clip(dir / name);
        REQUIRE(a.ok);
        auto p = placement(dir / name, 0, output_frames_for(a.frames, a.sample_rate, 48000),
                           a.sample_rate, a.channels, a.frames);
        p.gain_db = -16.0 - a.integrated_lufs;
        auto t = timeline(p.length, {p});
        const auto out = render_all(t);
        CHECK(vc::test::integrated_lufs(out, 2, 48000) == Approx(-16.0).margin(0.5));
    }
}

TEST_CASE("the limiter holds the ceiling on a hot mix and shifts nothing") {
    vc::test::TempDir dir;
    vc::test::write_tone(dir / "sine.wav", 48000, 2, 2.0, 1000.0, 1.0);
    vc::test::write_noise(dir / "noise.wav", 44100, 2, 2.0, 1.0, 5);
    for (const char* name : {"sine.wav", "noise.wav"}) {
        INFO(name);
        const int rate = name == std::string("sine.wav") ? 48000 : 44100;
        auto p = placement(dir / name, 0, 96000, rate, 2, 2 * rate);
        p.gain_db = 6.0;
        for (double ceiling : {-1.0, -3.0}) {
            auto t = timeline(96000, {p});
            t.ceiling_dbfs = ceiling;
            const auto out = render_all(t);
            const float limit = static_cast<float>(std::pow(10.0, ceiling / 20.0));
            CHECK(vc::test::peak(out) <= limit);
            CHECK(vc::test::peak(out) > limit * 0.99f);  // limited, not just turned down
        }
    }
    // A hot click keeps its frame; a quiet one before it keeps its frame and its value.
    vc::test::write_clicks(dir / "clicks.wav", 48000, 1, 48000, {10000, 30000}, 0.9f);
    vc::test::write_clicks(dir / "quiet.wav", 48000, 1, 48000, {5000}, 0.5f);
    auto hot = placement(dir / "clicks.wav", 1000, 48000, 48000, 1, 48000);
    hot.gain_db = 6.0;
    auto t = timeline(50000, {hot, placement(dir / "quiet.wav", 1000, 48000, 48000, 1, 48000)});
    const auto out = render_all(t);
    const auto left = vc::test::channel_of(out, 2, 0);
    CHECK(vc::test::peak_index(std::vector<float>(left.begin(), left.begin() + 15000)) == 11000);
    CHECK(vc::test::peak_index(std::vector<float>(left.begin() + 25000, left.end())) + 25000 ==
          31000);
    CHECK(left[11000] <= static_cast<float>(std::pow(10.0, -1.0 / 20.0)));
    CHECK(left[11000] > 0.85f);
    CHECK(left[6000] == pcm16(0.5f));
    // The gain ramps down over the look-ahead, not in a step: the frames before a hot click
    // are still silent (nothing to scale), and nothing after it is cut off.
    CHECK(left[10999] == 0.0f);
}

TEST_CASE("rendering is deterministic, whatever the block size or thread count") {
    vc::test::TempDir dir;
    vc::test::write_tone(dir / "voice.wav", 22050, 1, 3.0, 300.0, 0.6);
    vc::test::write_noise(dir / "bed.flac", 44100, 2, 1.3, 0.5);
    auto voice = placement(dir / "voice.wav", 24000, 144000, 22050, 1, 66150);
    voice.fade_out = 4800;
    auto bed = placement(dir / "bed.flac", 0, 200000, 44100, 2, 57330);
    bed.loop = true;
    bed.gain_db = 3.0;
    auto t = timeline(200000, {bed, voice});
    auto chime = placement(dir / "voice.wav", 100000, 20000, 22050, 1, 66150);
    chime.gain_db = -3.0;
    t.placements.push_back(chime);
    const auto a = render_all(t, 4096);
    const auto b = render_all(t, 1001);
    CHECK(a == b);
    CHECK(render_all(t, 4096, 2) == a);  // a helper thread renders some placements
    CHECK(render_all(t, 333, 2) == a);
    CHECK(vc::test::peak(a) > 0.5f);
    render_to_file(t, dir / "one.wav");
    render_to_file(t, dir / "two.wav");
    CHECK(vc::test::read_bytes(dir / "one.wav") == vc::test::read_bytes(dir / "two.wav"));
    render_to_file(t, dir / "one.flac");
    render_to_file(t, dir / "two.flac");
    CHECK(vc::test::read_bytes(dir / "one.flac") == vc::test::read_bytes(dir / "two.flac"));
}

TEST_CASE("a placement's clip is open only while it plays") {
    vc::test::TempDir dir;
    vc::test::write_tone(dir / "x.wav", 48000, 1, 0.1);
    std::vector<Placement> many;
    for (int i = 0; i < 200; ++i)
        many.push_back(placement(dir / "x.wav", i * 10000, 4800, 48000, 1, 4800));
    Renderer r(timeline(200 * 10000, many));
    std::vector<float> buf(2 * 4096);
    std::size_t most = 0;
    while (r.render(buf.data(), 4096)) most = std::max(most, r.open_sources());
    CHECK(most == 1);
    CHECK(r.open_sources() == 0);
}

TEST_CASE("render errors name the clip, render_to_file wants .wav or .flac") {
    vc::test::TempDir dir;
    auto t = timeline(48000, {placement(dir / "gone.wav", 100, 1000, 48000, 1, 1000)});
    t.placements[0].clip_id = "news/gone";
    Renderer r(t);
    std::vector<float> buf(2 * 4096);
    CHECK_THROWS_WITH(r.render(buf.data(), 4096),
                      Catch::Contains("clip news/gone: cannot read audio file"));
    CHECK_THROWS_WITH(render_to_file(timeline(10, {}), dir / "out.mp3"),
                      Catch::Contains("end it in .wav or .flac"));
}

TEST_CASE("a decoding error on the helper thread reaches the caller") {
    vc::test::TempDir dir;
    vc::test::write_tone(dir / "good.wav", 44100, 2, 4.0);
    vc::test::write_noise(dir / "damaged.flac", 44100, 2, 4.0);
    std::filesystem::resize_file(dir / "damaged.flac",
                                 std::filesystem::file_size(dir / "damaged.flac") / 2);
    // Equal costs: the first placement renders on the calling thread, the second on the helper.
    auto t = timeline(192000, {placement(dir / "good.wav", 0, 192000, 44100, 2, 176400),
                               placement(dir / "damaged.flac", 0, 192000, 44100, 2, 176400)});
    CHECK_THROWS_WITH(render_all(t, 4096, 2), Catch::Contains("cannot decode audio file") &&
                                                  Catch::Contains("damaged.flac"));
}
