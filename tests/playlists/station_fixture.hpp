#pragma once
// A generated station for the playlists tests: station.toml, clips of exact frame counts at
// 22.05, 44.1 and 48 kHz, and playlists written by the test.

#include <catch2/catch.hpp>

#include <cmath>
#include <numbers>
#include <string>

#include "library/library.hpp"
#include "playlists/playlist.hpp"
#include "station/station.hpp"
#include "tests/support/fixtures.hpp"

namespace vc::test {

/// A tone of exactly `frames` frames (amplitude `amp`, 440 Hz).
inline void write_tone_frames(const std::filesystem::path& file, int rate, int channels,
                              std::int64_t frames, double amp = 0.3) {
    write_audio(file, rate, channels, frames, [&](std::int64_t f, int) {
        return static_cast<float>(
            amp * std::sin(2.0 * std::numbers::pi * 440.0 * static_cast<double>(f) / rate));
    });
}

/// A station folder with the test's station.toml and the standard clips:
/// chimes/dingdong 10001 frames at 22050 Hz, body/a 44101 at 44100, body/b 24000 at 48000,
/// chimes/end 30000 at 44100, music/bed 22050 at 22050, quiet/whisper 48000 at 48000 (very quiet).
struct StationFixture {
    TempDir dir;

    explicit StationFixture(const std::string& station_toml) {
        write_bytes(dir / "station.toml", station_toml);
        const auto clips = dir / "clips";
        write_tone_frames(clips / "chimes" / "dingdong.wav", 22050, 1, 10001);
        write_tone_frames(clips / "body" / "a.flac", 44100, 2, 44101);
        write_tone_frames(clips / "body" / "b.wav", 48000, 2, 24000, 0.1);
        write_tone_frames(clips / "chimes" / "end.wav", 44100, 1, 30000);
        write_tone_frames(clips / "music" / "bed.wav", 22050, 2, 22050);
        write_tone_frames(clips / "quiet" / "whisper.wav", 48000, 2, 48000, 0.001);
    }

    station::Station station() const { return station::load_station(dir.path()); }
    library::Library library() const { return library::Library::scan(station()); }

    /// Writes playlists/NAME.toml and loads it; REQUIREs that it has no errors.
    playlists::Playlist playlist(const std::string& name, const std::string& toml) const {
        const auto file = dir / ("playlists/" + name + ".toml");
        write_bytes(file, toml);
        Diagnostics diags;
        auto pl = playlists::load_playlist(file, name, diags);
        INFO((diags.items().empty() ? std::string() : diags.items().front().str()));
        REQUIRE(diags.items().empty());
        REQUIRE(pl);
        return *pl;
    }
};

}  // namespace vc::test
