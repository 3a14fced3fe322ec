#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <vector>

#include "audio/sources/renderer.hpp"
#include "playlists/timeline_builder.hpp"
#include "tests/playlists/station_fixture.hpp"

using vc::test::StationFixture;

namespace {

std::vector<float> render_all(const vc::audio::Timeline& tl) {
    vc::audio::Renderer renderer(tl);
    std::vector<float> out(static_cast<std::size_t>(tl.length * tl.format.channels));
    std::int64_t done = 0;
    while (done < tl.length) {
        const auto n = renderer.render(out.data() + done * tl.format.channels,
                                       std::min<std::int64_t>(1000, tl.length - done));
        REQUIRE(n > 0);
        done += n;
    }
    return out;
}

/// The frame in [from, to) whose left-channel sample has the largest magnitude.
std::int64_t loudest_frame(const std::vector<float>& out, int channels, std::int64_t from,
                           std::int64_t to) {
    std::int64_t best = from;
    for (std::int64_t f = from; f < to; ++f)
        if (std::fabs(out[static_cast<std::size_t>(f * channels)]) >
            std::fabs(out[static_cast<std::size_t>(best * channels)]))
            best = f;
    return best;
}

}  // namespace

TEST_CASE("a rendered click lands on the frame the timeline arithmetic gives", "[render]") {
    StationFixture fx(R"(chime = "chimes/ding"
loudness_target = -30
[output]
device = "null"
sample_rate = 48000
channels = 2
)");
    // The intro: 20001 frames at 44.1 kHz -> ceil(20001 * 48000 / 44100) = 21770 output frames.
    vc::test::write_tone_frames(fx.dir / "clips" / "chimes" / "ding.wav", 44100, 1, 20001);
    // 0.5 s at 48 kHz with a click every 480 frames from frame 100.
    std::vector<std::int64_t> clicks;
    for (std::int64_t f = 100; f < 24000; f += 480) clicks.push_back(f);
    vc::test::write_clicks(fx.dir / "clips" / "click.wav", 48000, 1, 24000, clicks);

    const auto st = fx.station();
    const auto lib = fx.library();
    REQUIRE(lib.find("click")->ok);
    const auto pl = fx.playlist("p", "repeat = 2\ngap = \"250ms\"\n[[item]]\nclip = \"click\"\n");
    const auto tl = vc::playlists::build_timeline(pl, lib, st);
    REQUIRE(tl.length == 21770 + 24000 + 12000 + 24000);
    const auto out = render_all(tl);

    const double gain = std::pow(10.0, tl.placements[1].gain_db / 20.0);
    REQUIRE(0.9 * gain < 0.85);  // below the limiter's ceiling, so the click passes unchanged
    // First airing of the body: intro (21770) + click offset 100.
    // Second: intro + click clip (24000) + gap (12000) + 100.
    for (std::int64_t expected : {21770 + 100, 21770 + 24000 + 12000 + 100}) {
        INFO("expected click at frame " << expected);
        CHECK(loudest_frame(out, 2, expected - 300, expected + 300) == expected);
        for (int ch = 0; ch < 2; ++ch)
            CHECK(out[static_cast<std::size_t>(expected * 2 + ch)] ==
                  Approx(0.9 * gain).margin(1e-3));
        CHECK(std::fabs(out[static_cast<std::size_t>((expected - 1) * 2)]) < 1e-4);
        CHECK(std::fabs(out[static_cast<std::size_t>((expected + 1) * 2)]) < 1e-4);
    }
    // The gap is silent: nothing between the first airing's end and the second's first click.
    float gap_peak = 0.0f;
    for (std::int64_t f = 21770 + 24000; f < 21770 + 24000 + 12000 + 100; ++f)
        gap_peak = std::max(gap_peak, std::fabs(out[static_cast<std::size_t>(f * 2)]));
    CHECK(gap_peak < 1e-4f);
}

TEST_CASE("a resampled click lands on the frame its source position maps to", "[render]") {
    StationFixture fx("loudness_target = -30\n[output]\nsample_rate = 48000\nchannels = 1\n");
    // 0.5 s at 44.1 kHz, clicks every 441 frames from 441: each maps to a whole output frame
    // (441 k x 48000 / 44100 = 480 k).
    std::vector<std::int64_t> clicks;
    for (std::int64_t f = 441; f < 22050; f += 441) clicks.push_back(f);
    vc::test::write_clicks(fx.dir / "clips" / "click.wav", 44100, 1, 22050, clicks);
    const auto lib = fx.library();
    const auto pl = fx.playlist("p", "intro = \"chimes/end\"\n[[item]]\nclip = \"click\"\n");
    const auto tl = vc::playlists::build_timeline(pl, lib, fx.station());
    // chimes/end: 30000 frames at 44.1 kHz -> 32654; the click clip: 22050 -> 24000.
    REQUIRE(tl.length == 32654 + 24000);
    const auto out = render_all(tl);
    for (std::int64_t k : {1, 10, 49}) {
        const std::int64_t expected = 32654 + 480 * k;
        INFO("click " << k << " expected at frame " << expected);
        CHECK(loudest_frame(out, 1, expected - 200, expected + 200) == expected);
    }
}
