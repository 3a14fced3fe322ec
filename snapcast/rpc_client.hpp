#pragma once
// One JSON-RPC 2.0 call to snapserver on its TCP control port (newline-delimited JSON).

#include <string>

#include <nlohmann/json.hpp>

#include "core/duration.hpp"

namespace vc::snapcast {

/// Where snapserver's control port is.
struct ControlAddress {
    std::string host = "127.0.0.1";
    int port = 1705;
};

/// Connects, sends `method` with `params`, reads lines until the response to it (notifications
/// sent in between are skipped), closes, and returns its `result`. Throws UserError naming the
/// address when snapserver cannot be reached or does not answer within `timeout`, and with its
/// message when it answers with an error.
nlohmann::json call(const ControlAddress& address, const std::string& method,
                    const nlohmann::json& params = nlohmann::json::object(),
                    Millis timeout = Millis(3000));

}  // namespace vc::snapcast
