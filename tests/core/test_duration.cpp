#include <catch2/catch.hpp>

#include "core/duration.hpp"

using vc::Millis;
using vc::parse_duration;

TEST_CASE("durations parse as people write them") {
    CHECK(parse_duration("90s") == Millis(90'000));
    CHECK(parse_duration("1m30s") == Millis(90'000));
    CHECK(parse_duration("250ms") == Millis(250));
    CHECK(parse_duration("1.5s") == Millis(1'500));
    CHECK(parse_duration("1h") == Millis(3'600'000));
    CHECK(parse_duration("1h2m3s") == Millis(3'723'000));
    CHECK(parse_duration("0s") == Millis(0));
    CHECK(parse_duration("10m") == Millis(600'000));
}

TEST_CASE("durations may be written in days, as retention periods are") {
    CHECK(parse_duration("180d") == Millis(180LL * 86'400'000));
    CHECK(parse_duration("1d12h") == Millis(129'600'000));
    CHECK(parse_duration("1.5d") == Millis(129'600'000));
    CHECK(parse_duration("7d0h30m") == Millis(7LL * 86'400'000 + 1'800'000));
    CHECK_FALSE(parse_duration("d").has_value());
    CHECK(parse_duration("1h1d") == Millis(90'000'000));  // parts in any order, as before
    // Large enough to overflow 64-bit microseconds: refused, not wrapped around.
    CHECK_FALSE(parse_duration("999999999d").has_value());
    CHECK_FALSE(parse_duration("100000000d100000000d").has_value());
}

TEST_CASE("malformed durations are refused") {
    for (const char* bad :
         {"", "s", "90", "1.5", "-1s", "1 s", "1x", "1.s", "1.5m30s", "0.0001s", "1m30", "ms"}) {
        INFO(bad);
        CHECK_FALSE(parse_duration(bad).has_value());
    }
}

TEST_CASE("durations format back to the same text form") {
    CHECK(vc::format_duration(Millis(72'000)) == "1m12s");
    CHECK(vc::format_duration(Millis(250)) == "250ms");
    CHECK(vc::format_duration(Millis(0)) == "0s");
    CHECK(vc::format_duration(Millis(3'605'250)) == "1h0m5.25s");
    for (long ms : {1L, 999L, 1000L, 61'001L, 3'600'000L, 86'399'999L})
        CHECK(parse_duration(vc::format_duration(Millis(ms))) == Millis(ms));
}
