#include "station/zone_routing.hpp"

#include <algorithm>

#include "core/diagnostic.hpp"

namespace vc::station {
namespace {

/// Snapcast streams carry 48 kHz 16-bit stereo.
constexpr audio::AudioFormat snapcast_format{48000, 2};

/// Whether `out` is (part of) [output]'s device, so that it plays on output 0.
bool on_station_output(const Station& st, const ZoneOutput& out) {
    const ZoneOutput station_output = whole_station_output(st.output.device);
    if (out.kind == ZoneOutput::Kind::device)
        return station_output.kind == ZoneOutput::Kind::device &&
               out.device == station_output.device;
    return out == station_output;
}

/// The spec of the output stream `out` plays on: the device without its channels, or the
/// output as written.
std::string stream_spec(const ZoneOutput& out) {
    if (out.kind == ZoneOutput::Kind::device) return out.device;
    return format_zone_output(out);
}

const Zone& find_zone(const Station& st, const std::string& zone) {
    const auto it = std::find_if(st.zones.begin(), st.zones.end(),
                                 [&](const Zone& z) { return z.name == zone; });
    if (it == st.zones.end())
        throw UserError("zone \"" + zone + "\" is not declared in " + st.file().string());
    return *it;
}

}  // namespace

std::vector<StationOutput> station_outputs(const Station& st) {
    std::vector<StationOutput> out{{st.output.device, st.output_format()}};
    for (const auto& z : st.zones) {
        if (on_station_output(st, z.output)) continue;
        const std::string spec = stream_spec(z.output);
        auto it = std::find_if(out.begin(), out.end(),
                               [&](const StationOutput& o) { return o.spec == spec; });
        if (it == out.end()) {
            audio::AudioFormat format = st.output_format();
            if (z.output.kind == ZoneOutput::Kind::snapcast) format = snapcast_format;
            if (z.output.kind == ZoneOutput::Kind::device && !z.output.channels.empty())
                format.channels = 0;  // as many as the zones on it name (below)
            it = out.insert(out.end(), {spec, format});
        }
        for (int c : z.output.channels) it->format.channels = std::max(it->format.channels, c);
    }
    return out;
}

ZoneRoute zone_route(const Station& st, const std::string& zone) {
    if (zone.empty()) return {0, {}, st.output.channels};
    const ZoneOutput& out = find_zone(st, zone).output;
    const auto outputs = station_outputs(st);
    const std::string spec = on_station_output(st, out) ? st.output.device : stream_spec(out);
    const auto it = std::find_if(outputs.begin(), outputs.end(),
                                 [&](const StationOutput& o) { return o.spec == spec; });
    ZoneRoute route{static_cast<std::size_t>(it - outputs.begin()), {}, it->format.channels};
    if (out.kind == ZoneOutput::Kind::snapcast &&
        st.output.sample_rate != snapcast_format.sample_rate)
        throw UserError("zone \"" + zone + "\" plays on " + describe_zone_output(out) +
                        ", which carries 48 kHz, but [output] sample_rate = " +
                        std::to_string(st.output.sample_rate) + " in " + st.file().string() +
                        ": leave out `sample_rate` or write 48000");
    for (int c : out.channels) {
        if (c > it->format.channels)
            throw UserError(
                "zone \"" + zone + "\" plays on channel " + std::to_string(c) + " of \"" +
                out.device + "\", but [output] channels = " + std::to_string(it->format.channels) +
                " in " + st.file().string() + ": raise `channels` to the card's channel count");
        route.channels.push_back(c - 1);
    }
    if (!route.channels.empty()) route.rendered_channels = static_cast<int>(route.channels.size());
    return route;
}

std::optional<std::string> unreachable_zone(const Station& st, const std::string& zone) {
    try {
        (void)zone_route(st, zone);
        return std::nullopt;
    } catch (const UserError& e) {
        return std::string(e.what());
    }
}

}  // namespace vc::station
