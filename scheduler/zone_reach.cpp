#include "scheduler/zone_reach.hpp"

#include <algorithm>
#include <set>

namespace vc::scheduler {

std::vector<std::string> zones_reached(const std::vector<std::string>& named,
                                       const ScheduleContext& ctx) {
    std::set<std::string> wanted;
    for (const auto& name : named) {
        if (name == "all") {
            wanted.insert(ctx.zones.begin(), ctx.zones.end());
        } else if (auto g = ctx.zone_groups.find(name); g != ctx.zone_groups.end()) {
            wanted.insert(g->second.begin(), g->second.end());
        } else {
            wanted.insert(name);
        }
    }
    std::vector<std::string> out;
    for (const auto& z : ctx.zones)
        if (wanted.count(z) != 0) out.push_back(z);
    return out;
}

}  // namespace vc::scheduler
