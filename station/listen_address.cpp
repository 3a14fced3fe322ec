// Splitting `[control] listen` into host and port, and the rule of where plain HTTP may listen.

#include "station/listen_address.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>

#include "core/diagnostic.hpp"

namespace vc::station {

namespace {

bool is_numeric_address(const std::string& host) {
    in_addr v4{};
    in6_addr v6{};
    return inet_pton(AF_INET, host.c_str(), &v4) == 1 ||
           inet_pton(AF_INET6, host.c_str(), &v6) == 1;
}

}  // namespace

std::string ListenAddress::ip() const {
    return host == "localhost" ? "127.0.0.1" : host;
}

std::string ListenAddress::text() const {
    bool v6 = host.find(':') != std::string::npos;
    return (v6 ? "[" + host + "]" : host) + ":" + std::to_string(port);
}

std::optional<ListenAddress> try_parse_listen_address(std::string_view listen) {
    auto colon = listen.rfind(':');
    if (colon == std::string_view::npos || colon + 1 == listen.size()) return std::nullopt;
    ListenAddress a;
    a.host = listen.substr(0, colon);
    if (a.host.size() >= 2 && a.host.front() == '[' && a.host.back() == ']')
        a.host = a.host.substr(1, a.host.size() - 2);
    std::string port(listen.substr(colon + 1));
    if (port.size() > 5 || port.find_first_not_of("0123456789") != std::string::npos)
        return std::nullopt;
    unsigned long p = std::stoul(port);
    if (p > 65535) return std::nullopt;
    a.port = static_cast<std::uint16_t>(p);
    if (a.host != "localhost" && !is_numeric_address(a.host)) return std::nullopt;
    return a;
}

ListenAddress parse_listen_address(const std::string& listen) {
    if (auto a = try_parse_listen_address(listen)) return *a;
    throw UserError("[control] listen = \"" + listen +
                    "\" is not an address and port such as \"127.0.0.1:8470\"");
}

bool is_loopback(const ListenAddress& address) {
    if (address.host == "localhost") return true;
    in_addr v4{};
    if (inet_pton(AF_INET, address.host.c_str(), &v4) == 1) return (ntohl(v4.s_addr) >> 24) == 127;
    in6_addr v6{};
    return inet_pton(AF_INET6, address.host.c_str(), &v6) == 1 && IN6_IS_ADDR_LOOPBACK(&v6);
}

bool listen_allowed(const ListenAddress& address, bool tls) {
    return tls || is_loopback(address);
}

ListenAddress local_address(ListenAddress address) {
    if (address.host == "0.0.0.0") address.host = "127.0.0.1";
    if (address.host == "::") address.host = "::1";
    return address;
}

}  // namespace vc::station
