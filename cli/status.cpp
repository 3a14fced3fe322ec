// villagecast status: what the running daemon airs now, what comes next, and its health.

#include <iostream>

#include "cli/commands.hpp"
#include "cli/daemon_client.hpp"
#include "control/control_client.hpp"

namespace vc::cli {

namespace {

std::string clock_text(std::int64_t ms) {
    std::int64_t s = ms / 1000;
    char buf[32];
    std::snprintf(buf, sizeof buf, "%lld:%02lld", static_cast<long long>(s / 60),
                  static_cast<long long>(s % 60));
    return buf;
}

std::string local_text(const nlohmann::json& t) {
    if (!t.is_string()) return "-";
    auto s = t.get<std::string>();
    // "2026-12-01T08:00:00.000+08:00" -> "2026-12-01 08:00:00"
    return s.size() >= 19 ? s.substr(0, 10) + " " + s.substr(11, 8) : s;
}

std::string what_of(const nlohmann::json& j) {
    auto playlist = j.value("playlist", "");
    return playlist.empty() ? "clip " + j.value("clip", "") : playlist;
}

}  // namespace

int run_status(const Args& args) {
    CommandLine line{"status", "[--format text|json] [--token TOKEN]",
                     "Asks the station's running daemon what airs now (with how far it is),\n"
                     "what comes next, how the last airing ended, the output's state, schedule\n"
                     "files it refused, and whether the as-run log is written. The daemon is\n"
                     "reached at [control] listen in station.toml with an operator's token\n"
                     "(--token, or $VILLAGECAST_TOKEN)."};
    line.options.add_options()("format", po::value<std::string>()->default_value("text"),
                               "text or json")(
        "token", po::value<std::string>()->value_name("TOKEN"), "an operator's token");
    line.examples = "  VILLAGECAST_TOKEN=... villagecast status -s /srv/yangshi\n";
    auto parsed = parse(line, args);
    if (parsed.help) return exit_ok;
    auto format = parsed.values["format"].as<std::string>();
    if (format != "text" && format != "json")
        throw UsageError("status: --format must be text or json");
    auto client = daemon_client(parsed);
    auto s = client.call(boost::beast::http::verb::get, "/api/status");
    if (format == "json") {
        std::cout << s.dump(2) << '\n';
        return exit_ok;
    }
    std::cout << s.value("station", "") << ": villagecast " << s.value("version", "") << ", up "
              << s.value("uptime_s", 0) / 3600 << "h " << s.value("uptime_s", 0) / 60 % 60
              << "m, at " << client.url() << '\n';
    if (s["on_air"].empty()) std::cout << "on air:   nothing\n";
    for (const auto& a : s["on_air"])
        std::cout << "on air:   " << a.value("broadcast", "")
                  << (a.value("zone", "").empty() ? "" : " in " + a.value("zone", "")) << " ("
                  << what_of(a) << ", " << a.value("priority", "") << ", " << a.value("trigger", "")
                  << ") " << clock_text(a.value("position_ms", 0)) << " of "
                  << clock_text(a.value("length_ms", 0)) << '\n';
    if (s["next"].is_object())
        std::cout << "next:     " << s["next"].value("broadcast", "") << " (" << what_of(s["next"])
                  << ", " << s["next"].value("priority", "") << ") at "
                  << local_text(s["next"]["scheduled"]) << '\n';
    else
        std::cout << "next:     nothing scheduled\n";
    if (s["last"].is_object()) {
        std::cout << "last:     " << s["last"].value("broadcast", "") << " "
                  << s["last"].value("status", "") << " at " << local_text(s["last"]["at"]);
        if (!s["last"].value("reason", "").empty())
            std::cout << " (" << s["last"].value("reason", "") << ")";
        std::cout << '\n';
    }
    const auto& out = s["output"];
    std::cout << "output:   " << out.value("name", "") << ", "
              << (out.value("open", false) ? "open" : "closed") << ", " << out.value("underruns", 0)
              << " underruns";
    if (!out.value("problem", "").empty()) std::cout << "; problem: " << out.value("problem", "");
    std::cout << '\n';
    for (const auto& f : s["failed_files"])
        std::cout << "refused:  " << f.value("message", f.value("file", "")) << '\n';
    const auto& log = s["log"];
    if (log.value("pending", 0) > 0)
        std::cout << "as-run log: " << log.value("pending", 0)
                  << " event(s) waiting to be written: " << log.value("error", "") << '\n';
    else
        std::cout << "as-run log: every event written\n";
    const auto& amp = s["amplifier"];
    if (amp.is_object() && !amp.value("state", "").empty()) {
        std::cout << "amplifier: " << amp.value("state", "");
        if (!amp.value("problem", "").empty()) std::cout << "; " << amp.value("problem", "");
        std::cout << '\n';
    }
    bool alarm = false;
    if (s.contains("health") && s["health"].is_object()) {
        const auto& h = s["health"];
        if (h["disk"]["free_bytes"].is_number())
            std::cout << "disk:     " << h["disk"]["free_bytes"].get<std::uint64_t>() / 1'000'000
                      << " MB free under " << h["disk"].value("folder", "") << '\n';
        if (h["clock"]["synchronised"].is_boolean())
            std::cout << "clock:    "
                      << (h["clock"]["synchronised"].get<bool>() ? "synchronised"
                                                                 : "NOT synchronised")
                      << '\n';
        for (const auto& a : h["alarms"]) {
            std::cout << "alarm:    " << a.get<std::string>() << '\n';
            alarm = true;
        }
    }
    bool problem = !out.value("problem", "").empty() || !s["failed_files"].empty() ||
                   log.value("pending", 0) > 0 || alarm ||
                   (amp.is_object() && !amp.value("problem", "").empty());
    return problem ? exit_problem : exit_ok;
}

}  // namespace vc::cli
