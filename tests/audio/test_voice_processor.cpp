// The voice path for a handheld microphone: high-pass, gate, gain and ceiling, measured on
// generated tones and noise.

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <random>
#include <vector>

#include "audio/dsp/voice_processor.hpp"

using namespace vc::audio;

namespace {

constexpr int rate = 48000;

std::vector<float> tone(double seconds, double freq, double peak_dbfs) {
    const double amp = std::pow(10.0, peak_dbfs / 20.0);
    std::vector<float> x(static_cast<std::size_t>(seconds * rate));
    for (std::size_t i = 0; i < x.size(); ++i)
        x[i] = static_cast<float>(
            amp * std::sin(2.0 * std::numbers::pi * freq * static_cast<double>(i) / rate));
    return x;
}

/// Gaussian noise whose RMS is `rms_dbfs`.
std::vector<float> noise(double seconds, double rms_dbfs, unsigned seed = 3) {
    std::mt19937 gen(seed);
    std::normal_distribution<float> dist(0.0f, static_cast<float>(std::pow(10.0, rms_dbfs / 20.0)));
    std::vector<float> x(static_cast<std::size_t>(seconds * rate));
    for (auto& v : x) v = dist(gen);
    return x;
}

/// RMS in dBFS of frames [begin, end) (seconds).
double rms_db(const std::vector<float>& x, double begin_s, double end_s) {
    const auto begin = static_cast<std::size_t>(begin_s * rate);
    const auto end = std::min(x.size(), static_cast<std::size_t>(end_s * rate));
    double sum = 0.0;
    for (std::size_t i = begin; i < end; ++i) sum += static_cast<double>(x[i]) * x[i];
    return 10.0 * std::log10(std::max(sum / static_cast<double>(end - begin), 1e-30));
}

/// Runs `x` through a VoiceProcessor in blocks of 480 (the mixer's 10 ms) and returns the
/// output moved back by the processor's latency, so that frame k matches input frame k.
std::vector<float> process(const VoiceSettings& settings, std::vector<float> x) {
    VoiceProcessor voice(rate, settings);
    const auto latency = static_cast<std::size_t>(voice.latency());
    x.resize(x.size() + latency, 0.0f);
    for (std::size_t at = 0; at < x.size(); at += 480)
        voice.process(x.data() + at,
                      static_cast<std::int64_t>(std::min<std::size_t>(480, x.size() - at)));
    return {x.begin() + static_cast<std::ptrdiff_t>(latency), x.end()};
}

}  // namespace

TEST_CASE("the voice high-pass takes 30 Hz down by 21 dB and passes 1 kHz within 1 dB") {
    VoiceSettings settings;
    settings.gate = false;  // the filter alone
    const auto low_in = tone(2.0, 30.0, -20.0);
    const auto high_in = tone(2.0, 1000.0, -20.0);
    const auto low_out = process(settings, low_in);
    const auto high_out = process(settings, high_in);

    // Past the filter's settling, whole cycles of both tones.
    const double low_loss = rms_db(low_in, 0.5, 1.9) - rms_db(low_out, 0.5, 1.9);
    const double high_loss = rms_db(high_in, 0.5, 1.9) - rms_db(high_out, 0.5, 1.9);
    CHECK(low_loss > 12.0);
    // A 2nd-order Butterworth at 100 Hz: 10 log10(1 + (100/30)^4) = 20.9 dB at 30 Hz.
    CHECK(low_loss == Approx(20.9).margin(0.5));
    CHECK(std::abs(high_loss) < 1.0);

    settings.high_pass = false;
    const auto unfiltered = process(settings, low_in);
    CHECK(std::abs(rms_db(unfiltered, 0.5, 1.9) - rms_db(low_in, 0.5, 1.9)) < 0.1);
}

TEST_CASE("the voice gate passes a -20 dBFS tone and closes on -70 dBFS noise after its hold") {
    // 1 s of tone, then 2 s of the office's hiss.
    auto x = tone(1.0, 1000.0, -20.0);
    const auto hiss = noise(2.0, -70.0);
    x.insert(x.end(), hiss.begin(), hiss.end());
    const VoiceSettings settings;
    const auto y = process(settings, x);

    // The tone opens the gate within its first millisecond and passes whole.
    CHECK(std::abs(rms_db(y, 0.01, 1.0) - rms_db(x, 0.01, 1.0)) < 0.1);
    // Right after the tone the gate holds open: the hiss is heard at about its level.
    CHECK(rms_db(y, 1.02, 1.1) > -75.0);
    // Once the level has decayed (~0.1 s), held (0.15 s) and the gate released (0.2 s), the
    // hiss is 60 dB down.
    CHECK(rms_db(y, 1.6, 3.0) < -100.0);
    CHECK(rms_db(y, 1.6, 3.0) == Approx(rms_db(x, 1.6, 3.0) - 60.0).margin(1.0));
}

TEST_CASE("the voice gate keeps -70 dBFS noise below -100 dBFS from the start") {
    const auto x = noise(1.0, -70.0, 11);
    const auto y = process(VoiceSettings{}, x);
    CHECK(rms_db(y, 0.0, 1.0) < -100.0);
    VoiceSettings open;
    open.gate = false;
    CHECK(rms_db(process(open, x), 0.0, 1.0) > -72.0);
}

TEST_CASE("+10 dB of voice gain on a 0 dBFS tone stays under the -1 dBFS ceiling") {
    VoiceSettings settings;
    settings.gain_db = 10.0;
    const auto y = process(settings, tone(1.0, 1000.0, 0.0));
    float highest = 0.0f;
    for (float v : y) highest = std::max(highest, std::fabs(v));
    const auto ceiling = static_cast<float>(std::pow(10.0, -1.0 / 20.0));
    CHECK(highest <= ceiling);
    CHECK(highest > ceiling * 0.9f);  // limited, not silenced
}

TEST_CASE("a voice high-pass at or above the Nyquist frequency is refused") {
    VoiceSettings settings;
    settings.high_pass_hz = 24000.0;
    CHECK_THROWS_AS(VoiceProcessor(rate, settings), std::invalid_argument);
}
