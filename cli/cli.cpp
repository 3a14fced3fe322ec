#include "cli/cli.hpp"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <iostream>

#include <unistd.h>

#include "scheduler/date_text.hpp"
#include "station/schedule_wiring.hpp"

namespace vc::cli {

std::filesystem::path resolve_station(const po::variables_map& values) {
    std::filesystem::path dir;
    if (values.count("station") != 0) {
        dir = values["station"].as<std::string>();
    } else if (const char* env = std::getenv("VILLAGECAST_STATION"); env && *env) {
        dir = env;
    } else {
        dir = std::filesystem::current_path();
    }
    return std::filesystem::absolute(dir).lexically_normal();
}

Parsed parse(CommandLine& line, const Args& args) {
    line.options.add_options()("station,s", po::value<std::string>()->value_name("DIR"),
                               "the station folder (default: $VILLAGECAST_STATION, then the "
                               "current folder)")("help,h", "show this help");
    Parsed out;
    try {
        auto parsed = po::command_line_parser(args)
                          .options(line.options)
                          .positional(line.positional)
                          .style(po::command_line_style::unix_style)
                          .run();
        po::store(parsed, out.values);
        if (out.values.count("help") != 0) {
            std::cout << "Usage: villagecast " << line.name << ' ' << line.synopsis << "\n\n"
                      << line.description << "\n\n"
                      << line.options;
            if (!line.examples.empty()) std::cout << "\nExamples:\n" << line.examples;
            out.help = true;
            return out;
        }
        po::notify(out.values);
    } catch (const po::error& e) {
        throw UsageError(line.name + ": " + e.what() + " (see villagecast " + line.name +
                         " --help)");
    }
    out.station = resolve_station(out.values);
    return out;
}

bool stdout_is_terminal() {
    return ::isatty(STDOUT_FILENO) == 1;
}

library::Library::Progress terminal_progress() {
    if (!stdout_is_terminal()) return {};
    return [](std::size_t done, std::size_t total, const std::string& id) {
        std::fprintf(stderr, "\ranalysing clip %zu/%zu %s\033[K", done, total, id.c_str());
        if (done == total) std::fprintf(stderr, "\r\033[K");
        std::fflush(stderr);
    };
}

date::local_days parse_date_option(const std::string& text, const std::string& option) {
    if (auto day = scheduler::parse_date(text)) return *day;
    throw UsageError(option + " must be a date like 2026-12-01, not '" + text + "'");
}

date::local_days today_in(const date::time_zone* zone) {
    return station::today_in(zone, std::chrono::time_point_cast<std::chrono::milliseconds>(
                                       std::chrono::system_clock::now()));
}

}  // namespace vc::cli
