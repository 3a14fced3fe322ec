#pragma once
// The control API's router: a request's token, then its route in the table (route_table.cpp)
// and the role it needs, then the route's handler (routes_*.cpp).

#include <functional>
#include <string>

#include "control/handoff.hpp"
#include "control/http_reply.hpp"
#include "control/login_counter.hpp"
#include "control/loop_actions.hpp"
#include "control/operator_auth.hpp"
#include "control/router_settings.hpp"
#include "control/routes.hpp"
#include "control/status_merger.hpp"

namespace vc::control {

/// Server thread only (its work posts to the workers and the loop and comes back: every answer
/// is sent on the server's thread).
class ApiRouter {
  public:
    using Done = std::function<void(Reply)>;

    ApiRouter(RouterSettings settings, boost::asio::io_context& server,
              boost::asio::thread_pool& workers, LoopBridge& bridge, LoopActions& actions,
              const Clock& clock);

    /// Answers `request` from `peer` (its IP address) through `done`, exactly once, on the
    /// server's thread. Never throws.
    void handle(Request request, const std::string& peer, Done done);

    /// The operator whose token `authorization` ("Bearer TOKEN") carries, or nullopt (the
    /// refusal is counted against `peer`).
    std::optional<Operator> operator_of(std::string_view authorization, const std::string& peer);
    /// Where a browser's page audio goes; null when this daemon takes none.
    engine::PageInputs* page_inputs() { return context_.actions.pages; }

    /// Refused logins counted so far.
    LoginCounter& logins() { return logins_; }

  private:
    void route(const CallPtr& call);
    /// Sets the call's operator, or throws ApiError(401) (and counts the refusal).
    void authenticate(ApiCall& call);

    RouterSettings settings_;
    const Clock& clock_;
    OperatorAuth auth_;
    LoginCounter logins_;
    Handoff handoff_;
    StatusMerger status_;
    RouteContext context_;
};

}  // namespace vc::control
