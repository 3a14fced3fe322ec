// GET /api/plan: the occurrences of the coming days with the conflict rules applied, computed on
// a worker thread from the station's files.
#include <string>

#include "control/request_checks.hpp"
#include "control/routes.hpp"
#include "control/station_view.hpp"
#include "core/clock.hpp"

namespace vc::control::routes {

namespace {

/// `days`: 2 when missing; a whole number from 1 to 366.
int days_param(const Target& target) {
    auto it = target.query.find("days");
    if (it == target.query.end()) return 2;
    const auto& text = it->second;
    if (text.empty() || text.size() > 3 ||
        text.find_first_not_of("0123456789") != std::string::npos || std::stoi(text) < 1 ||
        std::stoi(text) > 366)
        throw wrong_value("days", "a whole number from 1 to 366", text);
    return std::stoi(text);
}

}  // namespace

void plan(RouteContext& context, const CallPtr& call) {
    auto from = date_param(call->target, "from");
    int days = days_param(call->target);
    auto station = context.settings.station;
    Instant now = context.clock.now();
    context.read_files(call, [station, from, days, now] {
        return json_reply(http::status::ok, plan_json(station, from, days, now));
    });
}

}  // namespace vc::control::routes
