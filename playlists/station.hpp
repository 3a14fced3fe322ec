#pragma once
// A station's settings: station.toml at the root of the station folder, as plain data.

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "audio/audio_format.hpp"
#include "core/duration.hpp"
#include "core/toml_reader.hpp"

namespace vc::pl {

/// A day of the year as written in station.toml ("05-01"): month 1..12, day 1..31.
struct MonthDay {
    int month = 1;
    int day = 1;
    bool operator==(const MonthDay&) const = default;
};

/// A named yearly date range, both ends included; `until` before `from` spans the new year.
struct Season {
    MonthDay from;
    MonthDay until;
    bool operator==(const Season&) const = default;
};

/// The [output] table: where sound goes and in which format.
struct OutputSettings {
    std::string device =
        "default";            ///< a PortAudio device name or index, "null", "wav:FILE", "flac:FILE"
    int sample_rate = 48000;  ///< 8000..192000
    int channels = 2;         ///< 1..8
};

/// Everything station.toml says, with the defaults filled in.
struct Station {
    std::filesystem::path root;              ///< the station folder (absolute)
    std::string name;                        ///< default: the folder's name
    std::string timezone = "Asia/Shanghai";  ///< an IANA zone that date::locate_zone knows
    std::string chime;               ///< default intro of every playlist (a clip id); "" for none
    SourcePos chime_pos;             ///< where `chime` is written in station.toml (0:0 when absent)
    double loudness_target = -16.0;  ///< LUFS every clip is normalised to
    double ceiling = -1.0;           ///< dBFS, the master limiter's ceiling
    Millis gap_between{2000};        ///< no foreground airing starts within this of the previous
    double duck_db = -15.0;          ///< background airings duck by this under foreground ones
    bool aircheck = false;           ///< record each airing as FLAC under state/aircheck/
    std::vector<std::string> zones;  ///< named groups of loudspeakers ("all" is implicit)
    OutputSettings output;
    std::map<std::string, Season> seasons;  ///< by name

    [[nodiscard]] std::filesystem::path file() const { return root / "station.toml"; }
    [[nodiscard]] std::filesystem::path clips_dir() const { return root / "clips"; }
    [[nodiscard]] std::filesystem::path playlists_dir() const { return root / "playlists"; }
    [[nodiscard]] std::filesystem::path state_dir() const { return root / "state"; }
    [[nodiscard]] std::filesystem::path aircheck_dir() const { return state_dir() / "aircheck"; }
    /// The output's sample format, from [output].
    [[nodiscard]] audio::AudioFormat output_format() const {
        return {output.sample_rate, output.channels};
    }
};

/// Reads `root`/station.toml. Throws UserError when the folder has no station.toml, and
/// DiagnosticError listing every problem of the file at once (file:line:col each): syntax,
/// unknown keys, wrong types, an unknown time zone, values out of range, a bad MM-DD date, a
/// chime that is not a clip id inside clips/. Call from the control thread (it reads tzdata).
Station load_station(const std::filesystem::path& root);

}  // namespace vc::pl
