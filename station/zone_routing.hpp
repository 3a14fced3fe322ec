#pragma once
// Where each zone's airings go: which of the station's outputs (the [output] device, then every
// other device, Snapcast stream, file or null a zone names), and which of its channels. Zones on
// channels of one device share that device's stream and its clock, mixed per channel; zones on
// different outputs each have their own stream.

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "audio/audio_format.hpp"
#include "station/station.hpp"

namespace vc::station {

/// One output stream of the station.
struct StationOutput {
    /// The output spec for audio::make_output: a device name, "snapcast:STREAM", "wav:FILE",
    /// "flac:FILE" or "null".
    std::string spec;
    audio::AudioFormat format;
    bool operator==(const StationOutput&) const = default;
};

/// The station's outputs: [0] is [output]'s device, then each other output a [[zone]] names,
/// in the order of the zones, each once. Another device gets the station's sample rate and as
/// many channels as the highest one a zone names on it ([output] channels for a whole device);
/// a Snapcast stream is 48 kHz stereo; a file or null has [output]'s format. Pure.
std::vector<StationOutput> station_outputs(const Station& st);

/// One zone's place among the station's outputs.
struct ZoneRoute {
    /// Index in station_outputs().
    std::size_t output = 0;
    /// 0-based channels of that output the zone's airings play on, in the zone's channel order;
    /// empty: every channel (the whole device, or a station without zones).
    std::vector<int> channels;
    /// How many channels its airings are rendered with: channels.size(), or the output's.
    int rendered_channels = 0;
};

/// The route of zone `zone` ("" on a station without zones: the whole [output]). Throws
/// UserError naming the zone and what to change when the daemon cannot play to it: a channel of
/// [output]'s device beyond [output] channels, or a Snapcast stream on a station whose
/// sample_rate is not 48 kHz. Pure.
ZoneRoute zone_route(const Station& st, const std::string& zone);

/// Why the daemon cannot reach zone `zone` (zone_route's message), or nullopt when it can. Pure.
std::optional<std::string> unreachable_zone(const Station& st, const std::string& zone);

}  // namespace vc::station
