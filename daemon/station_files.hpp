#pragma once
// The station as the commands see it: settings, library and playlists, loaded together.

#include <filesystem>
#include <map>
#include <string>

#include "audio/timeline.hpp"
#include "core/diagnostic.hpp"
#include "playlists/library.hpp"
#include "playlists/playlist.hpp"
#include "playlists/station.hpp"

namespace vc::cli {

struct StationFiles {
    pl::Station station;
    pl::Library library;
    std::map<std::string, pl::Playlist> playlists;
    Diagnostics diagnostics;  ///< problems of the playlist files (station.toml's are thrown)
};

/// Loads station.toml (throws DiagnosticError / UserError), scans the library (progress on a
/// terminal) and parses every playlist. Control thread.
StationFiles load_station_files(const std::filesystem::path& root);

/// The Timeline of a playlist by name, or of one clip when `is_clip`. Throws UserError naming
/// the playlists that exist when there is no such playlist, DiagnosticError when its file or
/// its clips have problems.
audio::Timeline timeline_for(const StationFiles& files, const std::string& what, bool is_clip);

}  // namespace vc::cli
