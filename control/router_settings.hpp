#pragma once
// What the control API's routes need to know of the station and the server.

#include <cstdint>
#include <filesystem>
#include <string>

#include "core/instant.hpp"

namespace vc::control {

struct RouterSettings {
    std::filesystem::path station;   ///< the station folder
    std::filesystem::path web_root;  ///< the console's files; empty: none
    std::uint64_t upload_limit = 64'000'000;
    std::string version;
    Instant started{};  ///< when the daemon started (uptime)
};

}  // namespace vc::control
