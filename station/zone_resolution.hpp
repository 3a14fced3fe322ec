#pragma once
// What a broadcast's `zones` reach: zone names, group names and "all" turned into the zones
// themselves, and the Snapcast zones' streams with their ports.

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "station/station.hpp"

namespace vc::station {

/// The zones' names in file order.
std::vector<std::string> zone_names(const Station& st);

/// Each group's zones by group name ("all" not among them).
std::map<std::string, std::vector<std::string>> group_zones(const Station& st);

/// The zones that `names` (zone names, group names, "all") reach: each once, in the order the
/// zones are declared in station.toml. A station that declares no zones has one unnamed output,
/// [output]: every list resolves to no names there. Throws UserError for a name that is neither
/// a zone nor a group (schedule files are checked against the same names, so only a caller
/// that skipped the check sees it). Pure.
std::vector<std::string> resolve_zones(const Station& st, const std::vector<std::string>& names);

/// One Snapcast zone's stream as snapserver.conf declares it.
struct SnapcastStream {
    std::string zone;    ///< the zone it carries; "" for [output]'s own stream that no zone names
    std::string stream;  ///< its name in snapserver ("name=")
    int port = 0;        ///< the TCP port snapserver listens on for it
    bool operator==(const SnapcastStream&) const = default;
};

/// The Snapcast zones' streams in zone order, the first on [snapcast] stream_port, each next
/// one port higher; then [output]'s stream when it is one that no zone names. Pure.
std::vector<SnapcastStream> snapcast_streams(const Station& st);

/// The village a Snapcast stream carries, as a receiver list shows it: the zone's name, "(the
/// whole station)" for [output]'s own stream, or empty for a stream station.toml does not name.
/// Pure.
std::string village_of_stream(const Station& st, std::string_view stream);

}  // namespace vc::station
