#pragma once
// Asking a benchmark's daemon over its control API: one request per connection, timed.

#include <cstdint>
#include <string>

namespace vc::bench {

/// What the daemon answered, and how long it took.
struct Answer {
    int status = 0;
    std::size_t bytes = 0;
    double seconds = 0;
    std::string body;
};

/// One request (`method` "GET", "POST", "DELETE") over a fresh connection to
/// 127.0.0.1:`port` with the operator's `token`; `body` is sent as JSON when not empty.
/// Throws boost::system::system_error when the daemon cannot be reached.
Answer request(std::uint16_t port, const std::string& method, const std::string& target,
               const std::string& token, const std::string& body = "");

/// A TCP port on 127.0.0.1 that nothing listens on now.
std::uint16_t free_port();

}  // namespace vc::bench
