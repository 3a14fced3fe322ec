// The control API's route table and how a request's method and path are looked up in it.
#include "control/route_table.hpp"

#include <boost/beast/http/verb.hpp>

#include "control/routes.hpp"

namespace vc::control {

namespace {

using enum boost::beast::http::verb;
constexpr std::optional<Role> anyone = std::nullopt;

// clang-format off
constexpr Route table[] = {
    // method  pattern                  role             needed for (403)                 handler
    {get,     "/api/whoami",           Role::viewer,    "",                               routes::whoami},
    {get,     "/api/status",           Role::viewer,    "",                               routes::status},
    {get,     "/api/plan",             Role::viewer,    "",                               routes::plan},
    {get,     "/api/airings",          Role::viewer,    "",                               routes::airings},
    {get,     "/api/airings.csv",      Role::viewer,    "",                               routes::airings_csv},
    {get,     "/api/library",          Role::viewer,    "",                               routes::library},
    {get,     "/api/playlists",        Role::viewer,    "",                               routes::playlists},
    {get,     "/api/villages",         Role::viewer,    "",                               routes::villages},
    {get,     "/api/clips/{id}/audio", Role::viewer,    "",                               routes::clip_audio},
    {post,    "/api/clips",            Role::operator_, "uploading a clip",               routes::upload_clip},
    {delete_, "/api/clips/{id}",       Role::admin,     "deleting a clip",                routes::delete_clip},
    {post,    "/api/say",              Role::operator_, "speaking a notice",              routes::say},
    {post,    "/api/broadcast",        Role::operator_, "airing or scheduling",           routes::broadcast},
    {delete_, "/api/broadcast/{id}",   Role::operator_, "removing a one-shot",            routes::remove_one_shot},
    {post,    "/api/stop",             Role::operator_, "stopping an airing",             routes::stop},
    {post,    "/api/page",             Role::operator_, "paging",                         routes::page},
    {delete_, "/api/page/{id}",        Role::operator_, "ending a page",                  routes::end_page},
    {post,    "/api/reload",           Role::operator_, "reloading the station's files",  routes::reload},
    {get,     "{path}",                anyone,          "",                               routes::static_file},
    {head,    "{path}",                anyone,          "",                               routes::static_file},
};
// clang-format on

/// True when `pattern` matches `path`; `match` receives what its {…} matched.
bool matches(std::string_view pattern, std::string_view path, RouteMatch& match) {
    auto open = pattern.find('{');
    if (open == std::string_view::npos) return pattern == path;
    auto prefix = pattern.substr(0, open);
    auto suffix = pattern.substr(pattern.find('}', open) + 1);
    if (path.size() < prefix.size() + suffix.size() || !path.starts_with(prefix) ||
        !path.ends_with(suffix))
        return false;
    match.param_end = path.size() - suffix.size();
    match.param = std::string(path.substr(prefix.size(), match.param_end - prefix.size()));
    return true;
}

}  // namespace

RouteMatch find_route(boost::beast::http::verb method, std::string_view path, bool api) {
    RouteMatch found;
    for (const auto& route : table) {
        RouteMatch match;
        if (route.role.has_value() != api || !matches(route.pattern, path, match)) continue;
        if (route.method == method) {
            match.route = &route;
            return match;
        }
        auto name = std::string(boost::beast::http::to_string(route.method));
        if (found.allowed.find(name) == std::string::npos)
            found.allowed += (found.allowed.empty() ? "" : ", ") + name;
    }
    return found;
}

}  // namespace vc::control
