#pragma once
// Reading what a request carries, refusing it in words a clerk can act on: the JSON body and its
// string fields, date parameters, the id in the path, and whether the operator's role allows it.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <date/date.h>
#include <nlohmann/json.hpp>

#include "control/api_call.hpp"
#include "control/api_error.hpp"
#include "scheduler/priority.hpp"

namespace vc::control {

/// The body as a JSON object. Throws ApiError(400) when it is empty, not JSON or not an object.
nlohmann::json body_object(const Request& request);

/// The string `key` of `body`; nullopt when it is missing or null. Throws ApiError(400) when it
/// is not a string.
std::optional<std::string> string_field(const nlohmann::json& body, const std::string& key);

/// The query parameter `key` as a date (YYYY-MM-DD); nullopt when missing or empty. Throws
/// ApiError(400) when it is not a date.
std::optional<date::local_days> date_param(const Target& target, const std::string& key);

/// The query parameter `key`; "" when it is missing.
std::string query_param(const Target& target, const std::string& key);

/// The refusal of a parameter or field `name` whose value `text` is not `expected`: 400,
/// "`name` must be EXPECTED, not \"TEXT\"".
ApiError wrong_value(std::string_view name, std::string_view expected, const std::string& text);

/// The route's {id}, percent-decoded. Throws ApiError(404) when it is empty or malformed.
std::string route_id(const ApiCall& call);

/// The `priority` field (`fallback` when missing). Throws ApiError(400) for an unknown one,
/// and ApiError(403) when it is emergency and `op` is not an admin (`what`: the action).
scheduler::Priority priority_field(const nlohmann::json& body, const Operator& op,
                                   scheduler::Priority fallback, std::string_view what);

/// The `zones` field: zone and group names ({"all"} when missing). Throws ApiError(400) when it
/// is not a non-empty list of strings.
std::vector<std::string> zones_field(const nlohmann::json& body);

/// Throws ApiError(403) naming the role `what` needs when `op`'s role does not include `role`.
void need_role(const Operator& op, Role role, std::string_view what);

}  // namespace vc::control
