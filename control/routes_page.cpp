// POST /api/page (start a page from the office PC's microphone) and DELETE /api/page/{id}
// (release it): the fields are checked here, the page starts and ends on the loop.
#include "control/api_json.hpp"
#include "control/loop_actions.hpp"
#include "control/request_checks.hpp"
#include "control/routes.hpp"

namespace vc::control::routes {

using nlohmann::json;

void page(RouteContext& context, const CallPtr& call) {
    json body = call->request.body().empty() ? json::object() : body_object(call->request);
    for (const auto& [key, value] : body.items())
        if (key != "priority" && key != "zones" && key != "input")
            throw ApiError(
                400, "unknown field `" + key + "` (the fields are priority, zones and input)");
    engine::ManualAiring manual;
    manual.priority = priority_field(body, *call->op, scheduler::Priority::urgent, "paging");
    manual.zones = zones_field(body);
    manual.who = call->op->name;
    manual.live = string_field(body, "input").value_or("microphone");
    if (manual.live != "microphone" && manual.live != "browser")
        throw wrong_value("input",
                          "\"microphone\" (the office PC's, [page] input) or \"browser\" (sent "
                          "over the WebSocket /api/page/{id}/audio)",
                          manual.live);
    context.operator_action<Aired>(
        call,
        [manual](LoopActions& actions, const std::string&) { return actions.air_now(manual); },
        [](Aired a) {
            json j = {{"page", a.broadcast},
                      {"on_air", !a.airing.empty()},
                      {"sample_rate", a.sample_rate}};
            if (!a.airing.empty()) j["airing"] = a.airing;
            if (!a.waits_for.empty()) j["waits_for"] = a.waits_for;
            return json_reply(http::status::accepted, j);
        });
}

void end_page(RouteContext& context, const CallPtr& call) {
    auto id = route_id(*call);
    context.operator_action<bool>(
        call,
        [id](LoopActions& actions, const std::string& who) {
            actions.end_page(who, id);
            return true;
        },
        [](bool) { return empty_reply(http::status::no_content); });
}

}  // namespace vc::control::routes
