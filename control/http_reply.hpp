#pragma once
// What the control server sends back: JSON or text in memory, or a file streamed from disk.

#include <filesystem>
#include <memory>
#include <string>
#include <variant>

#include <boost/beast/http.hpp>
#include <nlohmann/json.hpp>

namespace vc::control {

namespace http = boost::beast::http;

using Request = http::request<http::string_body>;
using StringResponse = http::response<http::string_body>;
using FileResponse = http::response<http::file_body>;

/// One response, ready to be written (its keep-alive and version set from the request).
struct Reply {
    std::variant<StringResponse, FileResponse> message;
    /// Kept until the reply has been written, then let go after the message: what holds the
    /// reply's place in a memory budget (PlanBudget::Ticket), or nothing.
    std::shared_ptr<void> hold;
    /// True when the connection must close after it (a malformed request, a refused body).
    [[nodiscard]] bool close() const;
};

/// A JSON reply with Cache-Control: no-store.
Reply json_reply(http::status status, const nlohmann::json& body);
/// A JSON reply of a body already serialised, with Cache-Control: no-store.
Reply json_text_reply(http::status status, std::string body);
/// {"error": message} with `status`.
Reply error_reply(int status, const std::string& message);
/// A reply with a body as is.
Reply text_reply(http::status status, std::string body, const std::string& content_type);
/// 204 No Content.
Reply empty_reply(http::status status);
/// 200 with the file's bytes streamed from disk, Content-Type by extension; `head`: only the
/// header, with the file's Content-Length. Throws ApiError(404) when the file cannot be read.
Reply file_reply(const std::filesystem::path& file, bool head);

/// Sets version and keep-alive from `request` (HTTP/1.1 keeps alive unless asked to close).
void prepare(Reply& reply, unsigned version, bool keep_alive);

}  // namespace vc::control
