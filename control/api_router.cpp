// Routing a request of the control API: its token, its route, its role, then its handler.
#include "control/api_router.hpp"

#include "control/api_error.hpp"
#include "control/request_checks.hpp"
#include "control/route_table.hpp"
#include "core/clock.hpp"

namespace vc::control {

ApiRouter::ApiRouter(RouterSettings settings, boost::asio::io_context& server,
                     boost::asio::thread_pool& workers, LoopBridge& bridge, LoopActions& actions,
                     const Clock& clock)
    : settings_(std::move(settings)),
      clock_(clock),
      auth_(OperatorStore::path_in_station(settings_.station)),
      handoff_(server, workers, bridge, actions, [this] { status_.changed(); }),
      status_(handoff_, actions, settings_.version, settings_.started),
      context_(settings_, handoff_, actions, status_, clock) {}

void ApiRouter::handle(Request request, const std::string& peer, Done done) {
    auto call = std::make_shared<ApiCall>();
    call->request = std::move(request);
    call->peer = peer;
    call->done = std::move(done);
    auto target = call->request.target();
    call->target = split_target(std::string_view(target.data(), target.size()));
    try {
        route(call);
    } catch (...) {
        handoff_.fail(call, std::current_exception());
    }
}

void ApiRouter::route(const CallPtr& call) {
    const std::string& path = call->target.path;
    bool api = path == "/api" || path.rfind("/api/", 0) == 0;
    if (api) authenticate(*call);
    auto match = find_route(call->request.method(), path, api);
    if (!match.route) {
        if (match.allowed.empty()) throw ApiError(404, "no such address: " + path);
        throw ApiError(405, "this address takes " + match.allowed);
    }
    if (match.route->role) need_role(*call->op, *match.route->role, match.route->action);
    call->param = std::move(match.param);
    call->param_end = match.param_end;
    match.route->handler(context_, call);
}

std::optional<Operator> ApiRouter::operator_of(std::string_view authorization,
                                               const std::string& peer) {
    auto op = auth_.check(authorization);
    if (!op) logins_.refuse(peer, clock_.now());
    return op;
}

void ApiRouter::authenticate(ApiCall& call) {
    auto authorization = call.request[http::field::authorization];
    call.op = auth_.check(std::string_view(authorization.data(), authorization.size()));
    if (!call.op) {
        logins_.refuse(call.peer, clock_.now());
        throw ApiError(401, authorization.empty()
                                ? "this needs an operator's token (Authorization: Bearer TOKEN; "
                                  "`villagecast operator add` makes one)"
                                : "the token is not an operator's (it may have been removed)");
    }
    const auto method = call.request.method();
    call.change = method == http::verb::post || method == http::verb::delete_;
    if (!call.target.ok) throw ApiError(400, "the query has a malformed %-escape");
}

}  // namespace vc::control
