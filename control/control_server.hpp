#pragma once
// The control server: the console's files and the JSON API over HTTP (HTTPS with a
// certificate), on a thread of its own with two worker threads for reading files and the
// as-run log. It talks to the daemon's loop only through posted work (LoopBridge), so a busy
// or stuck client never delays an airing, and the loop never waits for a client.
//
// The server's thread accepts connections, parses requests, checks tokens, and writes answers;
// it never blocks on the loop. The worker threads read station files and the as-run log (their
// own SQLite connection) and store uploads. Neither touches the engine::Service.

#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <thread>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/thread_pool.hpp>

#include "control/api_router.hpp"
#include "control/http_session.hpp"
#include "control/login_counter.hpp"
#include "control/loop_actions.hpp"
#include "control/loop_bridge.hpp"
#include "core/clock.hpp"
#include "station/listen_address.hpp"

namespace vc::control {

struct ServerSettings {
    station::ListenAddress address;
    std::filesystem::path tls_cert;  ///< both set: HTTPS only
    std::filesystem::path tls_key;
    SessionLimits limits;
    RouterSettings router;
    std::chrono::milliseconds loop_timeout{5000};  ///< 503 when the loop takes longer
};

/// The settings from station.toml's [control] (web_root defaulted). Throws UserError when
/// `listen` is not loopback and no certificate is set.
ServerSettings server_settings(const station::Station& station, const std::string& version,
                               Instant started);

/// Created, started and stopped on the daemon's loop thread.
class ControlServer {
  public:
    /// Loads the certificate when TLS is set. Throws UserError naming the file when it cannot.
    ControlServer(ServerSettings settings, boost::asio::io_context& loop, LoopActions& actions,
                  const Clock& clock);
    ~ControlServer();
    ControlServer(const ControlServer&) = delete;
    ControlServer& operator=(const ControlServer&) = delete;

    /// Starts the threads and listens. When the address is taken it logs so and tries again
    /// every 10 s (the station keeps airing meanwhile).
    void start();
    /// Stops listening and joins the threads; returns the refused logins not yet written (the
    /// caller writes them on the loop). Idempotent.
    std::vector<RefusedLogins> stop();
    /// The port listened on, 0 until listening (any thread).
    [[nodiscard]] std::uint16_t port() const { return port_.load(); }

  private:
    void listen();
    void accept();
    void flush_logins();

    ServerSettings settings_;
    boost::asio::io_context io_;  // first: destroyed last, after everything that uses it
    const Clock& clock_;
    std::optional<boost::asio::ssl::context> tls_;
    boost::asio::thread_pool workers_{2};
    LoopBridge bridge_;
    LoopActions& actions_;
    ApiRouter router_;
    boost::asio::ip::tcp::acceptor acceptor_;
    boost::asio::steady_timer retry_timer_;
    boost::asio::steady_timer accept_timer_;
    boost::asio::steady_timer minute_timer_;
    std::optional<boost::asio::executor_work_guard<boost::asio::io_context::executor_type>> guard_;
    std::thread thread_;
    std::atomic<std::uint16_t> port_{0};
    bool stopped_ = false;
};

}  // namespace vc::control
