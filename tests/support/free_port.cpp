#include "tests/support/free_port.hpp"

#include <stdexcept>
#include <string>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace vc::test {

namespace {

/// Binds a socket to `port` on 127.0.0.1 (0: the system's choice) and returns the port it got,
/// or 0 when it cannot.
std::uint16_t bind_port(std::uint16_t port) {
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) throw std::runtime_error("socket failed");
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = htons(port);
    socklen_t len = sizeof addr;
    const bool ok = ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
                    ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0;
    ::close(fd);
    return ok ? ntohs(addr.sin_port) : 0;
}

}  // namespace

std::uint16_t free_port() {
    const std::uint16_t port = bind_port(0);
    if (port == 0) throw std::runtime_error("no free TCP port");
    return port;
}

std::uint16_t free_ports(int count) {
    for (int attempt = 0; attempt < 100; ++attempt) {
        const std::uint16_t first = free_port();
        if (first + count > 65536) continue;
        bool all = true;
        for (int i = 1; i < count && all; ++i)
            all = bind_port(static_cast<std::uint16_t>(first + i)) != 0;
        if (all) return first;
    }
    throw std::runtime_error("no " + std::to_string(count) + " consecutive free TCP ports");
}

}  // namespace vc::test
