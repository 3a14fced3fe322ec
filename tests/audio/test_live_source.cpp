// The live source: the ring's frames in order, the backlog dropped, gaps filled with silence.

#include <catch2/catch.hpp>

#include <cmath>
#include <memory>
#include <vector>

#include "audio/inputs/live_ring.hpp"
#include "audio/inputs/live_source.hpp"

using namespace vc::audio;

namespace {

constexpr int rate = 48000;

/// The value that marks frame i of a ramp (never 0, so silence is told apart).
float mark(std::int64_t i) {
    return static_cast<float>(i + 1) * 1e-5f;
}

void push_ramp(LiveRing& ring, std::int64_t first, std::int64_t n) {
    std::vector<float> x(static_cast<std::size_t>(n));
    for (std::int64_t i = 0; i < n; ++i) x[static_cast<std::size_t>(i)] = mark(first + i);
    ring.push(x.data(), n);
}

/// A voice path that leaves the ramp as it is (apart from the limiter's delay).
VoiceSettings transparent() {
    VoiceSettings v;
    v.high_pass = false;
    v.gate = false;
    return v;
}

std::int64_t delay() {
    return VoiceProcessor(rate, transparent()).latency();
}

std::vector<float> render(LiveSource& source, std::int64_t frames) {
    std::vector<float> out(static_cast<std::size_t>(frames * source.format().channels), -1.0f);
    REQUIRE(source.render(out.data(), frames) == frames);
    return out;
}

}  // namespace

TEST_CASE("a live ring drops and counts what does not fit") {
    LiveRing ring(rate, 100);
    push_ramp(ring, 0, 150);
    CHECK(ring.pushed() == 100);
    CHECK(ring.overflowed() == 50);
    CHECK(ring.available() == 100);
    CHECK(ring.discard(30) == 30);
    std::vector<float> out(100);
    REQUIRE(ring.pop(out.data(), 100) == 70);
    CHECK(out[0] == mark(30));
    CHECK(out[69] == mark(99));
    CHECK(ring.discard(10) == 0);
}

TEST_CASE("a live source returns the ring's frames in order, delayed by the voice path") {
    auto ring = std::make_shared<LiveRing>(rate, rate);
    auto stats = std::make_shared<LiveStats>();
    LiveSource source(ring, {rate, 1}, transparent(), 20000, stats);
    CHECK_FALSE(source.length().has_value());
    const std::int64_t d = delay();
    push_ramp(*ring, 0, 10000);

    std::vector<float> out;
    for (int i = 0; i < 4; ++i) {
        const auto block = render(source, 500);
        out.insert(out.end(), block.begin(), block.end());
    }
    for (std::int64_t k = 0; k < 2000; ++k) {
        const float want = k < d ? 0.0f : mark(k - d);
        REQUIRE(out[static_cast<std::size_t>(k)] == Approx(want).margin(1e-7));
    }
    CHECK(stats->rendered == 2000);
    CHECK(stats->missing == 0);
    CHECK(stats->dropped == 0);
}

TEST_CASE("a live source drops the backlog on its first render and keeps the newest frames") {
    auto ring = std::make_shared<LiveRing>(rate, rate);
    auto stats = std::make_shared<LiveStats>();
    const std::int64_t target = 480;
    LiveSource source(ring, {rate, 1}, transparent(), target, stats);
    const std::int64_t d = delay();
    push_ramp(*ring, 0, 10000);  // what the mic heard before the page began

    // The first block and the target behind it are kept: frames 10000 - 256 - 480 on.
    const std::int64_t first_kept = 10000 - 256 - target;
    std::vector<float> out = render(source, 256);
    CHECK(stats->dropped == first_kept);
    CHECK(ring->available() == target);
    for (const std::int64_t n : {256, 224}) {
        const auto block = render(source, n);
        out.insert(out.end(), block.begin(), block.end());
    }
    for (std::int64_t k = d; k < 736; ++k)
        REQUIRE(out[static_cast<std::size_t>(k)] == Approx(mark(first_kept + k - d)).margin(1e-7));
    CHECK(stats->missing == 0);

    // Nothing more arrived: the next block is silence (what was still in the delay line aside).
    const auto dry = render(source, 256);
    CHECK(stats->missing == 256);
    for (std::size_t k = static_cast<std::size_t>(d); k < dry.size(); ++k) REQUIRE(dry[k] == 0.0f);
}

