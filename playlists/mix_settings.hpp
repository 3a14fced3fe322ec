#pragma once
// What building a playlist's timeline needs from the station: the output format, loudness, the
// limiter's ceiling and the default chime. station/ fills it from station.toml.

#include <filesystem>
#include <string>

#include "audio/audio_format.hpp"
#include "core/toml_reader.hpp"

namespace vc::playlists {

struct MixSettings {
    audio::AudioFormat format;       ///< the output's sample format
    double loudness_target = -16.0;  ///< LUFS every clip is normalised to
    double ceiling = -1.0;           ///< dBFS, the master limiter's ceiling
    std::string chime;               ///< default intro of every playlist (a clip id); "" for none
    SourcePos chime_pos;             ///< where `chime` is written (0:0 when absent)
    std::filesystem::path settings_file;  ///< the file `chime` is written in (for diagnostics)
    std::filesystem::path playlists_dir;  ///< the folder of playlists/*.toml
};

}  // namespace vc::playlists
