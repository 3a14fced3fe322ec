#pragma once
// What each daemon start of the soak does, decided in advance from the seed: the span it runs,
// where it is killed, and the actions that arrive while it runs.

#include <cstdint>
#include <string>
#include <vector>

#include <date/tz.h>

#include "core/instant.hpp"
#include "engine/operator_actions.hpp"
#include "tests/soak/harness/soak_station.hpp"

namespace vc::soak {

struct SoakOptions;

/// Something that arrives at one instant, through the calls the console and the daemon's
/// drivers make.
struct Action {
    enum class Kind { air_now, stop, break_file, fix_file, lose_output, restore_output };
    Action(Instant when, Kind what) : at(when), kind(what) {}
    Instant at{};
    Kind kind = Kind::air_now;
    engine::ManualAiring manual;  ///< air_now
    std::string who;              ///< stop
    std::size_t file = 0;         ///< break_file, fix_file: index into SoakStation::breakable
};

/// One daemon start: from `begin` to `end`, where it is killed (or, the last, stops cleanly).
struct Segment {
    int index = 0;
    Instant begin{};
    Instant end{};
    bool last = false;
    std::vector<Action> actions;  ///< in time order, all in (begin, end)
};

/// One start per simulated week of the span [from, to); each but the last is killed near its
/// week's end (half the time a few seconds into a busy time, when something airs; sometimes just
/// after a burst of manual requests), and the next starts a few seconds to 15 minutes later.
std::vector<Segment> plan_segments(const SoakStation& station, const SoakOptions& options,
                                   const date::time_zone& zone, Instant from, Instant to);

}  // namespace vc::soak
