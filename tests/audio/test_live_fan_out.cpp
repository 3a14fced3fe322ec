// One live input into the rings of several airings: what is attached gets every frame from
// then on, what is detached gets none, and a full ring drops only its own frames.

#include <catch2/catch.hpp>

#include <atomic>
#include <thread>
#include <vector>

#include "audio/inputs/live_fan_out.hpp"

using vc::audio::LiveFanOut;
using vc::audio::LiveRing;

TEST_CASE("a fan-out feeds each attached ring from its attachment on, and no detached one") {
    LiveFanOut fan(48000);
    auto a = std::make_shared<LiveRing>(48000, 1000);
    auto b = std::make_shared<LiveRing>(48000, 1000);
    const std::vector<float> block(100, 0.5f);

    fan.push(block.data(), 100);  // nobody listens yet
    fan.attach(a);
    fan.push(block.data(), 100);
    fan.attach(b);
    fan.push(block.data(), 100);
    CHECK(fan.attached() == 2);
    CHECK(a->available() == 200);
    CHECK(b->available() == 100);

    fan.detach(a.get());
    fan.push(block.data(), 100);
    CHECK(fan.attached() == 1);
    CHECK(a->available() == 200);
    CHECK(b->available() == 200);
    fan.detach(a.get());  // twice: nothing happens
    CHECK(fan.attached() == 1);

    // A full ring drops its own frames and counts them; the others still get theirs.
    auto small = std::make_shared<LiveRing>(48000, 150);
    fan.attach(small);
    fan.push(block.data(), 100);
    fan.push(block.data(), 100);
    CHECK(small->available() == 150);
    CHECK(small->overflowed() == 50);
    CHECK(b->available() == 400);
}

TEST_CASE("a fan-out refuses a ring of another rate and more rings than it has room for") {
    LiveFanOut fan(48000);
    CHECK_THROWS_AS(fan.attach(std::make_shared<LiveRing>(44100, 100)), std::invalid_argument);
    CHECK_THROWS_AS(fan.attach(nullptr), std::invalid_argument);
    std::vector<std::shared_ptr<LiveRing>> rings;
    for (std::size_t i = 0; i < LiveFanOut::max_rings; ++i) {
        rings.push_back(std::make_shared<LiveRing>(48000, 10));
        fan.attach(rings.back());
    }
    CHECK_THROWS_AS(fan.attach(std::make_shared<LiveRing>(48000, 10)), std::length_error);
    fan.detach(rings.front().get());
    CHECK_NOTHROW(fan.attach(std::make_shared<LiveRing>(48000, 10)));
}

TEST_CASE("rings attached and detached while a producer pushes get whole runs of frames") {
    LiveFanOut fan(48000);
    auto steady = std::make_shared<LiveRing>(48000, 1'000'000);
    fan.attach(steady);
    std::atomic<bool> done{false};
    std::thread producer([&] {
        std::vector<float> block(64);
        for (int i = 0; i < 4000; ++i) {
            for (std::size_t k = 0; k < block.size(); ++k)
                block[k] = static_cast<float>(i * 64 + static_cast<int>(k));
            fan.push(block.data(), 64);
        }
        done = true;
    });
    std::vector<std::shared_ptr<LiveRing>> visitors;
    // Small rings (a full one keeps its first frames and drops the rest), at most 500 of them.
    while (!done && visitors.size() < 500) {
        auto r = std::make_shared<LiveRing>(48000, 8192);
        fan.attach(r);
        std::this_thread::yield();
        fan.detach(r.get());
        visitors.push_back(r);
    }
    producer.join();
    // The steady ring has every frame in order.
    std::vector<float> got(4000 * 64);
    REQUIRE(steady->pop(got.data(), static_cast<std::int64_t>(got.size())) ==
            static_cast<std::int64_t>(got.size()));
    for (std::size_t i = 0; i < got.size(); ++i) REQUIRE(got[i] == static_cast<float>(i));
    // A visitor got consecutive frames: blocks from when it was attached to when it was not.
    for (const auto& r : visitors) {
        std::vector<float> part(static_cast<std::size_t>(r->available()));
        r->pop(part.data(), static_cast<std::int64_t>(part.size()));
        for (std::size_t i = 1; i < part.size(); ++i) REQUIRE(part[i] == part[i - 1] + 1.0f);
    }
}
