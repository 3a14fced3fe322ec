#pragma once
// One request on its way through the control API: what was asked, by whom, what the route's
// pattern matched, and where the answer goes. Server thread only.

#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "control/http_reply.hpp"
#include "control/operator_store.hpp"
#include "control/request_target.hpp"

namespace vc::control {

struct ApiCall {
    Request request;
    std::string peer;                 ///< the client's IP address
    std::function<void(Reply)> done;  ///< called once, on the server's thread
    Target target;
    std::optional<Operator> op;  ///< whose token came (every call under /api/)
    std::string param;           ///< what the route pattern's {…} matched, still percent-encoded
    std::size_t param_end = 0;   ///< where `param` ends in the path
    bool change = false;         ///< POST or DELETE under /api/
    bool answered = false;
};

using CallPtr = std::shared_ptr<ApiCall>;

}  // namespace vc::control
