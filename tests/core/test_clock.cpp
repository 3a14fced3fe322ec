#include <catch2/catch.hpp>

#include "core/clock.hpp"

using namespace std::chrono;

TEST_CASE("a manual clock moves only when told, and can step its wall clock alone") {
    vc::ManualClock clock(vc::Instant(milliseconds(1'000'000)));
    auto m0 = clock.monotonic();
    clock.sleep_until(m0 + milliseconds(1500));
    CHECK(clock.now() == vc::Instant(milliseconds(1'001'500)));
    CHECK(clock.monotonic() - m0 == milliseconds(1500));
    clock.step_wall(-hours(1));
    CHECK(clock.now() == vc::Instant(milliseconds(1'001'500 - 3'600'000)));
    CHECK(clock.monotonic() - m0 == milliseconds(1500));
    clock.sleep_until(m0);  // in the past: no change
    CHECK(clock.monotonic() - m0 == milliseconds(1500));
}
