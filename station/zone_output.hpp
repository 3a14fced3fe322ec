#pragma once
// Where one zone's sound goes, as written in a [[zone]]'s `output`: a PortAudio device (whole,
// or some of its channels), a Snapcast stream, a file, or nowhere. Parsing and formatting are
// pure, so the grammar is the same in station.toml, in messages and in tests.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vc::station {

/// The highest channel a zone may name on a device (1-based).
inline constexpr int max_zone_channel = 32;

/// One zone's output.
struct ZoneOutput {
    enum class Kind { device, null, wav, flac, snapcast };
    Kind kind = Kind::device;
    /// device: the PortAudio device's name (or a part of it) or number, as written.
    std::string device;
    /// device: the 1-based channels it plays on, in the order written; empty: every channel.
    std::vector<int> channels;
    /// snapcast: the stream's name (letters, digits, '-', '_').
    std::string stream;
    /// wav, flac: the file, as written.
    std::string file;

    bool operator==(const ZoneOutput&) const = default;
};

/// Parses an output as written in a [[zone]]: "null"; "wav:FILE" or "flac:FILE";
/// "snapcast:STREAM"; otherwise a device "NAME", "NAME:CH" or "NAME:CH1+CH2" (channels 1 to 32,
/// each once). Only a trailing ":digits(+digits)*" is a channel suffix, so "hw:0,0" and
/// "HDA Intel PCH: ALC892 Analog (hw:0,0)" are whole device names. Returns nullopt and sets
/// `problem` (a sentence to follow "`output` ...: ") when the text is not an output. Pure.
std::optional<ZoneOutput> parse_zone_output(std::string_view text, std::string& problem);

/// The text parse_zone_output reads back as the same output ("default:1+2", "snapcast:east").
std::string format_zone_output(const ZoneOutput& output);

/// The output in words for `check`: "channel 1 of device \"default\"", "Snapcast stream
/// \"east\"", "file wav:/tmp/a.wav", "nowhere (null)".
std::string describe_zone_output(const ZoneOutput& output);

/// [output]'s `device` as the output of the zones a top-level `zones = [...]` lists: the whole
/// device, its name taken whole (no channel suffix), or a file, a Snapcast stream, or null.
/// Pure.
ZoneOutput whole_station_output(std::string_view device);

}  // namespace vc::station
