#pragma once
// Connecting to a TCP port of an IPv4 address within a time limit, so that a machine that is
// away never holds a thread for the kernel's two minutes.

#include <string>

#include "core/duration.hpp"

namespace vc {

/// A connected, blocking TCP socket (close-on-exec, no Nagle delay) to HOST:PORT, or -1 with
/// `error` set to errno's value: EINVAL when HOST is not an IPv4 address, ETIMEDOUT when no
/// answer came within `timeout`.
int tcp_connect(const std::string& host, int port, Millis timeout, int& error);

}  // namespace vc
