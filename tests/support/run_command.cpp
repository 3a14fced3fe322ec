#include "tests/support/run_command.hpp"

#include "tests/support/fixtures.hpp"

#include <cstdlib>
#include <cstring>
#include <stdexcept>

#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace vc::test {

CommandResult run_command(const std::vector<std::string>& argv,
                          const std::map<std::string, std::string>& env,
                          const std::filesystem::path& cwd) {
    static int counter = 0;
    auto base = std::filesystem::temp_directory_path() /
                ("vc-cmd-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    auto out_path = base.string() + ".out";
    auto err_path = base.string() + ".err";
    pid_t pid = ::fork();
    if (pid < 0) throw std::runtime_error("fork failed");
    if (pid == 0) {
        for (const auto& [k, v] : env) ::setenv(k.c_str(), v.c_str(), 1);
        if (!cwd.empty() && ::chdir(cwd.c_str()) != 0) ::_exit(126);
        if (!std::freopen(out_path.c_str(), "w", stdout)) ::_exit(126);
        if (!std::freopen(err_path.c_str(), "w", stderr)) ::_exit(126);
        if (!std::freopen("/dev/null", "r", stdin)) ::_exit(126);
        std::vector<char*> args;
        for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
        args.push_back(nullptr);
        ::execvp(args[0], args.data());
        std::fprintf(stderr, "cannot run %s: %s\n", args[0], std::strerror(errno));
        ::_exit(127);
    }
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    CommandResult r;
    r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    r.out = read_bytes(out_path);
    r.err = read_bytes(err_path);
    std::filesystem::remove(out_path);
    std::filesystem::remove(err_path);
    return r;
}

std::filesystem::path villagecast_bin() {
    if (const char* p = std::getenv("VILLAGECAST_BIN"); p && *p) return p;
    return std::filesystem::path(VC_BINARY_DIR) / "app" / "villagecast";
}

CommandResult villagecast(const std::vector<std::string>& args,
                          const std::map<std::string, std::string>& env) {
    std::vector<std::string> argv{villagecast_bin().string()};
    argv.insert(argv.end(), args.begin(), args.end());
    return run_command(argv, env);
}

}  // namespace vc::test
