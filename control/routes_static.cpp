// GET and HEAD of any path outside /api/: the console's files from web_root, no token needed.
#include "control/api_error.hpp"
#include "control/routes.hpp"
#include "control/static_files.hpp"

namespace vc::control::routes {

void static_file(RouteContext& context, const CallPtr& call) {
    const auto& web_root = context.settings.web_root;
    if (web_root.empty())
        throw ApiError(404, "the console's files are not installed (set [control] web_root)");
    auto decoded = url_decode(call->target.path);
    if (!decoded) throw ApiError(404, "no such file");
    auto file = resolve_static(web_root, *decoded);
    if (!file) throw ApiError(404, "no such file: " + call->target.path);
    context.handoff.answer(call, file_reply(*file, call->request.method() == http::verb::head));
}

}  // namespace vc::control::routes
