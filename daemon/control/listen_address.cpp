#include "daemon/control/listen_address.hpp"

#include <boost/asio/ip/address.hpp>

#include "core/diagnostic.hpp"

namespace vc::control {

std::string ListenAddress::ip() const {
    return host == "localhost" ? "127.0.0.1" : host;
}

std::string ListenAddress::text() const {
    bool v6 = host.find(':') != std::string::npos;
    return (v6 ? "[" + host + "]" : host) + ":" + std::to_string(port);
}

ListenAddress parse_listen_address(const std::string& listen) {
    auto bad = [&] {
        return UserError("[control] listen = \"" + listen +
                         "\" is not an address and port such as \"127.0.0.1:8470\"");
    };
    auto colon = listen.rfind(':');
    if (colon == std::string::npos || colon + 1 == listen.size()) throw bad();
    ListenAddress a;
    a.host = listen.substr(0, colon);
    if (a.host.size() >= 2 && a.host.front() == '[' && a.host.back() == ']')
        a.host = a.host.substr(1, a.host.size() - 2);
    std::string port = listen.substr(colon + 1);
    if (port.size() > 5 || port.find_first_not_of("0123456789") != std::string::npos) throw bad();
    unsigned long p = std::stoul(port);
    if (p > 65535) throw bad();
    a.port = static_cast<std::uint16_t>(p);
    if (a.host != "localhost") {
        boost::system::error_code ec;
        (void)boost::asio::ip::make_address(a.host, ec);
        if (ec) throw bad();
    }
    return a;
}

bool is_loopback(const ListenAddress& address) {
    if (address.host == "localhost") return true;
    boost::system::error_code ec;
    auto ip = boost::asio::ip::make_address(address.host, ec);
    return !ec && ip.is_loopback();
}

}  // namespace vc::control
