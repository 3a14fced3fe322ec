#pragma once
// A request's target split into its path (still percent-encoded) and its decoded query.

#include <map>
#include <string>
#include <string_view>

namespace vc::control {

/// A URL's path and its decoded query parameters ("+" is a space).
struct Target {
    std::string path;  ///< still percent-encoded
    std::map<std::string, std::string> query;
    bool ok = true;  ///< false when an escape in the query is malformed
};

/// Splits "/api/plan?from=2026-12-01&days=3". Any thread.
Target split_target(std::string_view target);

}  // namespace vc::control
