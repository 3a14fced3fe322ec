#pragma once
// A TCP port nobody listens on, for a server a test starts.

#include <cstdint>

namespace vc::test {

/// A TCP port on 127.0.0.1 that was free a moment ago (the system's choice of an ephemeral port).
std::uint16_t free_port();
/// The first of `count` consecutive TCP ports on 127.0.0.1 that were free a moment ago.
std::uint16_t free_ports(int count);

}  // namespace vc::test
