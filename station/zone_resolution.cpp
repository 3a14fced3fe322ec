// Zone names, group names and "all" resolved to zones; the Snapcast zones' stream ports.

#include "station/zone_resolution.hpp"

#include <algorithm>
#include <set>

#include "core/diagnostic.hpp"

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
    std::set<std::string> wanted;
    for (const auto& name : names) {
        if (name == "all") {
            for (const auto& z : st.zones) wanted.insert(z.name);
            continue;
        }
        const auto zone = std::find_if(st.zones.begin(), st.zones.end(),
                                       [&](const Zone& z) { return z.name == name; });
        if (zone != st.zones.end()) {
            wanted.insert(name);
            continue;
        }
        const auto group = std::find_if(st.groups.begin(), st.groups.end(),
                                        [&](const ZoneGroup& g) { return g.name == name; });
        if (group == st.groups.end()) {
            std::string known;
            for (const auto& z : st.zones) known += (known.empty() ? "" : ", ") + z.name;
            for (const auto& g : st.groups) known += (known.empty() ? "" : ", ") + g.name;
            throw UserError("\"" + name + "\" is neither a zone nor a group of " +
                            st.file().string() + " (" +
                            (known.empty() ? std::string("it declares none") : known) +
                            "; \"all\" means every zone)");
        }
        wanted.insert(group->zones.begin(), group->zones.end());
    }
    std::vector<std::string> out;
    for (const auto& z : st.zones)
        if (wanted.count(z.name) != 0) out.push_back(z.name);
    return out;
}

std::vector<SnapcastStream> snapcast_streams(const Station& st) {
    std::vector<SnapcastStream> out;
    int port = st.snapcast.stream_port;
    for (const auto& z : st.zones) {
        if (z.output.kind != ZoneOutput::Kind::snapcast) continue;
        out.push_back({z.name, z.output.stream, port++});
    }
    return out;
}

}  // namespace vc::station
