// POST /api/reload: the station's files read again on the loop, as SIGHUP does.
#include "control/loop_actions.hpp"
#include "control/routes.hpp"

namespace vc::control::routes {

void reload(RouteContext& context, const CallPtr& call) {
    context.operator_action<std::vector<asrun::ReloadedFile>>(
        call, [](LoopActions& actions, const std::string& who) { return actions.reload(who); },
        [](std::vector<asrun::ReloadedFile> files) {
            auto list = nlohmann::json::array();
            for (const auto& f : files)
                list.push_back({{"file", f.file}, {"taken", f.taken}, {"note", f.note}});
            return json_reply(http::status::ok, {{"files", list}});
        });
}

}  // namespace vc::control::routes
