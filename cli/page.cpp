// villagecast page: speak live into the office PC's microphone through the running daemon
// until Enter (or --for), at a page's priority, in the chosen zones.

#include <poll.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <iostream>

#include "cli/commands.hpp"
#include "cli/daemon_client.hpp"
#include "control/control_client.hpp"
#include "core/duration.hpp"

namespace vc::cli {

namespace {

std::atomic<bool> interrupted{false};

extern "C" void on_interrupt(int) {
    interrupted = true;
}

/// Waits until Enter (or the end of standard input), Ctrl-C, or `limit` passes.
void wait_for_release(std::optional<Millis> limit) {
    const auto until = std::chrono::steady_clock::now() + limit.value_or(Millis::max() / 2);
    const bool input_open = !limit.has_value();
    while (!interrupted && std::chrono::steady_clock::now() < until) {
        if (!input_open) {
            ::usleep(100'000);
            continue;
        }
        pollfd fd{STDIN_FILENO, POLLIN, 0};
        if (::poll(&fd, 1, 100) > 0) {
            char c = 0;
            const auto n = ::read(STDIN_FILENO, &c, 1);
            if (n <= 0 || c == '\n') return;
        }
    }
}

}  // namespace

int run_page(const Args& args) {
    CommandLine line{
        "page", "[--priority P] [--zones LIST] [--for DURATION] | --end ID",
        "Pages live: the running daemon airs the station's microphone ([page] input in\n"
        "station.toml) now, in the chosen zones, at urgent priority unless told otherwise,\n"
        "until you press Enter (or Ctrl-C), --for has passed, or the station's page_max.\n"
        "It preempts what airs at a lower priority and waits behind an equal or higher one\n"
        "(it says what holds the line). The as-run log keeps the page with your name and its\n"
        "recording. --end ID ends a page started elsewhere. Needs an operator's token\n"
        "(--token or $VILLAGECAST_TOKEN); emergency needs an admin."};
    line.options.add_options()("priority", po::value<std::string>()->default_value("urgent"),
                               "emergency, urgent, notice, routine or background")(
        "zones", po::value<std::string>()->value_name("LIST"),
        "only in these zones or groups, comma-separated (default: all)")(
        "for", po::value<std::string>()->value_name("DURATION"),
        "end the page after this long (e.g. 30s) instead of waiting for Enter")(
        "end", po::value<std::string>()->value_name("ID"), "end a page that is on air")(
        "token", po::value<std::string>()->value_name("TOKEN"), "an operator's token");
    line.examples =
        "  villagecast page                       # speak, then press Enter\n"
        "  villagecast page --zones 李家村 --for 45s\n"
        "  villagecast page --end page-20261205T081500.000Z\n";
    auto parsed = parse(line, args);
    if (parsed.help) return exit_ok;
    namespace http = boost::beast::http;
    auto client = daemon_client(parsed);
    if (parsed.values.count("end") != 0) {
        const auto id = parsed.values["end"].as<std::string>();
        client.call(http::verb::delete_, "/api/page/" + url_encode(id));
        std::cout << "ended page " << id << '\n';
        return exit_ok;
    }
    std::optional<Millis> limit;
    if (parsed.values.count("for") != 0) {
        const auto text = parsed.values["for"].as<std::string>();
        limit = parse_duration(text);
        if (!limit || *limit <= Millis(0))
            throw UsageError("page: --for wants a duration like 30s or 2m, not \"" + text + "\"");
    }
    nlohmann::json body = {{"priority", parsed.values["priority"].as<std::string>()}};
    if (parsed.values.count("zones") != 0)
        body["zones"] = zone_list(parsed.values["zones"].as<std::string>(), "page");
    auto r = client.call(http::verb::post, "/api/page", body);
    const std::string id = r.value("page", "");
    if (r.value("on_air", false))
        std::cout << "on air as " << id << ": speak now; press Enter to end" << std::endl;
    else
        std::cout << "the line is busy (" << r.value("waits_for", std::string("a higher priority"))
                  << "): " << id << " goes on air when it ends; press Enter to give up"
                  << std::endl;
    std::signal(SIGINT, on_interrupt);
    std::signal(SIGTERM, on_interrupt);
    wait_for_release(limit);
    std::signal(SIGINT, SIG_DFL);
    std::signal(SIGTERM, SIG_DFL);
    try {
        client.call(http::verb::delete_, "/api/page/" + url_encode(id));
        std::cout << "page " << id << " ended" << '\n';
    } catch (const std::exception& e) {
        // page_max or a lost input may have ended it first; the log says how.
        std::cout << "page " << id << ": " << e.what() << '\n';
    }
    return exit_ok;
}

}  // namespace vc::cli
