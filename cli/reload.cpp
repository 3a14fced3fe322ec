// villagecast reload: the running daemon reads the station's files again.

#include <iostream>

#include "cli/commands.hpp"
#include "cli/daemon_client.hpp"
#include "control/control_client.hpp"

namespace vc::cli {

int run_reload(const Args& args) {
    CommandLine line{"reload", "[--token TOKEN]",
                     "Makes the station's running daemon read station.toml, the playlists,\n"
                     "calendars and schedule files again (as SIGHUP does), and prints each file\n"
                     "and whether it was taken. A file with an error keeps its last good\n"
                     "version; exit status 1 then. Needs an operator's token."};
    line.options.add_options()("token", po::value<std::string>()->value_name("TOKEN"),
                               "an operator's token");
    auto parsed = parse(line, args);
    if (parsed.help) return exit_ok;
    auto client = daemon_client(parsed);
    auto r = client.call(boost::beast::http::verb::post, "/api/reload", nlohmann::json::object());
    bool refused = false;
    for (const auto& f : r["files"]) {
        bool taken = f.value("taken", false);
        refused = refused || !taken;
        std::cout << f.value("file", "") << ": " << (taken ? "taken" : "refused");
        if (!f.value("note", "").empty()) std::cout << " (" << f.value("note", "") << ")";
        std::cout << '\n';
    }
    return refused ? exit_problem : exit_ok;
}

}  // namespace vc::cli
