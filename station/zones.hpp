#pragma once
// The station's zones and groups of zones, as station.toml declares them: plain data that
// Station holds. What a broadcast's `zones` reach is in zone_resolution.hpp.

#include <string>
#include <vector>

#include "core/toml_reader.hpp"
#include "station/zone_output.hpp"

namespace vc::station {

/// A named group of loudspeakers and where its sound goes.
struct Zone {
    std::string name;   ///< never empty, never "all", unique among zones and groups
    ZoneOutput output;  ///< a top-level `zones = [...]` gives each the [output] device, whole
    SourcePos pos;      ///< where its name is written in station.toml
    /// A zone on a Snapcast stream: the receivers (snapclient host IDs) that belong to it; the
    /// daemon puts each back on the zone's stream whenever snapserver has it elsewhere.
    std::vector<std::string> receivers{};
    bool operator==(const Zone& o) const {
        return name == o.name && output == o.output && receivers == o.receivers;
    }
};

/// A named set of zones ([group] in station.toml); "all" is implicit and never one of these.
struct ZoneGroup {
    std::string name;                ///< never a zone's name, never "all"
    std::vector<std::string> zones;  ///< known zone names, each once, in the order written
    bool operator==(const ZoneGroup&) const = default;
};

}  // namespace vc::station
