#include "playlists/playlist_check.hpp"

namespace vc::playlists {
namespace {

std::string ascii_lower(std::string s) {
    for (auto& c : s) {
        if (c >= 'A' && c <= 'Z') {
            c = static_cast<char>(c - 'A' + 'a');
        }
    }
    return s;
}

}  // namespace

void check_clip_ref(const ClipRef& ref, const std::string& file, const std::string& role,
                    const library::Library& library, Diagnostics& diags) {
    const library::ClipInfo* clip = library.find(ref.id);
    if (!clip) {
        diags.error(file, ref.pos.line, ref.pos.column, role + ": " + missing_clip_message(ref.id));
    } else if (!clip->ok) {
        diags.error(file, ref.pos.line, ref.pos.column,
                    role + ": clip `" + ref.id + "` (clips/" + clip->relative_path +
                        ") cannot air: " + clip->problem);
    }
}

std::string missing_clip_message(const std::string& clip_id) {
    std::string msg = "no clip `" + clip_id + "` in clips/ (looked for clips/" + clip_id +
                      " ending in " + library::Library::extensions_text() + ")";
    const auto dot = clip_id.rfind('.');
    const auto slash = clip_id.rfind('/');
    if (dot != std::string::npos && (slash == std::string::npos || dot > slash)) {
        const auto ext = ascii_lower(clip_id.substr(dot));
        for (const auto& known : library::Library::extensions()) {
            if (ext == known) {
                return msg + "; write the id without the extension: \"" + clip_id.substr(0, dot) +
                       "\"";
            }
        }
    }
    return msg;
}

void check_playlist(const Playlist& playlist, const library::Library& library,
                    const MixSettings& mix, Diagnostics& diags) {
    const std::string file = playlist.file.string();
    if (auto intro = effective_intro(playlist, mix)) {
        if (playlist.intro) {
            check_clip_ref(*intro, file, "`intro`", library, diags);
        } else {
            check_clip_ref(*intro, mix.settings_file.string(),
                           "`chime` (the intro of playlist `" + playlist.name + "`)", library,
                           diags);
        }
    }
    for (const auto& item : playlist.items) {
        if (item.clip) {
            check_clip_ref(*item.clip, file, "[[item]] #" + std::to_string(item.number), library,
                           diags);
        } else if (item.text) {
            diags.error(file, item.text->pos.line, item.text->pos.column,
                        "[[item]] #" + std::to_string(item.number) +
                            ": its text has not been spoken into a clip");
        }
    }
    if (playlist.outro) {
        check_clip_ref(*playlist.outro, file, "`outro`", library, diags);
    }
    if (playlist.bed) {
        check_clip_ref(playlist.bed->clip, file, "[bed]", library, diags);
    }
}

}  // namespace vc::playlists
