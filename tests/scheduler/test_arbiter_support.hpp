#pragma once
// Shared helpers of the arbiter and plan tests: instants on one test day (UTC), occurrences,
// and picking decisions of one kind out of an answer.

#include <date/date.h>
#include <catch2/catch.hpp>

#include <string>
#include <variant>
#include <vector>

#include "scheduler/arbiter.hpp"

namespace vc::scheduler::test {

using namespace std::chrono_literals;

/// 2026-12-03 hh:mm:ss.ms UTC.
inline Instant at(int h, int m, int s, int ms = 0) {
    return Instant{date::sys_days{date::year{2026} / 12 / 3}.time_since_epoch()} +
           std::chrono::hours(h) + std::chrono::minutes(m) + std::chrono::seconds(s) +
           std::chrono::milliseconds(ms);
}

/// The output frame at 48 kHz of `t`, counted from `origin`.
inline std::int64_t frame48(Instant t, Instant origin) {
    return (t - origin).count() * 48;
}

inline Occurrence occ(std::string id, Instant scheduled, Priority p = Priority::routine,
                      Millis late = std::chrono::minutes(10)) {
    Occurrence o;
    o.broadcast_id = std::move(id);
    o.scheduled = scheduled;
    o.priority = p;
    o.late = late;
    o.playlist = o.broadcast_id;
    return o;
}

template <class T>
std::vector<T> all_of(const std::vector<Decision>& ds) {
    std::vector<T> out;
    for (const auto& d : ds)
        if (const T* x = std::get_if<T>(&d)) out.push_back(*x);
    return out;
}

template <class T>
T one(const std::vector<Decision>& ds) {
    auto v = all_of<T>(ds);
    REQUIRE(v.size() == 1);
    return v.front();
}

}  // namespace vc::scheduler::test
