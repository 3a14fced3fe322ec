// station.toml's [group]: named groups of zones (group name = list of zone names). "all" is
// implicit, every zone in file order; written out, it must list exactly every zone.

#include <algorithm>
#include <set>

#include "station/section_readers.hpp"

namespace vc::station {
namespace {

std::string join_names(const std::vector<std::string>& names) {
    std::string out;
    for (const auto& n : names) out += (out.empty() ? "\"" : ", \"") + n + "\"";
    return out;
}

std::string known_zones(const std::vector<Zone>& zones) {
    if (zones.empty()) return "station.toml declares no zones";
    std::vector<std::string> names;
    for (const auto& z : zones) names.push_back(z.name);
    return "the zones are " + join_names(names);
}

bool is_zone(const std::vector<Zone>& zones, const std::string& name) {
    return std::any_of(zones.begin(), zones.end(), [&](const Zone& z) { return z.name == name; });
}

/// `all = [...]` written out: every zone, each once, and nothing else.
void check_all(TomlTable& t, const toml::node& node, const std::vector<std::string>& members,
               const std::vector<Zone>& zones) {
    std::vector<std::string> missing, extra;
    for (const auto& z : zones)
        if (std::find(members.begin(), members.end(), z.name) == members.end())
            missing.push_back(z.name);
    std::set<std::string> seen;
    for (const auto& m : members)
        if (!is_zone(zones, m) || !seen.insert(m).second) extra.push_back(m);
    if (missing.empty() && extra.empty()) return;
    std::string message =
        "`all` in [group] is every zone whether written or not; written out, it must list "
        "exactly every zone, each once (";
    if (!missing.empty()) message += "missing " + join_names(missing);
    if (!missing.empty() && !extra.empty()) message += "; ";
    if (!extra.empty()) message += "not zones or listed twice: " + join_names(extra);
    t.error(pos_of(node), message + "); leave it out to mean every zone");
}

/// One group's members, checked; false when any is wrong.
bool check_members(TomlTable& t, const std::string& name, const toml::node& node,
                   const std::vector<std::string>& members, const std::vector<Zone>& zones,
                   const toml::table& groups) {
    const toml::array* arr = node.as_array();
    const std::string group = "group `" + name + "` in [group]";
    if (members.empty()) {
        t.error(pos_of(node), group + " lists no zone; name its zones, e.g. " + name +
                                  " = [\"李家村\", \"王家村\"]");
        return false;
    }
    bool ok = true;
    std::set<std::string> seen;
    for (std::size_t i = 0; i < members.size(); ++i) {
        const auto& m = members[i];
        const auto at = pos_of(arr ? *arr->get(i) : node);
        std::string problem;
        if (m == "all") {
            problem = "\"all\" is every zone already; write the group's zones";
        } else if (!is_zone(zones, m)) {
            problem = "\"" + m + "\" is not a zone (" + known_zones(zones) + ")";
            if (groups.contains(m)) problem += "; a group lists zones, not other groups";
        } else if (!seen.insert(m).second) {
            problem = "\"" + m + "\" is listed twice";
        }
        if (!problem.empty()) {
            t.error(at, group + ": " + problem);
            ok = false;
        }
    }
    return ok;
}

}  // namespace

void read_groups(TomlTable& t, const std::vector<Zone>& zones, std::vector<ZoneGroup>& out) {
    // toml++ keeps a table's keys sorted; the groups are kept in the order they are written.
    struct Entry {
        SourcePos pos;
        std::string name;
        const toml::node* node;
    };
    std::vector<Entry> entries;
    for (const auto& [key, node] : t.table()) {
        const auto& src = key.source();
        SourcePos pos = src.begin.line ? SourcePos{static_cast<int>(src.begin.line),
                                                   static_cast<int>(src.begin.column)}
                                       : pos_of(node);
        entries.push_back({pos, std::string(key.str()), &node});
    }
    std::sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) {
        return std::pair(a.pos.line, a.pos.column) < std::pair(b.pos.line, b.pos.column);
    });
    for (const auto& e : entries) {
        auto members = t.get_strings(e.name);  // marks it known; reports a wrong type
        if (e.name.empty()) {
            t.error(e.pos, "a group in [group] needs a name");
            continue;
        }
        if (is_zone(zones, e.name)) {
            t.error(e.pos, "group `" + e.name +
                               "` in [group] has the name of a zone; give the group another "
                               "name, so that a broadcast's `zones` names one or the other");
            continue;
        }
        if (!members) continue;
        if (e.name == "all") {
            check_all(t, *e.node, *members, zones);
            continue;
        }
        if (check_members(t, e.name, *e.node, *members, zones, t.table())) {
            out.push_back(ZoneGroup{e.name, *members});
        }
    }
    t.report_unknown_keys();
}

}  // namespace vc::station
