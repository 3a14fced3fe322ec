#pragma once
// The control API's JSON: the status object, and reading the times and queries clients send.

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include <date/tz.h>
#include <nlohmann/json.hpp>

#include "control/loop_actions.hpp"
#include "core/instant.hpp"

namespace vc::control {

/// /api/status's object. Any thread.
nlohmann::json status_json(const StatusSnapshot& snapshot, const std::string& version,
                           std::int64_t uptime_s);

/// "2026-12-01T08:00", "2026-12-01T08:00:30", "2026-12-01 08:00", with ".123" fractions, and
/// with an offset ("+08:00", "+0800", "Z") or without (local time in `zone`). nullopt when the
/// text is none of these. Any thread.
std::optional<Instant> parse_at_time(std::string_view text, const date::time_zone& zone);

/// A URL's path and its decoded query parameters ("+" is a space).
struct Target {
    std::string path;  ///< still percent-encoded
    std::map<std::string, std::string> query;
    bool ok = true;  ///< false when an escape in the query is malformed
};
Target split_target(std::string_view target);

}  // namespace vc::control
