#include "speech/child_program.hpp"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <thread>

#include "core/diagnostic.hpp"

extern char** environ;

namespace vc::speech {

ScratchFolder::ScratchFolder(const std::string& for_whom) {
    const char* tmp = std::getenv("TMPDIR");
    std::string pattern = std::string(tmp && *tmp ? tmp : "/tmp") + "/villagecast-tts.XXXXXX";
    if (::mkdtemp(pattern.data()) == nullptr)
        throw UserError("cannot make a scratch folder for " + for_whom + " in " +
                        pattern.substr(0, pattern.rfind('/')) + ": " + std::strerror(errno));
    path_ = pattern;
}

ScratchFolder::~ScratchFolder() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
}

std::string tail_of(const std::filesystem::path& file, std::size_t most) {
    std::ifstream in(file, std::ios::binary);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (text.size() > most) text = "…" + text.substr(text.size() - most);
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.pop_back();
    return text;
}

namespace {

/// Spawns the program with its input and messages; returns its pid.
pid_t spawn(const ProgramRun& run) {
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, run.input.c_str(), O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 1, run.messages.c_str(),
                                     O_WRONLY | O_CREAT | O_TRUNC, 0600);
    posix_spawn_file_actions_adddup2(&actions, 1, 2);
    std::vector<char*> args;
    for (const auto& a : run.argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    pid_t pid = 0;
    const int rc = ::posix_spawnp(&pid, args[0], &actions, nullptr, args.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (rc != 0)
        throw UserError(
            run.what + " `" + run.argv[0] + "` cannot start: " + std::strerror(rc) +
            (rc == ENOENT ? " (no such program: install it, or give its full path)" : ""));
    return pid;
}

}  // namespace

void run_program(const ProgramRun& run) {
    if (run.argv.empty()) throw UserError(run.what + " is empty");
    const pid_t pid = spawn(run);
    const auto deadline = std::chrono::steady_clock::now() + run.timeout;
    int status = 0;
    while (true) {
        const pid_t r = ::waitpid(pid, &status, WNOHANG);
        if (r == pid) break;
        if (r < 0 && errno != EINTR)
            throw UserError("waiting for " + run.what +
                            " failed: " + std::string(std::strerror(errno)));
        if (std::chrono::steady_clock::now() > deadline) {
            ::kill(pid, SIGKILL);
            ::waitpid(pid, &status, 0);
            throw UserError(run.what + " `" + run.shown + "` ran longer than " +
                            std::to_string(run.timeout.count() / 1000) + " s" + run.timeout_note +
                            " and was stopped");
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        const std::string why = WIFEXITED(status)
                                    ? "exited with status " + std::to_string(WEXITSTATUS(status))
                                    : "was killed by signal " + std::to_string(WTERMSIG(status));
        const std::string said = tail_of(run.messages, 400);
        throw UserError(run.what + " `" + run.shown + "` " + why +
                        (said.empty() ? "" : ": " + said));
    }
}

}  // namespace vc::speech
