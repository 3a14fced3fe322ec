#pragma once
// The command line: one binary, one subcommand per file in daemon/commands/.

#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <date/tz.h>
#include <boost/program_options.hpp>

#include "library/library.hpp"

namespace vc::cli {

namespace po = boost::program_options;

/// A wrong argument: printed as one line, exit code 2.
class UsageError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

/// Exit codes shared by every subcommand.
enum ExitCode : int { exit_ok = 0, exit_problem = 1, exit_usage = 2 };

using Args = std::vector<std::string>;

struct Command {
    std::string_view name;
    std::string_view summary;
    int (*run)(const Args& args);
};

/// What a subcommand declares about itself, for parsing and --help.
struct CommandLine {
    CommandLine(std::string name_, std::string synopsis_, std::string description_)
        : name(std::move(name_)),
          synopsis(std::move(synopsis_)),
          description(std::move(description_)) {}
    std::string name;         ///< "render"
    std::string synopsis;     ///< "PLAYLIST -o FILE"
    std::string description;  ///< a paragraph for --help
    po::options_description options{"Options"};
    po::positional_options_description positional;
    std::string examples;  ///< lines shown under "Examples:"
};

/// The result of parsing: the values, and the station folder (--station, then
/// $VILLAGECAST_STATION, then the current folder).
struct Parsed {
    po::variables_map values;
    std::filesystem::path station;
    bool help = false;  ///< --help was given and printed: the command returns exit_ok
};

/// Adds --help and --station to `line.options`, parses `args`. Throws UsageError.
Parsed parse(CommandLine& line, const Args& args);

/// The station folder chosen for this run, as an absolute path.
std::filesystem::path resolve_station(const po::variables_map& values);

/// True when standard output is a terminal (progress lines, colours).
bool stdout_is_terminal();

/// A progress line on stderr while clips are analysed, when standard output is a terminal;
/// none otherwise.
library::Library::Progress terminal_progress();

/// Parses "YYYY-MM-DD"; throws UsageError naming `option` otherwise.
date::local_days parse_date_option(const std::string& text, const std::string& option);

/// Today's date in the station's time zone, read from the system clock (the edge).
date::local_days today_in(const date::time_zone* zone);

}  // namespace vc::cli
