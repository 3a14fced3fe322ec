// The real capture path, no mock: a private PulseAudio daemon whose default source is the
// monitor of a sink the test plays clicks into; PortAudio's default input device captures it,
// and a LiveSource reads the ring.

#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <memory>
#include <numbers>
#include <string>
#include <thread>
#include <vector>

#include "audio/inputs/capture_input.hpp"
#include "audio/inputs/live_ring.hpp"
#include "audio/inputs/live_source.hpp"
#include "audio/outputs/device_list.hpp"
#include "core/diagnostic.hpp"
#include "tests/support/fixtures.hpp"
#include "tests/support/pulse_server.hpp"

using namespace vc::audio;
using Catch::Contains;

namespace {

constexpr int rate = 48000;

/// Frames at which |x| first rises over `threshold` after at least `gap` quiet-enough frames.
std::vector<std::int64_t> onsets(const std::vector<float>& x, float threshold, std::int64_t gap) {
    std::vector<std::int64_t> found;
    for (std::size_t i = 0; i < x.size(); ++i)
        if (std::fabs(x[i]) > threshold &&
            (found.empty() || static_cast<std::int64_t>(i) - found.back() > gap))
            found.push_back(static_cast<std::int64_t>(i));
    return found;
}

}  // namespace

TEST_CASE("clicks fed to the microphone arrive through CaptureInput and LiveSource 250 ms apart") {
    vc::test::TempDir dir;
    vc::test::PulseServer pulse(vc::test::PulseServer::Options::with_microphone());

    // 3 s: a 20 ms burst of 1 kHz at -6 dBFS every 250 ms, from 0.1 s.
    const std::int64_t spacing = rate / 4;
    const std::int64_t first = rate / 10;
    const std::int64_t burst = rate / 50;
    const double amplitude = std::pow(10.0, -6.0 / 20.0);
    vc::test::write_audio(dir / "clicks.wav", rate, 1, 3 * rate, [&](std::int64_t i, int) {
        if (i < first || (i - first) % spacing >= burst) return 0.0f;
        const auto t = static_cast<double>((i - first) % spacing) / rate;
        return static_cast<float>(amplitude * std::sin(2.0 * std::numbers::pi * 1000.0 * t));
    });

    const auto inputs = list_input_devices();
    REQUIRE_FALSE(inputs.empty());
    CHECK(find_input_device("default").is_default);

    auto ring = std::make_shared<LiveRing>(rate, 2 * rate);
    auto stats = std::make_shared<LiveStats>();
    CaptureInput mic("default", ring);
    CHECK(mic.input_latency_seconds() == 0.0);
    // The microphone is open before the clicks start: opening it probes the sound devices,
    // which takes a while on a slow (sanitized) build, and clicks played before would be lost.
    mic.open();
    CHECK_FALSE(mic.name().empty());
    CHECK(mic.input_latency_seconds() > 0.0);
    pulse.feed_microphone(dir / "clicks.wav");

    LiveSource source(ring, {rate, 1}, VoiceSettings{}, rate / 100, stats);
    std::vector<float> heard;
    std::vector<float> block(static_cast<std::size_t>(source.max_block()));
    const auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(4000);
    while (std::chrono::steady_clock::now() < until) {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
        // Take what has arrived, so that the source neither drops nor pads here.
        while (const std::int64_t n = std::min(ring->available(), source.max_block())) {
            source.render(block.data(), n);
            heard.insert(heard.end(), block.begin(), block.begin() + n);
        }
    }
    mic.close();
    CHECK(mic.input_latency_seconds() == 0.0);

    CHECK(ring->overflowed() == 0);
    CHECK(stats->missing == 0);
    CHECK(stats->rendered == static_cast<std::int64_t>(heard.size()));
    const auto clicks = onsets(heard, 0.1f, rate / 10);
    INFO("captured " << heard.size() << " frames, " << clicks.size() << " clicks");
    CHECK(clicks.size() >= 8);
    // 250 ms +- 5 ms apart. A machine loaded by other tests (or a sanitizer) can make the sound
    // server drop a chunk of capture now and then, shortening one spacing: at most one of them
    // may be off, and never longer than 250 ms (nothing is repeated or padded here).
    std::string spacings;
    std::size_t exact = 0;
    for (std::size_t k = 1; k < clicks.size(); ++k) {
        const auto d = clicks[k] - clicks[k - 1];
        spacings += std::to_string(d) + " ";
        exact += std::llabs(d - spacing) <= rate / 200 ? 1 : 0;
        CHECK(d <= spacing + rate / 200);
    }
    INFO("spacings " << spacings);
    CHECK(exact + 1 >= clicks.size() - 1);
}

TEST_CASE("the test microphone's feed is heard on the room's left channel only") {
    vc::test::TempDir dir;
    vc::test::PulseServer pulse(vc::test::PulseServer::Options::with_microphone());
    // 0.5 s: one 20 ms burst of 1 kHz at 0.2 s.
    vc::test::write_audio(dir / "burst.wav", rate, 1, rate / 2, [](std::int64_t i, int) {
        if (i < rate / 5 || i >= rate / 5 + rate / 50) return 0.0f;
        return 0.5f * static_cast<float>(std::sin(2.0 * std::numbers::pi * 1000.0 *
                                                  static_cast<double>(i) / rate));
    });
    vc::test::MonitorRecording room(dir / "room.raw", 2, "room.monitor");
    pulse.feed_microphone(dir / "burst.wav");
    pulse.wait_for_feed();
    const auto both = room.stop();
    float left = 0.0f;
    float right = 0.0f;
    for (std::size_t i = 0; i + 1 < both.size(); i += 2) {
        left = std::max(left, std::fabs(both[i]));
        right = std::max(right, std::fabs(both[i + 1]));
    }
    CHECK(left == Approx(0.5f).margin(0.01f));
    CHECK(right == 0.0f);
}

TEST_CASE("a microphone spec that matches no capture device is named in the error") {
    vc::test::PulseServer pulse(vc::test::PulseServer::Options::with_microphone());
    auto ring = std::make_shared<LiveRing>(rate, rate);
    CaptureInput mic("no such mic", ring);
    CHECK_THROWS_AS(mic.open(), vc::UserError);
    CHECK_THROWS_WITH(mic.open(), Contains("no such mic") && Contains("capture devices are:"));
    CHECK_FALSE(mic.is_open());
}
