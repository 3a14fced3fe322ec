#pragma once
// Checking that every clip a playlist names is in the library and can air.

#include "core/diagnostic.hpp"
#include "library/library.hpp"
#include "playlists/mix_settings.hpp"
#include "playlists/playlist.hpp"

namespace vc::playlists {

/// Adds an error for every clip the playlist names (its intro, or the station's chime when it
/// names none; items; outro; bed) that is not in the library ("no clip `x` in clips/ (looked for
/// clips/x.wav, .flac, .ogg, .opus, .mp3)") or cannot air (the clip's problem), at the place the
/// clip is named: the playlist file, or station.toml for the chime. Pure; control thread.
void check_playlist(const Playlist& playlist, const library::Library& library,
                    const MixSettings& mix, Diagnostics& diags);

/// Adds an error at `ref`'s place in `file` when the library has no clip `ref.id` or it cannot
/// air; `role` names what refers to it ("`page_chime` in [page]"). Pure.
void check_clip_ref(const ClipRef& ref, const std::string& file, const std::string& role,
                    const library::Library& library, Diagnostics& diags);

/// The message for a clip id that names no clip: what was looked for, and a hint when the id
/// carries an extension. Shared by every reader of clip references.
std::string missing_clip_message(const std::string& clip_id);

}  // namespace vc::playlists
