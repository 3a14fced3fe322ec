#pragma once
// The playlists' text items (`text = "…"`) spoken into clips when the station loads: each text
// is rendered once into the library's clips/spoken/KEY.wav (KEY the sha256 of the normalised
// text, the engine, the voice and the settings; see speech/spoken_clip.hpp) and the item then
// names that clip, so the library scans it, `plan` knows its exact length and the as-run log
// names it with its hash like any clip.

#include <map>
#include <string>

#include "core/diagnostic.hpp"
#include "playlists/playlist.hpp"
#include "station/station.hpp"

namespace vc::station {

/// The folder of the library that spoken clips are kept in (clips/spoken/).
inline constexpr const char* spoken_folder = "spoken";

/// Spoken clips by their library id ("spoken/KEY"): the text each was spoken from.
using SpokenTexts = std::map<std::string, std::string>;

/// Speaks every text item of `playlists` that is not in the library yet and points each text
/// item at its clip. A text that cannot be spoken (an unknown voice, a rate out of range,
/// nothing to say, the engine failing) is an error at the item's `text` in `diags`, and its
/// playlist is not ok. Call before the library is scanned. Control thread; may take a second
/// a notice when texts are new.
SpokenTexts speak_playlist_texts(const Station& station,
                                 std::map<std::string, playlists::Playlist>& playlists,
                                 Diagnostics& diags);

}  // namespace vc::station
