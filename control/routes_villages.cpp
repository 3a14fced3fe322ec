// GET /api/villages: the villages' Snapcast receivers as snapserver knows them, asked on a
// worker (snapserver may take up to 3 s to answer, or not answer at all).
#include "control/api_error.hpp"
#include "control/routes.hpp"
#include "core/diagnostic.hpp"
#include "snapcast/server_status.hpp"
#include "station/station.hpp"
#include "station/zone_resolution.hpp"

namespace vc::control::routes {

void villages(RouteContext& context, const CallPtr& call) {
    auto root = context.settings.station;
    context.handoff.on_worker(call, [root] {
        const auto st = station::load_station(root);
        auto receivers = nlohmann::json::array();
        if (station::snapcast_streams(st).empty())
            return json_reply(http::status::ok, {{"snapcast", false}, {"receivers", receivers}});
        snapcast::ServerStatus status;
        try {
            status = snapcast::server_status({st.snapcast.host, st.snapcast.control_port});
        } catch (const UserError& e) {
            throw ApiError(502, e.what());
        }
        for (const auto& r : status.receivers)
            receivers.push_back({{"receiver", r.id},
                                 {"name", r.name},
                                 {"village", station::village_of_stream(st, r.stream)},
                                 {"stream", r.stream},
                                 {"connected", r.connected},
                                 {"last_seen", r.last_seen}});
        return json_reply(http::status::ok, {{"snapcast", true}, {"receivers", receivers}});
    });
}

}  // namespace vc::control::routes
