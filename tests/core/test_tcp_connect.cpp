// Connecting to a TCP port within a time limit: a listening port connects, a closed one is
// refused at once, and a host name is not an IPv4 address.

#include <catch2/catch.hpp>

#include <cerrno>

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include "core/tcp_connect.hpp"
#include "tests/support/free_port.hpp"

TEST_CASE("tcp_connect reaches a listening port and says why it cannot reach others", "[net]") {
    const int server = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    REQUIRE(server >= 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(::bind(server, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
    socklen_t len = sizeof addr;
    REQUIRE(::getsockname(server, reinterpret_cast<sockaddr*>(&addr), &len) == 0);
    REQUIRE(::listen(server, 1) == 0);

    int error = -1;
    const int fd = vc::tcp_connect("127.0.0.1", ntohs(addr.sin_port), vc::Millis(2000), error);
    CHECK(fd >= 0);
    CHECK(error == 0);
    if (fd >= 0) ::close(fd);
    ::close(server);

    CHECK(vc::tcp_connect("127.0.0.1", vc::test::free_port(), vc::Millis(2000), error) == -1);
    CHECK(error == ECONNREFUSED);
    CHECK(vc::tcp_connect("snapserver.local", 1704, vc::Millis(2000), error) == -1);
    CHECK(error == EINVAL);
}
