// villagecast stop: fade out what the running daemon airs now.

#include <iostream>

#include "cli/commands.hpp"
#include "cli/daemon_client.hpp"
#include "control/control_client.hpp"

namespace vc::cli {

int run_stop(const Args& args) {
    CommandLine line{"stop", "[--token TOKEN]",
                     "Fades out what the station's running daemon airs in the foreground over\n"
                     "half a second. It is logged as interrupted (stopped by the operator) and\n"
                     "does not air again. The daemon keeps running; to end it, stop its service\n"
                     "(SIGTERM). Needs an operator's token (--token or $VILLAGECAST_TOKEN)."};
    line.options.add_options()("token", po::value<std::string>()->value_name("TOKEN"),
                               "an operator's token");
    auto parsed = parse(line, args);
    if (parsed.help) return exit_ok;
    auto client = daemon_client(parsed);
    auto r = client.call(boost::beast::http::verb::post, "/api/stop", nlohmann::json::object());
    std::cout << (r.value("stopped", false) ? "stopped what was airing\n" : "nothing was airing\n");
    return exit_ok;
}

}  // namespace vc::cli
