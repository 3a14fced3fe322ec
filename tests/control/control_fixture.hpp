#pragma once
// A station with the control API on a free loopback port, three operators (viewer, operator,
// admin), the real daemon (`villagecast run --output null`, paced in real time), and plain HTTP
// requests to it over loopback.

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "tests/e2e/station_builder.hpp"
#include "tests/support/child_process.hpp"
#include "tests/support/fixtures.hpp"
#include "tests/support/free_port.hpp"

namespace vc::test {

/// An answer as the client saw it.
struct HttpResult {
    int status = 0;
    std::string body;
    std::map<std::string, std::string> headers;  ///< lower-case names
    /// The body as JSON (fails the test when it is not).
    [[nodiscard]] nlohmann::json json() const;
};

/// One request over a fresh connection to 127.0.0.1:`port`. `token` empty: no Authorization.
HttpResult http_request(std::uint16_t port, const std::string& method, const std::string& target,
                        const std::string& token = "", const std::string& body = "",
                        const std::string& content_type = "application/json");

/// Sends `bytes` as they are on a fresh connection and returns everything the server sends
/// back until it closes (or `timeout` passes).
std::string raw_exchange(std::uint16_t port, const std::string& bytes,
                         std::chrono::milliseconds timeout = std::chrono::seconds(5));

/// `villagecast operator add NAME --role ROLE`: the token it printed.
std::string add_operator(const std::filesystem::path& station, const std::string& name,
                         const std::string& role);

class ControlStation {
  public:
    /// Writes a station with [control] on a free port (plus `control_extra` lines in [control]),
    /// clips tone/a2 (2 s), tone/a6 (6 s), tone/long (30 s), playlists news (tone/a2) and
    /// long (tone/long), and the three operators. `schedule` is schedule.toml's text.
    /// `base`: the station's other settings (its device, channels; `extra` TOML after [control]).
    explicit ControlStation(const std::string& schedule = "", const std::string& control_extra = "",
                            StationSettings base = {});

    /// Starts the daemon (on `output`: "" for the station's own) and waits until the console
    /// listens.
    void start(const std::string& output = "null",
               const std::map<std::string, std::string>& env = {});
    /// SIGTERM, and the daemon's exit code.
    int stop();

    [[nodiscard]] const std::filesystem::path& root() const { return root_; }
    [[nodiscard]] std::uint16_t port() const { return port_; }
    ChildProcess& daemon() { return *daemon_; }

    HttpResult get(const std::string& target, const std::string& token) const {
        return http_request(port_, "GET", target, token);
    }
    HttpResult post(const std::string& target, const std::string& token,
                    const std::string& body = "{}") const {
        return http_request(port_, "POST", target, token, body);
    }
    HttpResult del(const std::string& target, const std::string& token) const {
        return http_request(port_, "DELETE", target, token);
    }
    /// GET /api/status as the viewer.
    [[nodiscard]] nlohmann::json status() const;
    /// Polls the status until `done` holds or `timeout` passes; returns the last status.
    nlohmann::json wait_status(const std::function<bool(const nlohmann::json&)>& done,
                               std::chrono::milliseconds timeout) const;

    std::string viewer, operator_,
        admin;  ///< tokens of 小李 (viewer), 王芳 (operator), 张主任 (admin)

  private:
    TempDir dir_;
    std::filesystem::path root_;
    std::uint16_t port_ = 0;
    std::unique_ptr<ChildProcess> daemon_;
};

/// The `operator` events of an `--events` export, as {operator, action, detail}.
std::vector<nlohmann::json> operator_events(const std::filesystem::path& station);

}  // namespace vc::test