TEST_CASE("a live source catches up when more than twice its target waits") {
    auto ring = std::make_shared<LiveRing>(rate, rate);
    auto stats = std::make_shared<LiveStats>();
    const std::int64_t target = 480;
    LiveSource source(ring, {rate, 1}, transparent(), target, stats);
    const std::int64_t d = delay();

    push_ramp(*ring, 0, 1000);
    render(source, 256);  // 1000 waiting > 256 + 480: the first render drops 264
    CHECK(stats->dropped == 264);
    CHECK(ring->available() == target);
    std::int64_t next = 1000;  // the next ramp frame to push

    // Exactly 2 x target + n waiting: kept.
    const std::int64_t to_limit = 2 * target + 256 - ring->available();
    push_ramp(*ring, next, to_limit);
    next += to_limit;
    REQUIRE(ring->available() == 2 * target + 256);
    render(source, 256);
    CHECK(stats->dropped == 264);

    // One frame more than that: dropped down to the target behind this block.
    const std::int64_t over = 2 * target + 256 + 1 - ring->available();
    push_ramp(*ring, next, over);
    next += over;
    REQUIRE(ring->available() == 2 * target + 256 + 1);
    const auto block = render(source, 256);
    CHECK(stats->dropped == 264 + target + 1);
    CHECK(ring->available() == target);
    // Past the limiter's delay, the block holds the oldest kept frames.
    const std::int64_t first_kept = next - target - 256;
    for (std::int64_t k = d; k < 256; ++k)
        REQUIRE(block[static_cast<std::size_t>(k)] ==
                Approx(mark(first_kept + k - d)).margin(1e-7));
    CHECK(stats->missing == 0);
}

TEST_CASE("a live source fills what has not arrived with silence and counts it") {
    auto ring = std::make_shared<LiveRing>(rate, rate);
    auto stats = std::make_shared<LiveStats>();
    LiveSource source(ring, {rate, 1}, transparent(), 480, stats);
    const std::int64_t d = delay();
    push_ramp(*ring, 0, 100);
    const auto out = render(source, 600);
    for (std::int64_t k = 0; k < 600; ++k) {
        const float want = (k >= d && k < d + 100) ? mark(k - d) : 0.0f;
        REQUIRE(out[static_cast<std::size_t>(k)] == Approx(want).margin(1e-7));
    }
    CHECK(stats->missing == 500);
    CHECK(stats->rendered == 600);
    CHECK(stats->dropped == 0);
}

TEST_CASE("a live source copies the mono voice into every channel") {
    auto ring = std::make_shared<LiveRing>(rate, rate);
    LiveSource source(ring, {rate, 2}, transparent(), 2000, std::make_shared<LiveStats>());
    CHECK(source.format().channels == 2);
    const std::int64_t d = delay();
    push_ramp(*ring, 0, 3000);
    const auto out = render(source, 2000);  // more than one block
    for (std::int64_t k = d; k < 2000; ++k) {
        REQUIRE(out[static_cast<std::size_t>(2 * k)] == Approx(mark(k - d)).margin(1e-7));
        REQUIRE(out[static_cast<std::size_t>(2 * k + 1)] == out[static_cast<std::size_t>(2 * k)]);
    }
}

TEST_CASE("a live source refuses an output rate other than its ring's") {
    auto ring = std::make_shared<LiveRing>(44100, 4410);
    CHECK_THROWS_AS(LiveSource(ring, {48000, 2}, VoiceSettings{}, 480, nullptr),
                    std::invalid_argument);
}
