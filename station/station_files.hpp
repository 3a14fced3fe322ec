#pragma once
// The station as the commands see it: settings, library and playlists, loaded together.

#include <filesystem>
#include <map>
#include <string>

#include "audio/timeline.hpp"
#include "core/diagnostic.hpp"
#include "library/library.hpp"
#include "playlists/playlist.hpp"
#include "station/spoken_items.hpp"
#include "station/station.hpp"

namespace vc::station {

struct StationFiles {
    station::Station station;
    library::Library library;
    std::map<std::string, playlists::Playlist> playlists;
    Diagnostics diagnostics;  ///< problems of the playlist files (station.toml's are thrown)
    SpokenTexts spoken;       ///< the texts of playlist items and broadcasts, by their clip's id
};

/// Loads station.toml (throws DiagnosticError / UserError), parses every playlist, speaks the
/// texts of playlist items and broadcasts into the library (station/spoken_items) and scans the
/// library (telling `progress` of each clip analysed). Control thread.
StationFiles load_station_files(const std::filesystem::path& root,
                                const library::Library::Progress& progress = {});

/// The Timeline of a playlist by name, or of one clip when `is_clip`. Throws UserError naming
/// the playlists that exist when there is no such playlist, DiagnosticError when its file or
/// its clips have problems. `channels`: render with this many channels instead of [output]'s
/// (a zone on some channels of the card); 0 for [output]'s.
audio::Timeline timeline_for(const StationFiles& files, const std::string& what, bool is_clip,
                             int channels = 0);

}  // namespace vc::station
