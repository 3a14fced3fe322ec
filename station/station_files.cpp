#include "station/station_files.hpp"

#include "playlists/playlist_check.hpp"
#include "playlists/timeline_builder.hpp"

namespace vc::station {

StationFiles load_station_files(const std::filesystem::path& root,
                                const library::Library::Progress& progress) {
    StationFiles f{station::load_station(root), {}, {}, {}, {}};
    f.playlists = playlists::load_playlists(f.station, f.diagnostics);
    StationSpeaker speaker(f.station);
    f.spoken = speak_playlist_texts(speaker, f.playlists, f.diagnostics);
    f.spoken.merge(speak_schedule_texts(speaker, f.station));
    f.library = library::Library::scan(f.station, progress);
    add_kept_texts(f.station, f.library, f.spoken);
    if (const auto& page = f.station.page; !page.chime.empty())
        playlists::check_clip_ref({page.chime, page.chime_pos}, f.station.file().string(),
                                  "`page_chime` in [page]", f.library, f.diagnostics);
    return f;
}

audio::Timeline timeline_for(const StationFiles& files, const std::string& what, bool is_clip,
                             int channels) {
    playlists::MixSettings mix = files.station.mix();
    if (channels > 0) mix.format.channels = channels;
    if (is_clip) return playlists::build_clip_timeline(what, files.library, mix);
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
    return playlists::build_timeline(it->second, files.library, mix);
}

}  // namespace vc::station
