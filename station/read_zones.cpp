// station.toml's zones: either [[zone]] tables, each a name and an output, or the older
// top-level `zones = [...]`, names only, whose zones all play on [output]'s device. "all" is
// implicit (every zone). Where zones may share a device is checked here too.

#include <algorithm>
#include <map>
#include <set>

#include "station/section_readers.hpp"

namespace vc::station {
namespace {

/// Why `name` cannot name a zone, or "" when it can.
std::string name_problem(const std::string& name, const std::set<std::string>& seen) {
    if (name.empty()) return "a zone name cannot be empty";
    if (name == "all") return "zone \"all\" is implicit (every loudspeaker); leave it out";
    if (seen.count(name) != 0) return "zone \"" + name + "\" is listed twice";
    return "";
}

/// The top-level `zones = ["羊市村", "大坪村"]`.
void read_listed_zones(TomlTable& top, std::vector<Zone>& out) {
    auto zones = top.get_strings("zones");
    if (!zones) return;
    const toml::node* node = top.table().get("zones");
    const toml::array* arr = node->as_array();
    std::set<std::string> seen;
    std::vector<Zone> read;
    for (std::size_t i = 0; i < zones->size(); ++i) {
        const auto& zone = (*zones)[i];
        const auto at = pos_of(arr ? *arr->get(i) : *node);
        if (auto problem = name_problem(zone, seen); !problem.empty()) {
            top.error(at, "`zones`: " + problem);
            continue;
        }
        seen.insert(zone);
        read.push_back(Zone{zone, {}, at});
    }
    if (read.size() == zones->size()) out = std::move(read);
}

/// A zone and where its output is written, for the checks of outputs shared between zones.
struct ZoneRead {
    Zone zone;
    SourcePos output_pos;
};

/// Why zone `b` cannot have its output next to zone `a`'s, or "".
std::string sharing_problem(const Zone& a, const Zone& b) {
    const auto& x = a.output;
    const auto& y = b.output;
    if (x.kind != y.kind) return "";
    const std::string owner = "zone \"" + a.name + "\"";
    switch (x.kind) {
        case ZoneOutput::Kind::null:
            return "";
        case ZoneOutput::Kind::wav:
        case ZoneOutput::Kind::flac:
            if (x.file != y.file) return "";
            return "file " + format_zone_output(y) + " is already the output of " + owner +
                   "; give each zone its own file";
        case ZoneOutput::Kind::snapcast:
            if (x.stream != y.stream) return "";
            return "Snapcast stream \"" + y.stream + "\" is already the output of " + owner +
                   ": every receiver of a stream hears all of it; give each zone its own "
                   "stream, or make them one zone (a [group] names several zones)";
        case ZoneOutput::Kind::device:
            break;
    }
    if (x.device != y.device) return "";
    const std::string device = "device \"" + y.device + "\"";
    if (x.channels.empty() && y.channels.empty()) {
        return owner + " already plays on every channel of " + device +
               "; give each zone its own channels (e.g. \"" + y.device + ":1\" and \"" + y.device +
               ":2\") or make them one zone";
    }
    if (x.channels.empty()) {
        return owner + " plays on every channel of " + device +
               ", so no other zone can have a channel of it; give " + owner +
               " its channels (e.g. \"" + y.device + ":1\")";
    }
    if (y.channels.empty()) {
        return owner + " plays on channels of " + device +
               ", so this zone cannot play on the whole device; name its own channels (e.g. \"" +
               y.device + ":2\")";
    }
    for (int c : y.channels) {
        if (std::find(x.channels.begin(), x.channels.end(), c) != x.channels.end()) {
            return "channel " + std::to_string(c) + " of " + device + " is already the output of " +
                   owner + "; each channel carries one zone";
        }
    }
    return "";
}

/// `receivers` of a [[zone]] table: host IDs, each in one zone only, on a Snapcast zone only.
std::vector<std::string> read_receivers(TomlTable& t, const std::optional<ZoneOutput>& output,
                                        std::map<std::string, std::string>& owner,
                                        const std::optional<std::string>& zone) {
    auto receivers = t.get_strings("receivers");
    if (!receivers) return {};
    if (output && output->kind != ZoneOutput::Kind::snapcast) {
        t.error_at("receivers", "`receivers` in " + t.where() +
                                    ": only a zone on a Snapcast stream (output = "
                                    "\"snapcast:STREAM\") has receivers; this zone plays on " +
                                    format_zone_output(*output));
        return {};
    }
    std::vector<std::string> out;
    for (const auto& id : *receivers) {
        if (id.empty()) {
            t.error_at("receivers",
                       "`receivers` in " + t.where() + ": a receiver's host ID cannot be empty");
            continue;
        }
        const auto [it, fresh] = owner.emplace(id, zone.value_or(""));
        if (!fresh) {
            t.error_at("receivers", "`receivers` in " + t.where() + ": receiver \"" + id +
                                        "\" already belongs to zone \"" + it->second +
                                        "\"; a receiver plays one stream");
            continue;
        }
        out.push_back(id);
    }
    return out;
}

/// One [[zone]] table: `name`, `output` and, for a Snapcast zone, `receivers`.
std::optional<ZoneRead> read_zone_table(TomlTable& t, std::set<std::string>& seen,
                                        std::map<std::string, std::string>& owner) {
    auto name = t.get_string("name");
    auto output_text = t.get_string("output");
    std::optional<ZoneOutput> output;
    if (output_text) {
        std::string problem;
        output = parse_zone_output(*output_text, problem);
        if (!output) t.error_at("output", "`output` in " + t.where() + ": " + problem);
    }
    auto receivers = read_receivers(t, output, owner, name);
    if (!t.has("name")) {
        t.error(t.pos(), t.where() + " needs `name`, the zone's name (e.g. name = \"李家村\")");
    }
    if (!t.has("output")) {
        t.error(t.pos(), t.where() +
                             " needs `output`, where the zone's sound goes (e.g. output = "
                             "\"default:1\" or \"snapcast:lijia\")");
    }
    t.report_unknown_keys();
    if (name) {
        if (auto problem = name_problem(*name, seen); !problem.empty()) {
            t.error_at("name", "`name` in " + t.where() + ": " + problem);
            name.reset();
        } else {
            seen.insert(*name);
        }
    }
    if (!name || !output) return std::nullopt;
    return ZoneRead{Zone{*name, *output, t.pos_of_key("name"), std::move(receivers)},
                    t.pos_of_key("output")};
}

/// The [[zone]] tables, each checked against the ones before it.
void read_zone_tables(TomlTable& top, std::vector<Zone>& out) {
    std::set<std::string> seen;
    std::map<std::string, std::string> owner;  // receiver -> its zone
    std::vector<ZoneRead> read;
    for (auto& t : top.get_tables("zone")) {
        auto zone = read_zone_table(t, seen, owner);
        if (!zone) continue;
        bool ok = true;
        for (const auto& earlier : read) {
            if (auto problem = sharing_problem(earlier.zone, zone->zone); !problem.empty()) {
                t.error(zone->output_pos, "`output` in " + t.where() + ": " + problem);
                ok = false;
                break;
            }
        }
        if (ok) read.push_back(std::move(*zone));
    }
    for (auto& r : read) out.push_back(std::move(r.zone));
}

}  // namespace

void read_zones(TomlTable& top, std::vector<Zone>& out) {
    if (top.has("zones") && top.has("zone")) {
        top.error_at("zones",
                     "station.toml declares zones twice, in `zones = [...]` and in [[zone]] "
                     "tables: use one; [[zone]] gives each zone its own output, so move these "
                     "names into [[zone]] tables and remove `zones`");
        (void)top.get_node("zones");
        read_zone_tables(top, out);
        return;
    }
    if (top.has("zone")) {
        read_zone_tables(top, out);
    } else {
        read_listed_zones(top, out);
    }
}

}  // namespace vc::station
