#pragma once
// Frames to nanoseconds and back, in exact integer arithmetic (no floating seconds).

#include <chrono>
#include <cstdint>

#include "core/clock.hpp"

namespace vc::audio {

/// Nanoseconds that `frames` frames last at `rate`, rounded to the nearest nanosecond.
/// Exact for any frame count a stream can reach (no overflow before ~290 years of audio).
constexpr std::int64_t nanoseconds_for_frames(std::int64_t frames, int rate) {
    constexpr std::int64_t ns_per_s = 1'000'000'000;
    std::int64_t whole = frames / rate;
    std::int64_t rest = frames % rate;
    if (rest < 0) {
        rest += rate;
        --whole;
    }
    return whole * ns_per_s + (rest * ns_per_s + rate / 2) / rate;
}

/// The frame nearest to `ns` nanoseconds after frame 0 at `rate` (negative before it).
/// frames_for_nanoseconds(nanoseconds_for_frames(f, r), r) == f for every f.
constexpr std::int64_t frames_for_nanoseconds(std::int64_t ns, int rate) {
    constexpr std::int64_t ns_per_s = 1'000'000'000;
    std::int64_t whole = ns / ns_per_s;
    std::int64_t rest = ns % ns_per_s;
    if (rest < 0) {
        rest += ns_per_s;
        --whole;
    }
    return whole * rate + (rest * rate + ns_per_s / 2) / ns_per_s;
}

/// A monotonic instant as nanoseconds since the clock's epoch (for atomics).
inline std::int64_t ns_of(MonoTime t) {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(t.time_since_epoch()).count();
}

/// The inverse of ns_of.
inline MonoTime time_of_ns(std::int64_t ns) {
    return MonoTime(std::chrono::duration_cast<MonoTime::duration>(std::chrono::nanoseconds(ns)));
}

}  // namespace vc::audio
