#pragma once
// The readers of station.toml, one per section, each in its own read_*.cpp; load_station
// (station.cpp) runs them in this order over one parsed file.

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "core/toml_reader.hpp"
#include "station/station.hpp"

// Each reader reports every problem of its keys into the table's diagnostics and keeps the
// default wherever a value is wrong, so that one load reports every error of the file. A reader
// of a [section] reports that section's unknown keys; the top-level ones are left to the caller.
namespace vc::station {

/// The top-level settings (name, timezone, chime, loudness, gaps, air-check, disk alarm).
void read_top_level(TomlTable& top, Station& st);

/// The top-level `zones`: the names of the groups of loudspeakers ("all" is implicit).
void read_zones(TomlTable& top, std::vector<std::string>& out);

/// [output]: the device, its format and the amplifier's commands.
void read_output(TomlTable& t, OutputSettings& out);

/// [control]: where the console listens, TLS, request limits; paths relative to `root`.
void read_control(TomlTable& t, const std::filesystem::path& root, ControlSettings& out);

/// [tts]: the external text-to-speech command and its timeout.
void read_tts(TomlTable& t, TtsSettings& out);

/// [seasons.NAME]: named yearly date ranges.
void read_seasons(TomlTable& seasons, std::map<std::string, Season>& out);

}  // namespace vc::station
