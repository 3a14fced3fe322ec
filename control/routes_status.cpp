// GET /api/status: the running service's status, asked of the loop once for concurrent requests.
#include "control/routes.hpp"
#include "control/status_merger.hpp"

namespace vc::control::routes {

void status(RouteContext& context, const CallPtr& call) {
    context.status.request(call);
}

}  // namespace vc::control::routes
