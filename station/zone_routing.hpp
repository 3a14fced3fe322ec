#pragma once
// Where one zone's airings go on the station's output stream: which of its channels carry the
// zone. Zones on channels of [output]'s device (or on the whole device) share that one stream
// and its clock, mixed per channel.

#include <optional>
#include <string>
#include <vector>

#include "station/station.hpp"

namespace vc::station {

/// One zone's place on the output stream.
struct ZoneRoute {
    /// 0-based output channels the zone's airings play on, in the zone's channel order; empty:
    /// every channel of the stream (the whole device, or a station without zones).
    std::vector<int> channels;
    /// How many channels its airings are rendered with: channels.size(), or the stream's.
    int rendered_channels = 0;
};

/// The route of zone `zone` ("" on a station without zones: the whole output). Throws UserError
/// naming the zone and its output when the zone is not on [output]'s device (another device, a
/// file, a Snapcast stream, null: this version plays every zone on that one stream) or names a
/// channel the device does not have ([output] channels). Pure.
ZoneRoute zone_route(const Station& st, const std::string& zone);

/// Why the daemon cannot reach zone `zone` (zone_route's message), or nullopt when it can. Pure.
std::optional<std::string> unreachable_zone(const Station& st, const std::string& zone);

}  // namespace vc::station
