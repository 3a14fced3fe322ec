#pragma once
// The `[control] listen` setting as an address the server binds and a client connects to.

#include <cstdint>
#include <string>

namespace vc::station {

/// "127.0.0.1:8470", "[::1]:8470", "localhost:8470" split into host and port.
struct ListenAddress {
    std::string host;        ///< without brackets; "localhost" stays as written
    std::uint16_t port = 0;  ///< 0: the system chooses

    /// The host as an IP address text ("localhost" becomes "127.0.0.1").
    [[nodiscard]] std::string ip() const;
    /// "127.0.0.1:8470" or "[::1]:8470", for URLs and messages.
    [[nodiscard]] std::string text() const;
};

/// Parses `listen`. Throws UserError naming the setting when it is not HOST:PORT.
ListenAddress parse_listen_address(const std::string& listen);

/// True for localhost, 127.0.0.0/8 and ::1.
bool is_loopback(const ListenAddress& address);

}  // namespace vc::station
