#include <catch2/catch.hpp>

#include <cmath>
#include <random>
#include <vector>

#include "audio/dsp/limiter.hpp"

using vc::audio::Limiter;

TEST_CASE("below the ceiling the limiter only delays, bit for bit") {
    Limiter lim(2, 48000, -1.0);
    REQUIRE(lim.latency() == 240);  // 5 ms at 48 kHz
    std::mt19937 gen(3);
    std::uniform_real_distribution<float> dist(-0.89f, 0.89f);
    std::vector<float> in(2 * 50000);
    for (auto& v : in) v = dist(gen);
    std::vector<float> out = in;
    for (std::size_t pos = 0; pos < 50000;) {  // uneven blocks
        const std::size_t n = std::min<std::size_t>(50000 - pos, pos % 3 == 0 ? 100 : 5000);
        lim.process(out.data() + 2 * pos, static_cast<std::int64_t>(n));
        pos += n;
    }
    for (std::size_t k = 0; k < 240 * 2; ++k) REQUIRE(out[k] == 0.0f);
    for (std::size_t k = 240 * 2; k < out.size(); ++k) REQUIRE(out[k] == in[k - 480]);
}

TEST_CASE("the limiter ramps down within the look-ahead and releases smoothly") {
    Limiter lim(1, 48000, -1.0);
    const float ceiling = static_cast<float>(std::pow(10.0, -1.0 / 20.0));
    CHECK(lim.ceiling() == ceiling);
    // 0.5 for 10000 frames, 2.0 for 2400 frames (50 ms), then 0.5 for a second.
    std::vector<float> x(10000, 0.5f);
    x.insert(x.end(), 2400, 2.0f);
    x.insert(x.end(), 48000, 0.5f);
    std::vector<float> y = x;
    lim.process(y.data(), static_cast<std::int64_t>(y.size()));
    const std::size_t d = 240;

    float highest = 0.0f;
    for (float v : y) highest = std::max(highest, std::fabs(v));
    CHECK(highest <= ceiling);
    CHECK(highest > ceiling * 0.999f);

    // Untouched until the hot frames enter the look-ahead window.
    for (std::size_t k = d; k < 10000; ++k) REQUIRE(y[k] == 0.5f);
    // Then a straight ramp over the look-ahead, reaching the needed gain as the step arrives.
    const float needed = ceiling / 2.0f;
    for (std::size_t k = 10000; k < 10000 + d; ++k) {
        REQUIRE(y[k] < y[k - 1]);
        REQUIRE(y[k - 1] - y[k] < 0.5f * (1.0f - needed) / 200.0f);
    }
    CHECK(y[10000 + d] == Approx(ceiling).epsilon(1e-4));
    CHECK(y[12399 + d] == Approx(ceiling).epsilon(1e-4));
    // Release: the gain's distance from 1 shrinks by e over 150 ms once the window has passed.
    const std::size_t after = 12400 + d + d + 1;
    const double g0 = y[after] / 0.5;
    const double g1 = y[after + 7200] / 0.5;
    CHECK((1.0 - g1) / (1.0 - g0) == Approx(std::exp(-1.0)).epsilon(0.02));
    for (std::size_t k = after; k < y.size(); ++k) {
        REQUIRE(y[k] >= y[k - 1]);
        REQUIRE(y[k] - y[k - 1] < 0.001f);
    }
}

TEST_CASE("the limiter holds any ceiling on full-scale noise pushed 6 dB") {
    for (double ceiling : {-0.1, -1.0, -6.0}) {
        Limiter lim(2, 44100, ceiling);
        std::mt19937 gen(9);
        std::uniform_real_distribution<float> dist(-2.0f, 2.0f);
        std::vector<float> x(2 * 44100);
        for (auto& v : x) v = dist(gen);
        lim.process(x.data(), 44100);
        const float limit = static_cast<float>(std::pow(10.0, ceiling / 20.0));
        float highest = 0.0f;
        for (float v : x) highest = std::max(highest, std::fabs(v));
        CHECK(highest <= limit);
    }
}
