// Zone names, group names and "all" resolved to zones; the Snapcast zones' stream ports.

#include "station/zone_resolution.hpp"

#include <algorithm>

#include "core/diagnostic.hpp"
#include "scheduler/zone_reach.hpp"

namespace vc::station {

std::vector<std::string> zone_names(const Station& st) {
    std::vector<std::string> names;
    for (const auto& z : st.zones) names.push_back(z.name);
    return names;
}

std::map<std::string, std::vector<std::string>> group_zones(const Station& st) {
    std::map<std::string, std::vector<std::string>> groups;
    for (const auto& g : st.groups) groups[g.name] = g.zones;
    return groups;
}

std::vector<std::string> resolve_zones(const Station& st, const std::vector<std::string>& names) {
    scheduler::ScheduleContext ctx;
    ctx.zones = zone_names(st);
    ctx.zone_groups = group_zones(st);
    for (const auto& name : names) {
        if (name == "all" || ctx.zone_groups.count(name) != 0 ||
            std::find(ctx.zones.begin(), ctx.zones.end(), name) != ctx.zones.end())
            continue;
        std::string known;
        for (const auto& z : st.zones) known += (known.empty() ? "" : ", ") + z.name;
        for (const auto& g : st.groups) known += (known.empty() ? "" : ", ") + g.name;
        throw UserError("\"" + name + "\" is neither a zone nor a group of " + st.file().string() +
                        " (" + (known.empty() ? std::string("it declares none") : known) +
                        "; \"all\" means every zone)");
    }
    return scheduler::zones_reached(names, ctx);
}

std::vector<SnapcastStream> snapcast_streams(const Station& st) {
    std::vector<SnapcastStream> out;
    int port = st.snapcast.stream_port;
    for (const auto& z : st.zones) {
        if (z.output.kind != ZoneOutput::Kind::snapcast) continue;
        out.push_back({z.name, z.output.stream, port++});
    }
    // A station whose [output] is a stream no zone names: the whole station on it.
    const ZoneOutput station_output = whole_station_output(st.output.device);
    if (station_output.kind == ZoneOutput::Kind::snapcast &&
        std::none_of(out.begin(), out.end(),
                     [&](const SnapcastStream& s) { return s.stream == station_output.stream; }))
        out.push_back({"", station_output.stream, port});
    return out;
}

std::string village_of_stream(const Station& st, std::string_view stream) {
    for (const auto& s : snapcast_streams(st))
        if (s.stream == stream) return s.zone.empty() ? "(the whole station)" : s.zone;
    return "";
}

}  // namespace vc::station
