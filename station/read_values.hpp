#pragma once
// Values more than one section of station.toml reads: numbers within a range and quoted texts
// (durations, sizes). parse_byte_size, declared in station.hpp, is defined with them.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/toml_reader.hpp"

namespace vc::station {

/// Reads a number key (an integer or a float) and checks lo <= value <= hi; keeps `out` when
/// absent or wrong. `unit` ("LUFS", "(Hz)", or "") follows the range in the message.
void read_ranged(TomlTable& t, std::string_view key, double lo, double hi, std::string_view unit,
                 double& out);

/// The same for a key that must be a whole number.
void read_ranged(TomlTable& t, std::string_view key, int lo, int hi, std::string_view unit,
                 int& out);

/// A key whose value is text in quotes, such as a duration or a size: nullopt when absent, or
/// when it is another type, which is reported as "`key` must be HELP in quotes, not TYPE".
std::optional<std::string> get_quoted(TomlTable& t, std::string_view key, std::string_view help);

/// A key naming a clip (`chime`, `page_chime`): "" clears `out`; a well-formed clip id is
/// kept with where it is written in `pos`; a malformed one is reported as "LABEL: why".
void read_clip_key(TomlTable& t, std::string_view key, std::string_view label, std::string& out,
                   SourcePos& pos);

}  // namespace vc::station
