#pragma once
// The control API's route table: which method and path pattern reach which handler, and the
// role each needs.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include <boost/beast/http/verb.hpp>

#include "control/api_call.hpp"

namespace vc::control {

struct RouteContext;

/// Answers a call, on the server's thread, once the router has checked its token, method and
/// role. Throws ApiError (or anything else: the router answers with it).
using Handler = void (*)(RouteContext& context, const CallPtr& call);

struct Route {
    boost::beast::http::verb method;
    /// "/api/clips/{id}/audio": the {…} matches any text, '/' included (clip ids hold '/'),
    /// and the handler receives it (ApiCall::param).
    std::string_view pattern;
    /// The role needed; nullopt: anyone, without a token (the console's files).
    std::optional<Role> role;
    std::string_view action;  ///< what the role is needed for, in a 403: "deleting a clip"
    Handler handler;
};

/// What the table holds for a request.
struct RouteMatch {
    const Route* route = nullptr;  ///< the route for the method and path; null when none
    std::string param;             ///< what the pattern's {…} matched
    std::size_t param_end = 0;     ///< where `param` ends in the path
    std::string allowed;  ///< no route: the methods the path takes ("GET, HEAD"), "" for none
};

/// Looks `path` up among the routes that need a token (`api`) or among those that do not.
RouteMatch find_route(boost::beast::http::verb method, std::string_view path, bool api);

}  // namespace vc::control
