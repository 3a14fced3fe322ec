// GET /api/airings and /api/airings.csv: the as-run log's airings, read on a worker thread
// through the log's own read-only connection.
#include "asrun/airings.hpp"
#include "control/request_checks.hpp"
#include "control/routes.hpp"
#include "control/station_view.hpp"

namespace vc::control::routes {

namespace {

AiringQuery airing_query(const Target& target) {
    AiringQuery query;
    query.from = date_param(target, "from");
    query.to = date_param(target, "to");
    if (auto status = query_param(target, "status"); !status.empty()) {
        query.status = asrun::parse_airing_status(status);
        if (!query.status) throw wrong_value("status", asrun::airing_status_help, status);
    }
    if (auto broadcast = query_param(target, "broadcast"); !broadcast.empty())
        query.broadcast = broadcast;
    return query;
}

void export_airings(RouteContext& context, const CallPtr& call, bool csv) {
    auto query = airing_query(call->target);
    auto station = context.settings.station;
    context.handoff.on_worker(call, [station, query, csv] {
        std::string head;
        std::string body = airings_export(station, query, csv, &head);
        auto reply = csv ? text_reply(http::status::ok, std::move(body), "text/csv; charset=utf-8")
                         : json_text_reply(http::status::ok, std::move(body));
        auto& m = std::get<StringResponse>(reply.message);
        m.set("X-Villagecast-Head", head);
        if (csv) m.set(http::field::content_disposition, "attachment; filename=\"airings.csv\"");
        return reply;
    });
}

}  // namespace

void airings(RouteContext& context, const CallPtr& call) {
    export_airings(context, call, false);
}

void airings_csv(RouteContext& context, const CallPtr& call) {
    export_airings(context, call, true);
}

}  // namespace vc::control::routes
