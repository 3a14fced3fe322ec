#include <catch2/catch.hpp>

#include <vector>

#include "audio/dsp/channel_map.hpp"

using vc::audio::ChannelMap;

TEST_CASE("mono goes to every output channel") {
    const std::vector<float> in{0.1f, -0.2f};
    std::vector<float> out(6);
    ChannelMap(1, 3).apply(in.data(), out.data(), 2);
    CHECK(out == std::vector<float>{0.1f, 0.1f, 0.1f, -0.2f, -0.2f, -0.2f});
}

TEST_CASE("several channels to mono are averaged") {
    const std::vector<float> in{0.5f, 0.25f, -1.0f, 0.0f};
    std::vector<float> out(2);
    ChannelMap(2, 1).apply(in.data(), out.data(), 2);
    CHECK(out == std::vector<float>{0.375f, -0.5f});
}

TEST_CASE("N to M copies channel i to i and silences the rest") {
    const std::vector<float> in{1, 2, 3, 4, 5, 6};  // two frames of 3 channels
    std::vector<float> up(8, 9.0f);
    ChannelMap(3, 4).apply(in.data(), up.data(), 2);
    CHECK(up == std::vector<float>{1, 2, 3, 0, 4, 5, 6, 0});
    std::vector<float> down(4);
    ChannelMap(3, 2).apply(in.data(), down.data(), 2);
    CHECK(down == std::vector<float>{1, 2, 4, 5});
}

TEST_CASE("adding scales by the gain and per-frame gains") {
    const std::vector<float> in{1.0f, 1.0f};
    std::vector<float> out{0.5f, 0.5f, 0.5f, 0.5f};
    const std::vector<float> frame_gains{0.5f, 0.25f};
    ChannelMap(1, 2).add(in.data(), out.data(), 2, 0.5f, frame_gains.data());
    CHECK(out == std::vector<float>{0.75f, 0.75f, 0.625f, 0.625f});
    CHECK_THROWS_AS(ChannelMap(0, 2), std::invalid_argument);
}
