#include "cli/daemon_client.hpp"

#include <algorithm>
#include <cctype>
#include <iostream>

namespace vc::cli {

control::ControlClient daemon_client(const Parsed& parsed) {
    std::string token =
        parsed.values.count("token") != 0 ? parsed.values["token"].as<std::string>() : "";
    return control::ControlClient(parsed.station, control::token_from(token));
}

void print_airing_now(const nlohmann::json& reply) {
    std::cout << "airing now as " << reply.value("broadcast", "")
              << (reply.contains("airing") ? "" : " (it waits for what airs at a higher priority)")
              << '\n';
}

std::vector<std::string> zone_list(const std::string& list, const std::string& command) {
    std::vector<std::string> zones;
    for (std::size_t from = 0; from <= list.size();) {
        const std::size_t comma = std::min(list.find(',', from), list.size());
        if (comma > from) zones.push_back(list.substr(from, comma - from));
        from = comma + 1;
    }
    if (zones.empty()) throw UsageError(command + ": --zones needs zone or group names");
    return zones;
}

std::string url_encode(const std::string& s) {
    static const char* hex = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : s) {
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    return out;
}

}  // namespace vc::cli
