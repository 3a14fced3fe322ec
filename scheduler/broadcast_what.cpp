// What a broadcast airs and how it yields: `id`, `playlist` or `clip`, `priority`, `late`,
// `zones`.

#include <algorithm>

#include "scheduler/broadcast_keys.hpp"
#include "scheduler/priority.hpp"

namespace vc::scheduler {

std::string in_quotes(std::string_view s) {
    return "\"" + std::string(s) + "\"";
}

std::string join(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& s : items) {
        out += (out.empty() ? "" : ", ") + s;
    }
    return out;
}

namespace {

/// "station.toml declares zones a, b and groups east", for the unknown-zone message.
std::string known_zones(const ScheduleContext& ctx) {
    if (ctx.zones.empty()) return "station.toml declares no zones";
    std::string out = "station.toml declares zones " + join(ctx.zones);
    if (!ctx.zone_groups.empty()) {
        std::vector<std::string> groups;
        for (const auto& [name, members] : ctx.zone_groups) groups.push_back(name);
        out += (groups.size() == 1 ? " and group " : " and groups ") + join(groups);
    }
    return out;
}

}  // namespace

void read_what_it_airs(TomlTable& t, const ScheduleContext& ctx, Broadcast& b) {
    // id
    if (auto id = t.get_string("id")) {
        b.id = *id;
        if (id->empty()) {
            t.error_at("id", "`id` cannot be empty");
        } else if (std::any_of(id->begin(), id->end(), [](char c) {
                       const auto u = static_cast<unsigned char>(c);
                       return u <= 0x20 || u == 0x7f;
                   })) {
            t.error_at("id", "`id` " + in_quotes(*id) +
                                 " cannot contain spaces or control characters; join words "
                                 "with dashes, such as \"morning-news\"");
        }
    } else if (!t.has("id")) {
        t.error(t.pos(), "this [[broadcast]] needs an `id`, such as id = \"morning-news\"");
    }

    // What airs.
    auto playlist = t.get_string("playlist");
    auto clip = t.get_string("clip");
    if (playlist && clip) {
        t.error_at("clip", "a broadcast airs a `playlist` or a `clip`, not both");
    } else if (!playlist && !clip && !t.has("playlist") && !t.has("clip")) {
        t.error(t.pos(),
                "this [[broadcast]] needs what it airs: playlist = \"NAME\" or "
                "clip = \"ID\"");
    } else if (playlist) {
        b.playlist = *playlist;
        if (playlist->empty()) {
            t.error_at("playlist", "`playlist` cannot be empty");
        } else if (ctx.playlist_exists && !ctx.playlist_exists(*playlist)) {
            t.error_at("playlist", "unknown playlist " + in_quotes(*playlist) +
                                       " (there is no playlists/" + *playlist + ".toml)");
        }
    } else if (clip) {
        b.clip = *clip;
        if (clip->empty()) {
            t.error_at("clip", "`clip` cannot be empty");
        } else if (ctx.clip_problem) {
            if (auto problem = ctx.clip_problem(*clip)) {
                if (*problem == "missing") {
                    t.error_at("clip", "unknown clip " + in_quotes(*clip) +
                                           " (no audio file clips/" + *clip + ".* in the library)");
                } else {
                    t.error_at("clip", "clip " + in_quotes(*clip) + " cannot air: " + *problem);
                }
            }
        }
    }

    // How it yields.
    if (auto p = t.get_string("priority")) {
        if (auto pr = parse_priority(*p)) {
            b.priority = *pr;
        } else {
            t.error_at("priority", "`priority`: " + in_quotes(*p) +
                                       " is not one of emergency, urgent, notice, routine, "
                                       "background");
        }
    }
    if (auto late = t.get_duration("late")) {
        b.late = *late;
    }

    if (const auto* zn = t.get_node("zones")) {
        if (auto zones = t.get_strings("zones")) {
            if (zones->empty()) {
                t.error_at("zones",
                           "`zones` lists no zone; leave it out (or write [\"all\"]) to "
                           "be heard everywhere");
            } else {
                const auto* arr = zn->as_array();
                const auto& known = ctx.zones;
                for (std::size_t i = 0; i < zones->size(); ++i) {
                    const auto& z = (*zones)[i];
                    if (z == "all" || std::find(known.begin(), known.end(), z) != known.end() ||
                        ctx.zone_groups.count(z) != 0) {
                        continue;
                    }
                    const auto at = arr ? pos_of(*arr->get(i)) : pos_of(*zn);
                    t.error(at, "unknown zone " + in_quotes(z) + " (" + known_zones(ctx) +
                                    "; \"all\" means every zone)");
                }
                b.zones = *zones;
            }
        }
    }
}

}  // namespace vc::scheduler
