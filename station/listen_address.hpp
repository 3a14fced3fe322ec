#pragma once
// The `[control] listen` setting as an address the server binds and a client connects to, and
// its rule: plain HTTP on a loopback address only. The station reader, the control server and
// the commands' client all read `listen` through here.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

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

/// Parses `listen`: an IPv4 or IPv6 address (the latter in brackets or bare) or "localhost",
/// a colon and a port 0..65535. nullopt for anything else (a host name, no port). Pure.
std::optional<ListenAddress> try_parse_listen_address(std::string_view listen);

/// Parses `listen`. Throws UserError naming the setting when it is not HOST:PORT.
ListenAddress parse_listen_address(const std::string& listen);

/// True for localhost, 127.0.0.0/8 and ::1.
bool is_loopback(const ListenAddress& address);

/// Whether the console may listen at `address`: anywhere with TLS (`tls_cert` and `tls_key`),
/// on a loopback address only without it, so that tokens never cross the network in clear.
bool listen_allowed(const ListenAddress& address, bool tls);

/// Where a command on this machine reaches a daemon listening at `address`: one listening on
/// every address ("0.0.0.0", "::") through loopback, any other at its own address.
ListenAddress local_address(ListenAddress address);

}  // namespace vc::station
