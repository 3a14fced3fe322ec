#include <catch2/catch.hpp>

#include <cmath>
#include <numbers>
#include <vector>

#include "audio/audio_format.hpp"
#include "audio/dsp/resampler.hpp"
#include "tests/audio/measure.hpp"

using vc::audio::output_frames_for;
using vc::audio::Resampler;

namespace {

/// A source of `frames` frames of a sine (or of zeros with one click), handed out in uneven
/// pieces so chunk boundaries fall everywhere.
struct SineSource {
    std::int64_t frames;
    int rate;
    double freq = 1000.0;
    double amplitude = 0.5;
    std::int64_t click = -1;  ///< when >= 0: silence with a single 1.0 at this frame
    std::int64_t pos = 0;
    std::int64_t calls = 0;

    std::int64_t operator()(float* out, std::int64_t max) {
        const std::int64_t pieces[] = {1, 333, 4096, 17, 1000};
        std::int64_t n = std::min({max, frames - pos, pieces[calls++ % 5]});
        for (std::int64_t i = 0; i < n; ++i, ++pos)
            out[i] =
                click >= 0
                    ? (pos == click ? 1.0f : 0.0f)
                    : static_cast<float>(amplitude * std::sin(2.0 * std::numbers::pi * freq *
                                                              static_cast<double>(pos) / rate));
        return n;
    }
};

std::vector<float> resample_all(int in_rate, int out_rate, SineSource src,
                                std::int64_t block = 1500) {
    Resampler r(1, in_rate, out_rate,
                [&src](float* out, std::int64_t max) { return src(out, max); });
    std::vector<float> all;
    std::vector<float> buf(static_cast<std::size_t>(block));
    while (const std::int64_t n = r.read(buf.data(), block))
        all.insert(all.end(), buf.begin(), buf.begin() + n);
    CHECK(r.read(buf.data(), block) == 0);
    return all;
}

}  // namespace

TEST_CASE("the resampler yields exactly ceil(N x R / r) frames") {
    for (int rate : {44100, 22050, 8000, 48000}) {
        for (std::int64_t frames : {std::int64_t{0}, std::int64_t{1}, std::int64_t{441},
                                    std::int64_t{44101}, std::int64_t{rate * 2 + 7}}) {
            INFO(rate << " Hz, " << frames << " frames");
            const auto out = resample_all(rate, 48000, SineSource{frames, rate});
            CHECK(static_cast<std::int64_t>(out.size()) == output_frames_for(frames, rate, 48000));
        }
    }
    CHECK(output_frames_for(44101, 44100, 48000) == 48002);
    CHECK(output_frames_for(8001, 8000, 48000) == 48006);
}

TEST_CASE("the resampler passes equal rates through untouched") {
    SineSource src{10000, 48000};
    Resampler r(1, 48000, 48000, [&src](float* out, std::int64_t max) { return src(out, max); });
    CHECK(r.bypass());
    std::vector<float> out(12000);
    CHECK(r.read(out.data(), 12000) == 10000);
    SineSource again{10000, 48000};
    std::vector<float> expected(10000);
    for (std::int64_t done = 0; done < 10000;) done += again(expected.data() + done, 10000 - done);
    out.resize(10000);
    CHECK(out == expected);
}

TEST_CASE("a 1 kHz tone stays at 1 kHz and keeps its level after resampling") {
    for (int rate : {44100, 22050, 8000}) {
        INFO(rate << " Hz to 48000 Hz");
        const auto out = resample_all(rate, 48000, SineSource{rate * 2, rate});
        const std::vector<float> middle(out.begin() + 4800, out.end() - 4800);
        CHECK(vc::test::zero_crossing_frequency(middle, 48000) == Approx(1000.0).margin(0.05));
        const double at = vc::test::goertzel_power(middle, 48000, 1000.0);
        CHECK(at > 100 * vc::test::goertzel_power(middle, 48000, 990.0));
        CHECK(at > 100 * vc::test::goertzel_power(middle, 48000, 1010.0));
        CHECK(vc::test::rms(middle) == Approx(0.5 / std::sqrt(2.0)).epsilon(0.002));
    }
}

TEST_CASE("resampling in uneven chunks leaves no click at the boundaries") {
    for (int rate : {44100, 22050}) {
        INFO(rate << " Hz");
        const auto out = resample_all(rate, 48000, SineSource{rate * 2, rate}, 777);
        // A sine of amplitude A at f moves at most 2 pi f A / R per sample.
        const double limit = 2.0 * std::numbers::pi * 1000.0 * 0.5 / 48000.0;
        const std::vector<float> middle(out.begin() + 480, out.end() - 480);
        CHECK(vc::test::max_step(middle) < limit * 1.01);
        CHECK(vc::test::max_step(middle) > limit * 0.98);
    }
}

TEST_CASE("a resampled click peaks on the frame the rates say") {
    // 14700 at 44.1 kHz is exactly 16000 at 48 kHz; 7350 at 22.05 kHz too; 1001 at 8 kHz is 6006.
    CHECK(vc::test::peak_index(resample_all(44100, 48000, SineSource{44100, 44100, 0, 0, 14700})) ==
          16000);
    CHECK(vc::test::peak_index(resample_all(22050, 48000, SineSource{22050, 22050, 0, 0, 7350})) ==
          16000);
    CHECK(vc::test::peak_index(resample_all(8000, 48000, SineSource{8000, 8000, 0, 0, 1001})) ==
          6006);
    // Between frames: the nearest one. 1000 at 44.1 kHz is 1088.4 at 48 kHz.
    CHECK(vc::test::peak_index(resample_all(44100, 48000, SineSource{44100, 44100, 0, 0, 1000})) ==
          1088);
}

TEST_CASE("an exception from the resampler's source reaches its reader") {
    Resampler r(1, 44100, 48000, [](float*, std::int64_t) -> std::int64_t {
        throw std::runtime_error("disk gone");
    });
    std::vector<float> out(1000);
    CHECK_THROWS_WITH(r.read(out.data(), 1000), "disk gone");
}
