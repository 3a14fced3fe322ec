// Reading a request's body, query and path, and checking the operator's role.
#include "control/request_checks.hpp"

#include <algorithm>

#include "control/static_files.hpp"
#include "scheduler/date_text.hpp"

namespace vc::control {

using nlohmann::json;

json body_object(const Request& req) {
    if (req.body().empty()) throw ApiError(400, "the body must be a JSON object");
    auto j = json::parse(req.body(), nullptr, false);
    if (j.is_discarded()) throw ApiError(400, "the body is not valid JSON");
    if (!j.is_object())
        throw ApiError(400, "the body must be a JSON object, not " + std::string(j.type_name()));
    return j;
}

std::optional<std::string> string_field(const json& body, const std::string& key) {
    auto it = body.find(key);
    if (it == body.end() || it->is_null()) return std::nullopt;
    if (!it->is_string()) throw ApiError(400, "`" + key + "` must be a string");
    return it->get<std::string>();
}

std::optional<date::local_days> date_param(const Target& t, const std::string& key) {
    auto text = query_param(t, key);
    if (text.empty()) return std::nullopt;
    auto d = scheduler::parse_date(text);
    if (!d) throw wrong_value(key, "a date like 2026-12-01", text);
    return d;
}

std::string query_param(const Target& t, const std::string& key) {
    auto it = t.query.find(key);
    return it == t.query.end() ? std::string() : it->second;
}

ApiError wrong_value(std::string_view name, std::string_view expected, const std::string& text) {
    return ApiError(400, "`" + std::string(name) + "` must be " + std::string(expected) +
                             ", not \"" + text + "\"");
}

std::string route_id(const ApiCall& call) {
    auto decoded = url_decode(call.param);
    if (!decoded || decoded->empty())
        throw ApiError(404, "no such address: " + call.target.path.substr(0, call.param_end));
    return *decoded;
}

void need_role(const Operator& op, Role role, std::string_view what) {
    if (!allows(op.role, role))
        throw ApiError(403, std::string(what) + " needs the " + std::string(to_string(role)) +
                                " role; " + op.name + " is " +
                                (op.role == Role::admin ? "an " : "a ") +
                                std::string(to_string(op.role)));
}

scheduler::Priority priority_field(const json& body, const Operator& op,
                                   scheduler::Priority fallback, std::string_view what) {
    const auto text = string_field(body, "priority");
    if (!text) return fallback;
    auto priority = scheduler::parse_priority(*text);
    if (!priority)
        throw wrong_value("priority", "emergency, urgent, notice, routine or background", *text);
    if (*priority == scheduler::Priority::emergency)
        need_role(op, Role::admin, std::string(what) + " at emergency priority");
    return *priority;
}

std::vector<std::string> zones_field(const json& body) {
    if (!body.contains("zones")) return {"all"};
    const json& zones = body["zones"];
    if (!zones.is_array() || zones.empty() ||
        !std::all_of(zones.begin(), zones.end(), [](const json& z) { return z.is_string(); }))
        throw ApiError(400,
                       "`zones` must be a list of zone or group names, such as "
                       "[\"李家村\", \"east\"] (\"all\" is every zone)");
    return zones.get<std::vector<std::string>>();
}

}  // namespace vc::control
