#include "os/command_runner.hpp"

#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstring>

extern char** environ;

namespace vc::os {

std::string CommandResult::describe() const {
    if (!error.empty()) return "cannot start: " + error;
    if (timed_out) return "killed after " + format_duration(took) + " (time limit)";
    if (signal != 0) return "ended by signal " + std::to_string(signal);
    return "exit " + std::to_string(exit_status) + " after " + std::to_string(took.count()) + " ms";
}

std::string command_text(const std::vector<std::string>& argv) {
    std::string out;
    for (const auto& a : argv) {
        if (!out.empty()) out += ' ';
        out += a;
    }
    return out;
}

CommandResult run_command(const std::vector<std::string>& argv, const std::vector<std::string>& env,
                          Millis timeout) {
    CommandResult r;
    if (argv.empty()) {
        r.error = "no command";
        return r;
    }
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    std::vector<std::string> env_strings;
    for (char** e = environ; e && *e; ++e) env_strings.emplace_back(*e);
    env_strings.insert(env_strings.end(), env.begin(), env.end());
    std::vector<char*> envp;
    for (auto& e : env_strings) envp.push_back(e.data());
    envp.push_back(nullptr);

    auto begin = std::chrono::steady_clock::now();
    pid_t pid = 0;
    if (int err = posix_spawn(&pid, args[0], nullptr, nullptr, args.data(), envp.data());
        err != 0) {
        r.error = std::string(std::strerror(err)) + " (" + argv[0] + ")";
        return r;
    }
    auto deadline = begin + timeout;
    int status = 0;
    while (true) {
        pid_t got = waitpid(pid, &status, WNOHANG);
        if (got == pid) break;
        if (got < 0 && errno != EINTR) {
            r.error = std::string("waitpid: ") + std::strerror(errno);
            return r;
        }
        if (std::chrono::steady_clock::now() >= deadline) {
            kill(pid, SIGKILL);
            waitpid(pid, &status, 0);
            r.timed_out = true;
            break;
        }
        // Only while a command runs, and only on its own thread.
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    r.took = std::chrono::duration_cast<Millis>(std::chrono::steady_clock::now() - begin);
    if (r.timed_out) return r;
    if (WIFEXITED(status)) r.exit_status = WEXITSTATUS(status);
    if (WIFSIGNALED(status)) r.signal = WTERMSIG(status);
    return r;
}

void InlineCommandLauncher::launch(std::vector<std::string> argv, std::vector<std::string> env,
                                   Millis timeout, std::function<void(const CommandResult&)> done) {
    done(run_command(argv, env, timeout));
}

ThreadCommandLauncher::~ThreadCommandLauncher() = default;  // jthreads join

void ThreadCommandLauncher::launch(std::vector<std::string> argv, std::vector<std::string> env,
                                   Millis timeout, std::function<void(const CommandResult&)> done) {
    // Finished threads are joined as new ones start, so the list stays short.
    std::erase_if(running_, [](const Running& r) { return r.finished->load(); });
    auto finished = std::make_shared<std::atomic<bool>>(false);
    std::jthread thread([this, finished, argv = std::move(argv), env = std::move(env), timeout,
                         done = std::move(done)] {
        CommandResult r = run_command(argv, env, timeout);
        post_([done, r] { done(r); });
        finished->store(true);
    });
    running_.push_back(Running{std::move(finished), std::move(thread)});
}

}  // namespace vc::os
