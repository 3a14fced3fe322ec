// station.toml's `zones`: the names of the station's groups of loudspeakers, each once, "all"
// being implicit.

#include <set>

#include "station/section_readers.hpp"

namespace vc::station {

void read_zones(TomlTable& top, std::vector<std::string>& out) {
    auto zones = top.get_strings("zones");
    if (!zones) return;
    const toml::node* node = top.table().get("zones");
    const toml::array* arr = node->as_array();
    std::set<std::string> seen;
    bool ok = true;
    for (std::size_t i = 0; i < zones->size(); ++i) {
        const auto& zone = (*zones)[i];
        std::string problem;
        if (zone.empty()) {
            problem = "a zone name cannot be empty";
        } else if (zone == "all") {
            problem = "zone \"all\" is implicit (every loudspeaker); leave it out";
        } else if (!seen.insert(zone).second) {
            problem = "zone \"" + zone + "\" is listed twice";
        }
        if (!problem.empty()) {
            top.error(pos_of(arr ? *arr->get(i) : *node), "`zones`: " + problem);
            ok = false;
        }
    }
    if (ok) {
        out = *zones;
    }
}

}  // namespace vc::station
