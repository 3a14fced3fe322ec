// GET /api/plan: the occurrences of the coming days with the conflict rules applied, computed on
// a worker thread from the station's files, one plan at a time, and written as JSON text row by
// row into the body that is sent, within the console's budget for plans (control/plan_budget).
#include <ostream>
#include <string>

#include "control/request_checks.hpp"
#include "control/routes.hpp"
#include "control/station_view.hpp"
#include "control/string_sink.hpp"
#include "core/clock.hpp"

namespace vc::control::routes {

namespace {

/// `days`: 2 when missing; a whole number from 1 to max_plan_days.
int days_param(const Target& target) {
    auto it = target.query.find("days");
    if (it == target.query.end()) return 2;
    const auto& text = it->second;
    if (text.empty() || text.size() > 3 ||
        text.find_first_not_of("0123456789") != std::string::npos || std::stoi(text) < 1 ||
        std::stoi(text) > max_plan_days)
        throw wrong_value("days",
                          "a whole number from 1 to " + std::to_string(max_plan_days) +
                              " (for a longer span, ask again with `from` set to the day after, "
                              "or run `villagecast plan --days N --format json` on the station's "
                              "computer)",
                          text);
    return std::stoi(text);
}

}  // namespace

void plan(RouteContext& context, const CallPtr& call) {
    auto from = date_param(call->target, "from");
    int days = days_param(call->target);
    auto ticket = context.plans.admit();
    auto station = context.settings.station;
    Instant now = context.clock.now();
    context.handoff.on_serial_worker(
        call, [&files = context.files, station, from, days, now, ticket] {
            StringSink body([&ticket](std::size_t size) { ticket->grow(size); });
            std::ostream out(&body);
            out.exceptions(std::ios::badbit | std::ios::failbit);
            write_plan_json(out, station, from, days, now, files);
            auto reply = json_text_reply(http::status::ok, body.take());
            reply.hold = ticket;
            return reply;
        });
}

}  // namespace vc::control::routes
