#include "control/http_reply.hpp"

namespace vc::control {

bool Reply::close() const {
    return std::visit([](const auto& m) { return !m.keep_alive(); }, message);
}

namespace {

StringResponse base(http::status status) {
    StringResponse r{status, 11};
    r.set(http::field::server, "villagecast");
    r.set(http::field::cache_control, "no-store");
    return r;
}

}  // namespace

Reply json_reply(http::status status, const nlohmann::json& body) {
    auto r = base(status);
    r.set(http::field::content_type, "application/json; charset=utf-8");
    r.body() = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    r.prepare_payload();
    return Reply{std::move(r)};
}

Reply error_reply(int status, const std::string& message) {
    return json_reply(static_cast<http::status>(status), {{"error", message}});
}

Reply text_reply(http::status status, std::string body, const std::string& content_type) {
    auto r = base(status);
    r.set(http::field::content_type, content_type);
    r.body() = std::move(body);
    r.prepare_payload();
    return Reply{std::move(r)};
}

Reply empty_reply(http::status status) {
    auto r = base(status);
    r.prepare_payload();
    return Reply{std::move(r)};
}

void prepare(Reply& reply, unsigned version, bool keep_alive) {
    std::visit(
        [&](auto& m) {
            m.version(version);
            m.keep_alive(keep_alive);
        },
        reply.message);
}

}  // namespace vc::control
