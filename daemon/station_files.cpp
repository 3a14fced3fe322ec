#include "daemon/station_files.hpp"

#include <cstdio>

#include "daemon/cli.hpp"
#include "playlists/timeline_builder.hpp"

namespace vc::cli {

StationFiles load_station_files(const std::filesystem::path& root) {
    StationFiles f{pl::load_station(root), {}, {}, {}};
    pl::Library::Progress progress;
    if (stdout_is_terminal()) {
        progress = [](std::size_t done, std::size_t total, const std::string& id) {
            std::fprintf(stderr, "\ranalysing clip %zu/%zu %s\033[K", done, total, id.c_str());
            if (done == total) std::fprintf(stderr, "\r\033[K");
            std::fflush(stderr);
        };
    }
    f.library = pl::Library::scan(f.station, progress);
    f.playlists = pl::load_playlists(f.station, f.diagnostics);
    return f;
}

audio::Timeline timeline_for(const StationFiles& files, const std::string& what, bool is_clip) {
    if (is_clip) return pl::build_clip_timeline(what, files.library, files.station);
    auto it = files.playlists.find(what);
    if (it == files.playlists.end()) {
        std::string names;
        for (const auto& [name, p] : files.playlists) names += (names.empty() ? "" : ", ") + name;
        throw UserError("no playlist `" + what + "` in " + files.station.playlists_dir().string() +
                        (names.empty() ? " (there are none)" : " (there are: " + names + ")") +
                        "; to play a single clip use --clip ID");
    }
    if (!it->second.ok) {
        // Report the playlist file's own errors, not just that it failed.
        std::vector<Diagnostic> own;
        for (const auto& d : files.diagnostics.items())
            if (d.file == it->second.file.string()) own.push_back(d);
        if (!own.empty()) throw DiagnosticError(own);
    }
    return pl::build_timeline(it->second, files.library, files.station);
}

}  // namespace vc::cli
