#pragma once
// One occurrence: a broadcast due at an instant, with what it airs, its priority and late window.

#include <string>

#include "core/duration.hpp"
#include "core/instant.hpp"
#include "scheduler/priority.hpp"

namespace vc::scheduler {

/// One broadcast at one scheduled instant in one zone: the unit the arbiter decides about.
struct Occurrence {
    std::string broadcast_id;
    Instant scheduled;  ///< UTC
    Priority priority = Priority::routine;
    Millis late{
        std::chrono::minutes(10)};  ///< may start up to this long after `scheduled`, inclusive
    std::string playlist;           ///< what airs: a playlist name, or empty when `clip` is set
    std::string clip;               ///< a clip id, or empty
    /// The zone this airing of the broadcast is heard in (each zone a broadcast reaches gets its
    /// own occurrence, arbitrated by that zone's rules); empty on a station without zones.
    std::string zone;
    /// For a page: the live input that airs instead of a file ("microphone", "browser");
    /// playlist and clip are then empty.
    std::string live;

    bool operator==(const Occurrence&) const = default;
};

}  // namespace vc::scheduler
