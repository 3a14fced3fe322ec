#pragma once
// Reading dates from schedule and calendar files: a quoted "2026-12-01" or a TOML date
// written bare (2026-12-01), one value or a list, each bad entry reported at its own place.

#include <optional>
#include <string_view>
#include <vector>

#include <date/date.h>

#include "core/toml_reader.hpp"

namespace vc::scheduler {

/// One date and where it was written.
struct PlacedDate {
    date::local_days day;
    SourcePos pos;
};

/// Reads `node` as a date; on a problem reports it at the node as "`key`: ..." and returns
/// nullopt.
std::optional<date::local_days> read_date_node(TomlTable& table, std::string_view key,
                                               const toml::node& node);

/// Reads `key` as one date. nullopt when absent or wrong (the problem is reported).
std::optional<PlacedDate> read_date_key(TomlTable& table, std::string_view key);

/// Reads `key` as one date or a list of dates. nullopt when absent; otherwise every good entry
/// (bad ones are reported and left out; `ok` turns false).
std::optional<std::vector<PlacedDate>> read_dates_key(TomlTable& table, std::string_view key,
                                                      bool& ok);

}  // namespace vc::scheduler
