#pragma once
// Running a program as a user would, for end-to-end tests.

#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace vc::test {

struct CommandResult {
    int exit_code = -1;  ///< the exit status, or 128 + signal
    std::string out;     ///< standard output
    std::string err;     ///< standard error
};

/// Runs `argv` (argv[0] a path) with extra environment variables, waits, and returns its exit
/// status and output. Throws std::runtime_error when it cannot be started.
CommandResult run_command(const std::vector<std::string>& argv,
                          const std::map<std::string, std::string>& env = {},
                          const std::filesystem::path& cwd = {});

/// The villagecast binary under test ($VILLAGECAST_BIN, set by ctest).
std::filesystem::path villagecast_bin();

/// Runs villagecast with these arguments.
CommandResult villagecast(const std::vector<std::string>& args,
                          const std::map<std::string, std::string>& env = {});

}  // namespace vc::test
