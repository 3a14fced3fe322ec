#pragma once
// A playlist: what airs when a broadcast names it. One file playlists/NAME.toml per playlist.

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/diagnostic.hpp"
#include "core/duration.hpp"
#include "core/toml_reader.hpp"

namespace vc::playlists {

struct MixSettings;

/// A clip id as written in a file, with where it is written (for errors found later).
struct ClipRef {
    std::string id;
    SourcePos pos;
};

/// A text item's words (`text = "…"`), spoken into a clip when the station loads.
struct SpokenItem {
    std::string text;
    std::string voice;  ///< empty: the station's default (espeak-ng's cmn-latn-pinyin)
    int rate = 0;       ///< words a minute; 0: the default
    SourcePos pos;      ///< the `text` value
};

/// One [[item]]: a clip, a text spoken into a clip, or a stretch of silence.
struct PlaylistItem {
    /// A clip item's clip; for a text item, the spoken clip once the station has rendered it
    /// (station/spoken_items), until then unset.
    std::optional<ClipRef> clip;
    std::optional<SpokenItem> text;  ///< set for a text item
    Millis silence{0};               ///< a silence item's length (when `clip` is not set)
    double gain_db = 0.0;  ///< added to the clip's loudness normalisation (clip items only)
    /// Play from the clip's first sound to its last (`trim = true`): the quiet a phone's
    /// recording starts and ends with is left out, the file stays as recorded.
    bool trim = false;
    SourcePos pos;   ///< the [[item]] table
    int number = 0;  ///< 1-based place among the file's [[item]] tables
    [[nodiscard]] bool is_clip() const { return clip.has_value(); }
    [[nodiscard]] bool is_text() const { return text.has_value(); }
};

/// The [bed] table: a clip looped under the whole playlist.
struct Bed {
    ClipRef clip;
    double gain_db = -20.0;  ///< added to the bed clip's loudness normalisation
    Millis fade{1000};  ///< fade in at the start and out at the end (clamped to half the length)
};

struct Playlist {
    std::string name;                 ///< the file's stem; what schedules refer to
    std::filesystem::path file;       ///< the playlist file, as named in diagnostics
    std::string title;                ///< default: the name
    std::optional<ClipRef> intro;     ///< nullopt: the station's chime; an empty id: no intro
    std::optional<ClipRef> outro;     ///< nullopt: none
    int repeat = 1;                   ///< the body airs this many times (1..100)
    Millis gap{0};                    ///< silence between repeats (not after the last)
    std::vector<PlaylistItem> items;  ///< the body, in order; at least one
    std::optional<Bed> bed;
    bool ok = true;  ///< false when its file had errors (they are in the Diagnostics)
};

/// The intro that airs before the body: the playlist's own `intro`, the station's chime when the
/// playlist has no `intro` key, or nullopt when there is none. A station chime's position is its
/// place in station.toml. Pure.
std::optional<ClipRef> effective_intro(const Playlist& playlist, const MixSettings& mix);

/// Parses one playlist file. Every problem of the file goes into `diags` at once, each with
/// file:line:col (the value's position for a bad value, the key's for an unknown key): syntax,
/// unknown keys, wrong types, an item with both or neither of clip/silence, a duration that does
/// not parse, a clip id leaving clips/, repeat out of range, no items. Returns the playlist with
/// ok = false when it has errors, nullopt when the file is not valid TOML. Does not look at the
/// library (see check_playlist). Control thread; throws std::bad_alloc only.
std::optional<Playlist> load_playlist(const std::filesystem::path& path, const std::string& name,
                                      Diagnostics& diags);

/// Parses every playlists/*.toml of the station (hidden files skipped; other files get a
/// warning), keyed by name (the file's stem). Playlists with errors are included with
/// ok = false; files that are not valid TOML are left out. A missing playlists/ folder gives an
/// empty map. Control thread.
std::map<std::string, Playlist> load_playlists(const MixSettings& mix, Diagnostics& diags);

}  // namespace vc::playlists
