// What a broadcast airs and how it yields: `id`, `playlist` or `clip`, `priority`, `late`,
// `zones`.

#include <algorithm>

#include "core/diagnostic.hpp"
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

/// Checks a clip the broadcast airs against the library.
void check_clip(TomlTable& t, const ScheduleContext& ctx, const std::string& clip) {
    if (!ctx.clip_problem) return;
    if (auto problem = ctx.clip_problem(clip)) {
        if (*problem == "missing") {
            t.error_at("clip", "unknown clip " + in_quotes(clip) + " (no audio file clips/" + clip +
                                   ".* in the library)");
        } else {
            t.error_at("clip", "clip " + in_quotes(clip) + " cannot air: " + *problem);
        }
    }
}

/// A broadcast's `text`: spoken into a clip by the station (ctx.speak), which it then airs.
void read_text(TomlTable& t, const ScheduleContext& ctx, const std::string& text,
               const std::string& voice, std::int64_t rate, Broadcast& b) {
    b.text = text;
    if (text.find_first_not_of(" \t\r\n") == std::string::npos) {
        t.error_at("text",
                   "`text` is empty; write the notice to say, e.g. "
                   "text = \"今晚七点在村委会开院坝会\"");
        return;
    }
    if (rate < 0 || rate > 10000) {
        t.error_at("rate", "`rate` is words a minute, 80 to 450");
        return;
    }
    if (!ctx.speak) {
        t.error_at("text", "a `text` is spoken only in a station's schedule");
        return;
    }
    try {
        b.clip = ctx.speak(text, voice, static_cast<int>(rate));
    } catch (const UserError& e) {
        t.error_at("text", std::string("the text cannot be spoken: ") + e.what());
        return;
    }
    check_clip(t, ctx, b.clip);
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
    const int kinds = int(t.has("playlist")) + int(t.has("clip")) + int(t.has("text"));
    auto playlist = t.get_string("playlist");
    auto clip = t.get_string("clip");
    auto text = t.get_string("text");
    const auto voice = t.get_string("voice");
    const auto rate = t.get_integer("rate");
    if (kinds > 1) {
        t.error_at(t.has("text") ? "text" : "clip",
                   "a broadcast airs one of a `playlist`, a `clip` or a `text`, not more");
    } else if (kinds == 0) {
        t.error(t.pos(),
                "this [[broadcast]] needs what it airs: playlist = \"NAME\", clip = \"ID\" or "
                "text = \"a notice to speak\"");
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
        } else {
            check_clip(t, ctx, *clip);
        }
    } else if (text) {
        read_text(t, ctx, *text, voice.value_or(""), rate.value_or(0), b);
    }
    if (!t.has("text"))
        for (const char* key : {"voice", "rate"})
            if (t.has(key))
                t.error_at(key, "`" + std::string(key) +
                                    "` applies only to a broadcast that speaks a `text`");

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
