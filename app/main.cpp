// villagecast: a broadcast announcement scheduler for village loudspeaker systems.

#include <iostream>
#include <string>

#include "app/commands.hpp"
#include "cli/cli.hpp"
#include "core/diagnostic.hpp"

namespace {

void print_help() {
    std::cout << "Usage: villagecast COMMAND [OPTIONS]\n\n"
                 "Plays a township's scheduled announcements through the village loudspeakers\n"
                 "and keeps an as-run log of what aired.\n\nCommands:\n";
    std::size_t width = 0;
    for (const auto& c : vc::app::commands()) width = std::max(width, c.name.size());
    for (const auto& c : vc::app::commands())
        std::cout << "  " << c.name << std::string(width - c.name.size() + 2, ' ') << c.summary
                  << '\n';
    std::cout
        << "\nEvery command takes --station DIR (-s); default $VILLAGECAST_STATION, then the\n"
           "current folder. `villagecast COMMAND --help` explains a command.\n";
}

}  // namespace

int main(int argc, char** argv) {
    using namespace vc::cli;
    using vc::app::commands;
    std::ios::sync_with_stdio(false);  // only std::cout writes to stdout
    if (argc < 2) {
        print_help();
        return exit_usage;
    }
    std::string name = argv[1];
    if (name == "--help" || name == "-h" || name == "help") {
        print_help();
        return exit_ok;
    }
    if (name == "--version" || name == "version") {
        std::cout << "villagecast " << VILLAGECAST_VERSION << '\n';
        return exit_ok;
    }
    Args args(argv + 2, argv + argc);
    if (name == "espeak-worker") return vc::app::run_espeak_worker(args);
    for (const auto& c : commands()) {
        if (c.name != name) continue;
        try {
            return c.run(args);
        } catch (const UsageError& e) {
            std::cerr << "villagecast " << e.what() << '\n';
            return exit_usage;
        } catch (const vc::DiagnosticError& e) {
            std::cerr << e.what() << '\n';
            return exit_problem;
        } catch (const std::exception& e) {
            std::cerr << "villagecast " << name << ": " << e.what() << '\n';
            return exit_problem;
        }
    }
    std::cerr << "villagecast: unknown command '" << name << "' (see villagecast --help)\n";
    return exit_usage;
}
