#pragma once
// Turning a playlist (or a single clip) and the library into a Timeline of exact output frames.
// The arithmetic is written out at the top of timeline_builder.cpp and in docs/.

#include <string>

#include "audio/timeline.hpp"
#include "core/duration.hpp"
#include "library/library.hpp"
#include "playlists/mix_settings.hpp"
#include "playlists/playlist.hpp"

namespace vc::playlists {

/// Largest boost loudness normalisation applies to a quiet clip, dB.
inline constexpr double max_normalisation_gain_db = 20.0;

/// The Timeline that airs `playlist`, in the station's output format. No audio is decoded:
/// lengths come from the library. Throws DiagnosticError (every problem, file:line:col) when a
/// clip it names is missing or cannot air; UserError when the playlist's own file had errors
/// (ok = false). Control thread.
audio::Timeline build_timeline(const Playlist& playlist, const library::Library& library,
                               const MixSettings& mix);

/// The Timeline that airs one clip on its own (no intro, no bed). Throws UserError when the id
/// is not a valid clip reference, names no clip, or the clip cannot air. Control thread.
audio::Timeline build_clip_timeline(const std::string& clip_id, const library::Library& library,
                                    const MixSettings& mix);

/// A timeline's length in milliseconds, rounded up: ceil(length x 1000 / sample rate). Pure.
Millis timeline_duration(const audio::Timeline& timeline);

/// How long `playlist` airs (timeline_duration of build_timeline). Throws like build_timeline.
Millis playlist_duration(const Playlist& playlist, const library::Library& library,
                         const MixSettings& mix);

/// How long one clip airs (timeline_duration of build_clip_timeline). Throws like it.
Millis clip_duration(const std::string& clip_id, const library::Library& library,
                     const MixSettings& mix);

}  // namespace vc::playlists
