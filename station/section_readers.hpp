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

/// The zones: [[zone]] tables (a name and an output each, checked for outputs two zones
/// share), or the top-level `zones = [...]`, names only, whose outputs load_station sets to
/// [output]'s device. Both at once is an error. "all" is implicit.
void read_zones(TomlTable& top, std::vector<Zone>& out);

/// [group]: named groups of `zones` (members must be zones; `all`, if written, every zone).
void read_groups(TomlTable& t, const std::vector<Zone>& zones, std::vector<ZoneGroup>& out);

/// [snapcast]: snapserver's address, control port, buffer and the streams' first port.
void read_snapcast(TomlTable& t, SnapcastSettings& out);

/// That each Snapcast zone's stream port (stream_port, +1 per Snapcast zone in order) is a TCP
/// port that snapserver does not use itself. Run after every section is read.
void check_snapcast_ports(TomlTable& top, const Station& st);

/// [output]: the device, its format and the amplifier's commands.
void read_output(TomlTable& t, OutputSettings& out);

/// [control]: where the console listens, TLS, request limits; paths relative to `root`.
void read_control(TomlTable& t, const std::filesystem::path& root, ControlSettings& out);

/// [tts]: the external text-to-speech command and its timeout.
void read_tts(TomlTable& t, TtsSettings& out);

/// [page]: the microphone, the page's limits and its voice processing.
void read_page(TomlTable& t, PageSettings& out);

/// [seasons.NAME]: named yearly date ranges.
void read_seasons(TomlTable& seasons, std::map<std::string, Season>& out);

}  // namespace vc::station
