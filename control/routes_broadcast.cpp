// POST /api/broadcast (air now, or add a one-shot), DELETE /api/broadcast/{id} (remove a
// one-shot) and POST /api/stop: the fields are checked here, the change is made on the loop.
#include <algorithm>

#include "asrun/export_format.hpp"
#include "control/api_error.hpp"
#include "control/api_json.hpp"
#include "control/loop_actions.hpp"
#include "control/request_checks.hpp"
#include "control/routes.hpp"
#include "core/duration.hpp"

namespace vc::control::routes {

namespace {

using nlohmann::json;

/// What POST /api/broadcast asks for.
struct BroadcastRequest {
    std::string playlist;  ///< or ""
    std::string clip;      ///< or ""
    scheduler::Priority priority = scheduler::Priority::notice;
    std::string late;                       ///< a duration, or ""
    std::optional<std::string> at;          ///< when to air; nullopt: now
    std::vector<std::string> zones{"all"};  ///< zones and groups it airs in
};

/// Reads and checks the body. Throws ApiError(400), or ApiError(403) for an emergency airing
/// by an operator who is not an admin.
BroadcastRequest broadcast_request(const ApiCall& call) {
    json body = body_object(call.request);
    for (const auto& [key, value] : body.items())
        if (key != "playlist" && key != "clip" && key != "priority" && key != "at" &&
            key != "late" && key != "zones")
            throw ApiError(400,
                           "unknown field `" + key +
                               "` (the fields are playlist, clip, priority, at, late and zones)");
    BroadcastRequest r;
    r.playlist = string_field(body, "playlist").value_or("");
    r.clip = string_field(body, "clip").value_or("");
    if (r.playlist.empty() == r.clip.empty())
        throw ApiError(400, "name either `playlist` or `clip` (one of them)");
    r.priority = priority_field(body, *call.op, scheduler::Priority::notice, "airing");
    r.late = string_field(body, "late").value_or("");
    if (!r.late.empty() && !parse_duration(r.late))
        throw wrong_value("late", "a duration like \"10m\" or \"90s\"", r.late);
    r.at = string_field(body, "at");
    if (!r.at && !r.late.empty()) throw ApiError(400, "`late` applies only with `at`");
    r.zones = zones_field(body);
    return r;
}

void air_now(RouteContext& context, const CallPtr& call, const BroadcastRequest& r) {
    context.operator_action<Aired>(
        call,
        [manual =
             engine::ManualAiring{r.playlist, r.clip, r.priority, call->op->name, r.zones, ""}](
            LoopActions& actions, const std::string&) { return actions.air_now(manual); },
        [](Aired a) {
            json j = {{"broadcast", a.broadcast}};
            if (!a.airing.empty()) j["airing"] = a.airing;
            return json_reply(http::status::accepted, j);
        });
}

/// A one-shot added, with the station's zone to write its time in (both read on the loop).
struct Added {
    OneShotAdded added;
    const date::time_zone* zone = nullptr;
};

void add_one_shot(RouteContext& context, const CallPtr& call, const BroadcastRequest& r) {
    OneShotRequest request{
        r.playlist,
        r.clip,
        r.priority,
        Instant{},
        r.late,
        call->op->name,
        r.zones == std::vector<std::string>{"all"} ? std::vector<std::string>{} : r.zones};
    context.operator_action<Added>(
        call,
        [request, at = *r.at](LoopActions& actions, const std::string&) mutable {
            const auto* zone = actions.zone();
            auto t = parse_at_time(at, *zone);
            if (!t)
                throw wrong_value("at",
                                  "a date and time like \"2026-12-01T08:00\" (local) or "
                                  "\"2026-12-01T08:00:00+08:00\"",
                                  at);
            request.at = *t;
            return Added{actions.add_one_shot(request), zone};
        },
        [](Added a) {
            return json_reply(http::status::created,
                              {{"broadcast", a.added.broadcast},
                               {"scheduled", asrun::format_rfc3339(a.added.scheduled, a.zone)},
                               {"scheduled_ms", asrun::to_millis(a.added.scheduled)}});
        });
}

}  // namespace

void broadcast(RouteContext& context, const CallPtr& call) {
    auto request = broadcast_request(*call);
    if (request.at)
        add_one_shot(context, call, request);
    else
        air_now(context, call, request);
}

void remove_one_shot(RouteContext& context, const CallPtr& call) {
    auto id = route_id(*call);
    bool admin = call->op->role == Role::admin;
    context.operator_action<bool>(
        call,
        [id, admin](LoopActions& actions, const std::string& who) {
            actions.remove_one_shot(who, id, admin);
            return true;
        },
        [](bool) { return empty_reply(http::status::no_content); });
}

void stop(RouteContext& context, const CallPtr& call) {
    context.operator_action<bool>(
        call, [](LoopActions& actions, const std::string& who) { return actions.stop(who); },
        [](bool stopped) {
            return json_reply(http::status::ok, {{"stopped", stopped}});
        });
}

}  // namespace vc::control::routes
