#pragma once
// A kept connection to snapserver's JSON-RPC control port (TCP, newline-delimited JSON 2.0):
// requests go out with ids of their own, and every line snapserver sends comes back in order,
// answers and notifications alike (Client.OnConnect, Client.OnDisconnect, ...). One thread.

#include <cstdint>
#include <optional>
#include <string>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/streambuf.hpp>
#include <nlohmann/json.hpp>

#include "core/duration.hpp"

namespace vc::snapcast {

/// Where snapserver's control port is.
struct ControlAddress {
    std::string host = "127.0.0.1";
    int port = 1705;
};

/// "snapserver's control port HOST:PORT", for messages.
std::string describe(const ControlAddress& address);

/// Not thread-safe: one thread uses it.
class ControlConnection {
  public:
    /// Connects within `timeout`. Throws UserError naming the address when it cannot.
    ControlConnection(const ControlAddress& address, Millis timeout);
    ControlConnection(const ControlConnection&) = delete;
    ControlConnection& operator=(const ControlConnection&) = delete;

    /// Sends a request and returns its id. Throws UserError when the connection is gone.
    std::int64_t send(const std::string& method,
                      const nlohmann::json& params = nlohmann::json::object());
    /// The next line snapserver sent, parsed, waiting up to `wait` for it: nullopt when none
    /// came in that time. Lines that are not JSON objects are skipped. Throws UserError when
    /// the connection is closed or broken.
    std::optional<nlohmann::json> next(Millis wait);
    /// The `result` of snapserver's answer to `method`. Throws UserError with snapserver's
    /// message when it is an error, or saying that there is no result.
    [[nodiscard]] nlohmann::json result_of(const nlohmann::json& answer,
                                           const std::string& method) const;
    /// Sends a request and returns the `result` of its answer, skipping the lines before it.
    /// Throws UserError when no answer comes within `timeout`, or with snapserver's message
    /// when it answers with an error.
    nlohmann::json call(const std::string& method,
                        const nlohmann::json& params = nlohmann::json::object(),
                        Millis timeout = Millis(3000));

    [[nodiscard]] const ControlAddress& address() const { return address_; }

  private:
    void run(Millis wait);
    [[noreturn]] void lost(const std::string& what) const;

    ControlAddress address_;
    boost::asio::io_context io_;
    boost::asio::ip::tcp::socket socket_;
    boost::asio::streambuf input_;
    std::int64_t next_id_ = 1;
    bool reading_ = false;              ///< a read is under way
    std::optional<std::string> line_;   ///< the line it read, not yet taken
    boost::system::error_code failed_;  ///< why the connection ended
};

/// One request on a connection of its own: connects, sends `method` with `params`, waits for
/// its answer (notifications sent in between are skipped), closes, and returns its `result`.
/// Throws UserError naming the address when snapserver cannot be reached or does not answer
/// within `timeout`, and with its message when it answers with an error.
nlohmann::json call(const ControlAddress& address, const std::string& method,
                    const nlohmann::json& params = nlohmann::json::object(),
                    Millis timeout = Millis(3000));

}  // namespace vc::snapcast
