#include "cli/daemon_client.hpp"

namespace vc::cli {

control::ControlClient daemon_client(const Parsed& parsed) {
    std::string token =
        parsed.values.count("token") != 0 ? parsed.values["token"].as<std::string>() : "";
    return control::ControlClient(parsed.station, control::token_from(token));
}

}  // namespace vc::cli
