#include "station/zone_routing.hpp"

#include <algorithm>

#include "core/diagnostic.hpp"

namespace vc::station {

ZoneRoute zone_route(const Station& st, const std::string& zone) {
    const int channels = st.output.channels;
    if (zone.empty()) return {{}, channels};
    const auto it = std::find_if(st.zones.begin(), st.zones.end(),
                                 [&](const Zone& z) { return z.name == zone; });
    if (it == st.zones.end())
        throw UserError("zone \"" + zone + "\" is not declared in " + st.file().string());
    const ZoneOutput& out = it->output;
    const ZoneOutput station_output = whole_station_output(st.output.device);
    const bool on_station_device =
        (out.kind == ZoneOutput::Kind::device && station_output.kind == ZoneOutput::Kind::device &&
         out.device == station_output.device) ||
        (out.kind != ZoneOutput::Kind::device && out == station_output);
    if (!on_station_device)
        throw UserError("zone \"" + zone + "\" plays on " + describe_zone_output(out) +
                        ", but this version plays every zone on [output]'s device (\"" +
                        st.output.device + "\") in " + st.file().string() +
                        ": give the zone channels of that device (e.g. \"" + st.output.device +
                        ":1\")");
    ZoneRoute route{{}, channels};
    for (int c : out.channels) {
        if (c > channels)
            throw UserError("zone \"" + zone + "\" plays on channel " + std::to_string(c) +
                            " of \"" + out.device +
                            "\", but [output] channels = " + std::to_string(channels) + " in " +
                            st.file().string() + ": raise `channels` to the card's channel count");
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
