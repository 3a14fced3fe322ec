// GET /api/playlists: every playlist with its exact length and its problems, read on a worker.
#include "control/routes.hpp"
#include "control/station_view.hpp"

namespace vc::control::routes {

void playlists(RouteContext& context, const CallPtr& call) {
    auto station = context.settings.station;
    context.read_files(call,
                       [station] { return json_reply(http::status::ok, playlists_json(station)); });
}

}  // namespace vc::control::routes
