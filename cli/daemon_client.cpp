#include "cli/daemon_client.hpp"

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

}  // namespace vc::cli
