// villagecast broadcast: air a playlist or clip now through the running daemon, or add a
// one-shot at a date and time (schedule.d/console.toml), or remove one.

#include <iostream>

#include "cli/commands.hpp"
#include "cli/daemon_client.hpp"
#include "control/control_client.hpp"

namespace vc::cli {

int run_broadcast(const Args& args) {
    CommandLine line{
        "broadcast",
        "PLAYLIST | --clip ID [--priority P] [--zones LIST] [--at TIME [--late D]] | --remove ID",
        "Airs a playlist (or one clip) now through the station's running daemon, by the\n"
        "schedule's priority and conflict rules, and logs it with the operator's name.\n"
        "With --at it is added as a one-shot at that local date and time instead\n"
        "(schedule.d/console.toml: it survives a restart and shows in `plan`).\n"
        "--remove ID takes such a one-shot out again before it airs. Needs an\n"
        "operator's token (--token or $VILLAGECAST_TOKEN); emergency needs an admin."};
    line.options.add_options()("playlist", po::value<std::string>(), "the playlist's name")(
        "clip", po::value<std::string>()->value_name("ID"), "air one clip instead")(
        "priority", po::value<std::string>()->default_value("notice"),
        "emergency, urgent, notice, routine or background")(
        "at", po::value<std::string>()->value_name("TIME"),
        "a local date and time, e.g. 2026-12-01T08:00 or \"2026-12-01 08:00\"")(
        "late", po::value<std::string>()->value_name("D"),
        "with --at: how late it may still start (default 10m)")(
        "zones", po::value<std::string>()->value_name("LIST"),
        "only in these zones or groups, comma-separated (default: all)")(
        "remove", po::value<std::string>()->value_name("ID"), "remove a console one-shot")(
        "token", po::value<std::string>()->value_name("TOKEN"), "an operator's token");
    line.positional.add("playlist", 1);
    line.examples =
        "  villagecast broadcast meeting-call --priority urgent\n"
        "  villagecast broadcast --clip 通知/停水 --zones 李家村,east\n"
        "  villagecast broadcast --clip 通知/停水 --at 2026-12-01T08:00\n"
        "  villagecast broadcast --remove console-20261201-0800\n";
    auto parsed = parse(line, args);
    if (parsed.help) return exit_ok;
    namespace http = boost::beast::http;
    if (parsed.values.count("remove") != 0) {
        auto id = parsed.values["remove"].as<std::string>();
        auto client = daemon_client(parsed);
        client.call(http::verb::delete_, "/api/broadcast/" + url_encode(id));
        std::cout << "removed one-shot " << id << '\n';
        return exit_ok;
    }
    bool is_clip = parsed.values.count("clip") != 0;
    if (is_clip == (parsed.values.count("playlist") != 0))
        throw UsageError("broadcast: name a playlist or --clip ID (one of them)");
    nlohmann::json body;
    if (is_clip)
        body["clip"] = parsed.values["clip"].as<std::string>();
    else
        body["playlist"] = parsed.values["playlist"].as<std::string>();
    body["priority"] = parsed.values["priority"].as<std::string>();
    if (parsed.values.count("at") != 0) body["at"] = parsed.values["at"].as<std::string>();
    if (parsed.values.count("late") != 0) {
        if (parsed.values.count("at") == 0) throw UsageError("broadcast: --late goes with --at");
        body["late"] = parsed.values["late"].as<std::string>();
    }
    if (parsed.values.count("zones") != 0)
        body["zones"] = zone_list(parsed.values["zones"].as<std::string>(), "broadcast");
    auto client = daemon_client(parsed);
    auto r = client.call(http::verb::post, "/api/broadcast", body);
    if (body.contains("at"))
        std::cout << "added one-shot " << r.value("broadcast", "") << " at "
                  << r.value("scheduled", "") << '\n';
    else
        print_airing_now(r);
    return exit_ok;
}

}  // namespace vc::cli
