#pragma once
// The commands' side of the control API (`villagecast status`, `broadcast`, `stop`, `reload`,
// and `play` while a daemon runs): one request at a time over HTTP, or HTTPS when the station
// has a certificate (that certificate is the one trusted).

#include <chrono>
#include <filesystem>
#include <string>

#include <boost/beast/http/verb.hpp>
#include <nlohmann/json.hpp>

namespace vc::control {

/// An answer of the API.
struct ClientResponse {
    int status = 0;
    std::string body;
    std::string content_type;
};

/// The token for a command: `option` when given, else $VILLAGECAST_TOKEN. Throws UserError
/// saying how to get one when neither is set.
std::string token_from(const std::string& option);

/// True when a `villagecast run` holds the station's lock now (it is probed, not taken).
bool station_daemon_running(const std::filesystem::path& station);

/// Control thread of a command. Not copyable state: a plain value.
class ControlClient {
  public:
    /// The running daemon of `station`, at its [control] listen address. Throws UserError when
    /// station.toml cannot be read or the console is off.
    ControlClient(const std::filesystem::path& station, std::string token);

    /// One request; `body` is sent with `content_type`. Throws UserError when no daemon
    /// answers (naming the address) or the connection fails.
    ClientResponse request(boost::beast::http::verb method, const std::string& target,
                           const std::string& body = "",
                           const std::string& content_type = "application/json") const;

    /// A request whose answer is JSON: returns it, or throws UserError with the API's error
    /// message when the status is not 2xx.
    nlohmann::json call(boost::beast::http::verb method, const std::string& target,
                        const nlohmann::json& body = nullptr) const;

    /// "http://127.0.0.1:8470" (for messages).
    [[nodiscard]] const std::string& url() const { return url_; }

  private:
    std::string host_;
    std::string port_;
    std::string url_;
    std::string token_;
    std::filesystem::path tls_cert_;
    std::chrono::seconds timeout_{30};
};

}  // namespace vc::control
