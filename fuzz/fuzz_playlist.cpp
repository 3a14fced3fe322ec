// A playlist file (playlists/NAME.toml) through load_playlist and check_playlist, the way
// `villagecast check` reads it, then build_timeline over a library of the demo station's clip
// ids with fixed lengths (no audio is decoded to build a timeline).

#include <cstddef>
#include <cstdint>
#include <vector>

#include "core/diagnostic.hpp"
#include "fuzz/fuzz_support.hpp"
#include "library/library.hpp"
#include "playlists/playlist.hpp"
#include "playlists/playlist_check.hpp"
#include "playlists/timeline_builder.hpp"
#include "station/station.hpp"

namespace {

struct World {
    vc::station::Station station;
    vc::library::Library library;
};

const World& world() {
    static const World w = [] {
        World out;
        out.station.root = vc::fuzz::process_dir() / "station";
        out.station.chime = "chimes/叮咚";
        out.station.chime_pos = {3, 10};
        std::vector<vc::library::ClipInfo> clips;
        int n = 0;
        for (const char* id : {"chimes/叮咚", "chimes/结束", "通知/院坝会", "通知/微心愿",
                               "政策/医疗救助", "政策/住房改造", "应急/警报", "应急/防汛演练",
                               "培训/脐橙种植", "音乐/背景", "tone/a2", "chime", "news"}) {
            vc::library::ClipInfo c;
            c.id = id;
            c.relative_path = std::string(id) + ".wav";
            c.path = out.station.clips_dir() / c.relative_path;
            c.audio_file = true;
            c.analysis.ok = true;
            c.analysis.format = "WAV PCM-16";
            c.analysis.sample_rate = (n % 2 == 0) ? 48000 : 44100;
            c.analysis.channels = 1 + n % 2;
            c.analysis.frames = 4410 * (n + 1);
            c.analysis.integrated_lufs = -20.0 - n;
            c.analysis.true_peak_dbtp = -3.0;
            c.ok = true;
            clips.push_back(c);
            ++n;
        }
        out.library = vc::library::Library(out.station.clips_dir(), std::move(clips));
        return out;
    }();
    return w;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const World& w = world();
    const auto file = w.station.playlists_dir() / "fuzzed.toml";
    vc::fuzz::write_file(file, vc::fuzz::as_text(data, size));
    vc::Diagnostics diags;
    auto playlist = vc::playlists::load_playlist(file, "fuzzed", diags);
    if (playlist && playlist->ok) {
        vc::playlists::check_playlist(*playlist, w.library, w.station, diags);
        try {
            auto timeline = vc::playlists::build_timeline(*playlist, w.library, w.station);
            auto length = vc::playlists::timeline_duration(timeline);
            if (length.count() < 0 || timeline.length < 0)
                vc::fuzz::fail("a timeline of negative length");
            for (const auto& p : timeline.placements)
                if (p.start < 0 || p.length < 0 || p.start + p.length > timeline.length)
                    vc::fuzz::fail("a placement outside its timeline");
        } catch (const vc::DiagnosticError& e) {
            for (const auto& d : e.diagnostics()) (void)d.str();
        } catch (const vc::UserError&) {
        }
    }
    for (const auto& d : diags.items()) (void)d.str();
    return 0;
}
