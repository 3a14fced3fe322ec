#include "playlists/playlist.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "core/clip_ref.hpp"
#include "playlists/mix_settings.hpp"

namespace vc::playlists {
namespace {

constexpr double min_gain_db = -60.0;
constexpr double max_gain_db = 20.0;
constexpr int max_repeat = 100;

std::string number_text(double v) {
    std::ostringstream ss;
    ss << v;
    return ss.str();
}

std::string in_where(const TomlTable& t) {
    return t.where().empty() ? "" : " in " + t.where();
}

/// Reads a clip reference; "" is returned as an empty id (the caller decides what it means).
std::optional<ClipRef> read_clip_ref(TomlTable& t, std::string_view key) {
    auto id = t.get_string(key);
    if (!id) {
        return std::nullopt;
    }
    ClipRef ref{*id, t.pos_of_key(key)};
    if (id->empty()) {
        return ref;
    }
    if (auto problem = validate_clip_ref(*id)) {
        t.error_at(key, "`" + std::string(key) + "`" + in_where(t) + ": " + *problem);
        return std::nullopt;
    }
    return ref;
}

std::optional<double> read_gain(TomlTable& t) {
    auto gain = t.get_number("gain_db");
    if (!gain) {
        return std::nullopt;
    }
    if (!std::isfinite(*gain) || *gain < min_gain_db || *gain > max_gain_db) {
        t.error_at("gain_db", "`gain_db`" + in_where(t) + " must be between -60 and 20 (dB), not " +
                                  number_text(*gain));
        return std::nullopt;
    }
    return gain;
}

/// A text item's `text`, `voice` and `rate`. The voice and the rate's range are checked when
/// the text is spoken (station/spoken_items), where the engine is.
std::optional<SpokenItem> read_spoken_item(TomlTable& t) {
    SpokenItem spoken;
    bool ok = true;
    if (auto text = t.get_string("text")) {
        spoken.text = *text;
        spoken.pos = t.pos_of_key("text");
        if (text->find_first_not_of(" \t\r\n") == std::string::npos) {
            t.error_at("text", "`text` in " + t.where() +
                                   " is empty; write the notice to say, e.g. "
                                   "text = \"今晚七点在村委会开院坝会\"");
            ok = false;
        }
    } else {
        ok = false;
    }
    if (t.has("voice")) {
        if (auto voice = t.get_string("voice")) {
            spoken.voice = *voice;
        } else {
            ok = false;
        }
    }
    if (t.has("rate")) {
        if (auto rate = t.get_integer("rate"); rate && *rate > 0 && *rate < 10000) {
            spoken.rate = static_cast<int>(*rate);
        } else {
            if (rate)
                t.error_at("rate", "`rate` in " + t.where() + " is words a minute, 80 to 450");
            ok = false;
        }
    }
    if (!ok) return std::nullopt;
    return spoken;
}

std::optional<PlaylistItem> read_item(TomlTable& t) {
    PlaylistItem item;
    item.pos = t.pos();
    const bool has_clip = t.has("clip");
    const bool has_silence = t.has("silence");
    const bool has_text = t.has("text");
    const int kinds = int(has_clip) + int(has_silence) + int(has_text);
    bool ok = true;
    if (kinds > 1) {
        t.error(t.pos(), t.where() +
                             " has more than one of `clip`, `text` and `silence`; an item is a "
                             "clip (clip = \"通知/院坝会\"), a text to speak (text = \"…\") or a "
                             "silence (silence = \"2s\")");
        ok = false;
    } else if (kinds == 0) {
        t.error(t.pos(), t.where() +
                             " needs `clip` = \"a clip id\", `text` = \"a notice to speak\" or "
                             "`silence` = \"2s\"");
        ok = false;
    }
    if (has_clip) {
        auto ref = read_clip_ref(t, "clip");
        if (ref && ref->id.empty()) {
            t.error_at("clip",
                       "`clip` in " + t.where() + " is empty; name a clip, e.g. \"通知/院坝会\"");
            ok = false;
        } else if (!ref) {
            ok = false;
        } else {
            item.clip = ref;
        }
    }
    if (has_text) {
        if (auto spoken = read_spoken_item(t)) {
            item.text = std::move(spoken);
        } else {
            ok = false;
        }
    } else {
        for (const char* key : {"voice", "rate"})
            if (t.has(key)) {
                (void)t.get_node(key);  // known, misplaced
                t.error_at(key, "`" + std::string(key) + "` in " + t.where() +
                                    " applies only to a text item (text = \"…\")");
                ok = false;
            }
    }
    if (has_silence) {
        if (auto d = t.get_duration("silence")) {
            item.silence = *d;
        } else {
            ok = false;
        }
    }
    const bool only_silence = has_silence && !has_clip && !has_text;
    if (t.has("gain_db")) {
        auto gain = read_gain(t);
        if (!gain) {
            ok = false;
        } else if (only_silence) {
            t.error_at("gain_db", "`gain_db` in " + t.where() + " applies only to a clip item");
            ok = false;
        } else {
            item.gain_db = *gain;
        }
    }
    if (t.has("trim")) {
        if (auto trim = t.get_bool("trim")) {
            if (only_silence) {
                t.error_at("trim", "`trim` in " + t.where() + " applies only to a clip item");
                ok = false;
            }
            item.trim = *trim;
        } else {
            ok = false;
        }
    }
    t.report_unknown_keys();
    if (!ok) {
        return std::nullopt;
    }
    return item;
}

std::optional<Bed> read_bed(TomlTable& t) {
    Bed bed;
    bool ok = true;
    if (!t.has("clip")) {
        t.error(t.pos(),
                "[bed] needs `clip` = \"a clip id\" (the music played under the playlist)");
        ok = false;
    } else if (auto ref = read_clip_ref(t, "clip")) {
        if (ref->id.empty()) {
            t.error_at("clip", "`clip` in [bed] is empty; name a clip, or remove [bed]");
            ok = false;
        }
        bed.clip = *ref;
    } else {
        ok = false;
    }
    if (t.has("gain_db")) {
        if (auto gain = read_gain(t)) {
            bed.gain_db = *gain;
        } else {
            ok = false;
        }
    }
    if (t.has("fade")) {
        if (auto fade = t.get_duration("fade")) {
            bed.fade = *fade;
        } else {
            ok = false;
        }
    }
    t.report_unknown_keys();
    if (!ok) {
        return std::nullopt;
    }
    return bed;
}

}  // namespace

std::optional<ClipRef> effective_intro(const Playlist& playlist, const MixSettings& mix) {
    if (playlist.intro) {
        if (playlist.intro->id.empty()) {
            return std::nullopt;
        }
        return playlist.intro;
    }
    if (mix.chime.empty()) {
        return std::nullopt;
    }
    return ClipRef{mix.chime, mix.chime_pos};
}

std::optional<Playlist> load_playlist(const std::filesystem::path& path, const std::string& name,
                                      Diagnostics& diags) {
    const std::string display = path.string();
    Diagnostics mine;
    auto parsed = parse_toml_file(path, display, mine);
    if (!parsed) {
        diags.append(mine);
        return std::nullopt;
    }
    Playlist pl;
    pl.name = name;
    pl.file = path;
    pl.title = name;
    TomlTable top(*parsed, display, mine);

    if (auto title = top.get_string("title")) {
        if (title->empty()) {
            top.error_at("title",
                         "`title` is empty; write what the playlist is, or leave the key out");
        } else {
            pl.title = *title;
        }
    }
    if (top.has("intro")) {
        if (auto ref = read_clip_ref(top, "intro")) {
            pl.intro = ref;
        }
    }
    if (top.has("outro")) {
        if (auto ref = read_clip_ref(top, "outro"); ref && !ref->id.empty()) {
            pl.outro = ref;
        }
    }
    if (auto repeat = top.get_integer("repeat")) {
        if (*repeat < 1 || *repeat > max_repeat) {
            top.error_at("repeat",
                         "`repeat` must be between 1 and 100 (how many times the items "
                         "air), not " +
                             std::to_string(*repeat));
        } else {
            pl.repeat = static_cast<int>(*repeat);
        }
    }
    if (auto gap = top.get_duration("gap")) {
        pl.gap = *gap;
    }

    auto item_tables = top.get_tables("item");
    for (std::size_t i = 0; i < item_tables.size(); ++i) {
        if (auto item = read_item(item_tables[i])) {
            item->number = static_cast<int>(i + 1);
            pl.items.push_back(std::move(*item));
        }
    }
    if (item_tables.empty()) {
        const auto* node = top.table().get("item");
        if (!node || (node->is_array() && node->as_array()->empty())) {
            top.error(node ? pos_of(*node) : top.pos(),
                      "the playlist has no items; add at least one [[item]] with clip = \"a clip "
                      "id\" or silence = \"2s\"");
        }
    }
    if (auto bed_table = top.get_table("bed")) {
        pl.bed = read_bed(*bed_table);
    }
    top.report_unknown_keys();

    pl.ok = !mine.has_errors();
    diags.append(mine);
    return pl;
}

std::map<std::string, Playlist> load_playlists(const MixSettings& mix, Diagnostics& diags) {
    std::map<std::string, Playlist> out;
    const auto dir = mix.playlists_dir;
    std::error_code ec;
    if (!std::filesystem::is_directory(dir, ec)) {
        return out;
    }
    std::vector<std::filesystem::path> files;
    for (std::filesystem::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        const auto& p = it->path();
        const auto fname = p.filename().string();
        if (fname.empty() || fname.front() == '.' || it->is_directory(ec)) {
            continue;
        }
        if (p.extension() != ".toml") {
            diags.warning(p.string(), 0, 0,
                          "not a playlist (playlists are files named NAME.toml); ignored");
            continue;
        }
        files.push_back(p);
    }
    if (ec) {
        diags.error(dir.string(), 0, 0, "cannot read the folder: " + ec.message());
    }
    std::sort(files.begin(), files.end());
    for (const auto& f : files) {
        auto name = f.stem().string();
        if (auto pl = load_playlist(f, name, diags)) {
            out.emplace(name, std::move(*pl));
        }
    }
    return out;
}

}  // namespace vc::playlists
