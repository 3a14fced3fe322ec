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

/// Feeds `arb` a routine occurrence of `id` due at 10:00:00, announced at 09:59:59.500 (the fade
/// ahead of it), and returns the one Start it must give.
inline Start start_at_ten(Arbiter& arb, const std::string& id) {
    return one<Start>(arb.due(occ(id, at(10, 0, 0)), at(9, 59, 59, 500)));
}

/// What a Final decision must say besides its instant.
struct ExpectedFinal {
    std::string broadcast;
    Outcome outcome;
    int attempts;
    std::string by;
    std::string reason;
};

/// REQUIREs that `deadline` is the arbiter's next deadline, CHECKs that nothing is decided 1 ms
/// before it and that the one Final decided at it is `expected`, at `deadline`.
inline Final final_at_deadline(Arbiter& arb, Instant deadline, const ExpectedFinal& expected) {
    REQUIRE(arb.next_deadline() == deadline);
    CHECK(arb.tick(deadline - 1ms).empty());
    const Final f = one<Final>(arb.tick(deadline));
    CHECK(f.occurrence.broadcast_id == expected.broadcast);
    CHECK(f.outcome == expected.outcome);
    CHECK(f.at == deadline);
    CHECK(f.attempts == expected.attempts);
    CHECK(f.by == expected.by);
    CHECK(f.reason == expected.reason);
    return f;
}

}  // namespace vc::scheduler::test
