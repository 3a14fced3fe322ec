#pragma once
// The keys of one [[broadcast]] table, read one group at a time: what it airs and how it yields
// (broadcast_what.cpp), and when it airs (broadcast_when.cpp). broadcast_parser.cpp composes them.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/toml_reader.hpp"
#include "scheduler/broadcast.hpp"
#include "scheduler/schedule_context.hpp"
#include "scheduler/toml_dates.hpp"

namespace vc::scheduler {

/// `text` in double quotes, for messages.
std::string in_quotes(std::string_view text);
/// "a, b, c".
std::string join(const std::vector<std::string>& items);

/// Reads `id`, `playlist` or `clip`, `priority`, `late` and `zones` into `b`, checking the
/// playlist, clip and zones against `ctx`; problems go to the table's diagnostics.
void read_what_it_airs(TomlTable& t, const ScheduleContext& ctx, Broadcast& b);

/// One value of `at`.
struct AtValue {
    bool one_shot = false;
    std::chrono::seconds time_of_day{0};
    date::local_seconds when{};
    SourcePos pos;
};

/// The values of `at` (one or a list); `ok` turns false on a problem (reported).
std::vector<AtValue> read_at(TomlTable& t, bool& ok);
/// Reads `days` into the filter; false on a problem (reported).
bool read_days(TomlTable& t, const toml::node& n, DayFilter& f);
/// Reads `monthdays` into the filter; false on a problem (reported).
bool read_monthdays(TomlTable& t, const toml::node& n, DayFilter& f);
/// The days of `placed`, sorted, each once.
std::vector<date::local_days> sorted_days(const std::vector<PlacedDate>& placed);

}  // namespace vc::scheduler
