#include "tests/support/child_process.hpp"

#include "tests/support/fixtures.hpp"

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

#include <sys/wait.h>
#include <unistd.h>

namespace vc::test {

namespace {

int status_code(int status) {
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

}  // namespace

ChildProcess::ChildProcess(const std::vector<std::string>& argv,
                           const std::map<std::string, std::string>& env,
                           const std::filesystem::path& log_dir) {
    static int counter = 0;
    auto dir = log_dir.empty() ? std::filesystem::temp_directory_path() : log_dir;
    std::filesystem::create_directories(dir);
    auto base = dir / ("child-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    out_path_ = base.string() + ".out";
    err_path_ = base.string() + ".err";
    // Everything the child needs is prepared before fork: it only calls async-signal-safe
    // functions and setenv/freopen before exec.
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    // Or the child's freopen would write the parent's buffered output out a second time.
    std::fflush(nullptr);
    pid_ = ::fork();
    if (pid_ < 0) throw std::runtime_error(std::string("fork failed: ") + std::strerror(errno));
    if (pid_ == 0) {
        for (const auto& [k, v] : env) ::setenv(k.c_str(), v.c_str(), 1);
        if (!std::freopen(out_path_.c_str(), "w", stdout)) ::_exit(126);
        if (!std::freopen(err_path_.c_str(), "w", stderr)) ::_exit(126);
        if (!std::freopen("/dev/null", "r", stdin)) ::_exit(126);
        ::execvp(args[0], args.data());
        std::fprintf(stderr, "cannot run %s: %s\n", args[0], std::strerror(errno));
        ::_exit(127);
    }
}

ChildProcess::~ChildProcess() {
    if (pid_ > 0 && !exit_code_) {
        ::kill(pid_, SIGKILL);
        reap(true);
    }
    std::error_code ec;
    std::filesystem::remove(out_path_, ec);
    std::filesystem::remove(err_path_, ec);
}

void ChildProcess::reap(bool block) {
    if (pid_ <= 0 || exit_code_) return;
    int status = 0;
    pid_t r;
    do {
        r = ::waitpid(pid_, &status, block ? 0 : WNOHANG);
    } while (r < 0 && errno == EINTR);
    if (r == pid_) exit_code_ = status_code(status);
}

void ChildProcess::signal(int sig) const {
    if (pid_ > 0 && !exit_code_) ::kill(pid_, sig);
}

bool ChildProcess::running() {
    reap(false);
    return pid_ > 0 && !exit_code_;
}

std::optional<int> ChildProcess::wait_for_exit(std::chrono::milliseconds timeout) {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    while (true) {
        reap(false);
        if (exit_code_ || std::chrono::steady_clock::now() >= deadline) return exit_code_;
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
}

std::string ChildProcess::out() const {
    return read_bytes(out_path_);
}

std::string ChildProcess::err() const {
    return read_bytes(err_path_);
}

bool ChildProcess::wait_for_err(const std::string& text, std::chrono::milliseconds timeout) {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    while (true) {
        if (err().find(text) != std::string::npos) return true;
        if (!running() || std::chrono::steady_clock::now() >= deadline)
            return err().find(text) != std::string::npos;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
}

long status_kb(pid_t pid, const std::string& key) {
    std::ifstream status("/proc/" + std::to_string(pid) + "/status");
    for (std::string line; std::getline(status, line);)
        if (line.rfind(key + ":", 0) == 0) return std::stol(line.substr(key.size() + 1));
    return -1;
}

}  // namespace vc::test
