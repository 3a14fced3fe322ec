#pragma once
// The commands that talk to a station's running daemon (status, broadcast, stop, reload, play)
// reach it the same way.

#include "cli/cli.hpp"
#include "control/control_client.hpp"

namespace vc::cli {

/// A client of the station's running daemon, with the token of --token or $VILLAGECAST_TOKEN.
/// Throws UserError when there is no token or the station's console is off.
control::ControlClient daemon_client(const Parsed& parsed);

/// The zone and group names of a comma-separated --zones list. Throws UsageError naming
/// `command` when it holds none.
std::vector<std::string> zone_list(const std::string& list, const std::string& command);

/// `s` percent-encoded for a path segment.
std::string url_encode(const std::string& s);

/// Prints what the daemon answered to "air this now" (POST /api/broadcast without `at`).
void print_airing_now(const nlohmann::json& reply);

}  // namespace vc::cli
