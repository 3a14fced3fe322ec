// GET /api/whoami: the operator whose token came, the console's login check.
#include "control/routes.hpp"

namespace vc::control::routes {

void whoami(RouteContext& context, const CallPtr& call) {
    context.handoff.answer(
        call, json_reply(http::status::ok,
                         {{"name", call->op->name}, {"role", to_string(call->op->role)}}));
}

}  // namespace vc::control::routes
