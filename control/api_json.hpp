#pragma once
// The control API's JSON: the status object, and reading the times clients send (the URL's
// path and query are read by request_target.hpp).

#include <optional>
#include <string>
#include <string_view>

#include <date/tz.h>
#include <nlohmann/json.hpp>

#include "control/loop_actions.hpp"
#include "control/request_target.hpp"
#include "core/instant.hpp"

namespace vc::control {

/// /api/status's object. Any thread.
nlohmann::json status_json(const StatusSnapshot& snapshot, const std::string& version,
                           std::int64_t uptime_s);

/// "2026-12-01T08:00", "2026-12-01T08:00:30", "2026-12-01 08:00", with ".123" fractions, and
/// with an offset ("+08:00", "+0800", "Z") or without (local time in `zone`). nullopt when the
/// text is none of these. Any thread.
std::optional<Instant> parse_at_time(std::string_view text, const date::time_zone& zone);

}  // namespace vc::control
