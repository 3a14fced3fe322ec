// Building the control server's replies: JSON, text, empty, errors and files.
#include "control/http_reply.hpp"

#include "control/api_error.hpp"
#include "control/static_files.hpp"

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
    return json_text_reply(status,
                           body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

Reply json_text_reply(http::status status, std::string body) {
    return text_reply(status, std::move(body), "application/json; charset=utf-8");
}

Reply error_reply(int status, const std::string& message) {
    return json_reply(static_cast<http::status>(status), {{"error", message}});
}

Reply text_reply(http::status status, std::string body, const std::string& content_type) {
    auto r = base(status);
    r.set(http::field::content_type, content_type);
    r.body() = std::move(body);
    r.prepare_payload();
    return Reply{std::move(r), nullptr};
}

Reply empty_reply(http::status status) {
    auto r = base(status);
    r.prepare_payload();
    return Reply{std::move(r), nullptr};
}

Reply file_reply(const std::filesystem::path& file, bool head) {
    if (head) {
        std::error_code ec;
        auto size = std::filesystem::file_size(file, ec);
        StringResponse r{http::status::ok, 11};
        r.set(http::field::server, "villagecast");
        r.set(http::field::content_type, content_type_for(file));
        r.content_length(ec ? 0 : size);
        return Reply{std::move(r), nullptr};
    }
    boost::beast::error_code ec;
    http::file_body::value_type body;
    body.open(file.c_str(), boost::beast::file_mode::scan, ec);
    if (ec) throw ApiError(404, "cannot read " + file.filename().string() + ": " + ec.message());
    FileResponse r{http::status::ok, 11};
    r.set(http::field::server, "villagecast");
    r.set(http::field::content_type, content_type_for(file));
    r.set("X-Content-Type-Options", "nosniff");
    r.body() = std::move(body);
    r.prepare_payload();
    return Reply{std::move(r), nullptr};
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
