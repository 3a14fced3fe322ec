#pragma once
// Outside programs the daemon runs around the audio (amplifier on and off): without a shell,
// with a time limit, never on the audio path. The real-time run waits for them on a thread of
// their own and hands the result back to the loop; the simulated run waits for them in place,
// so that simulated time stands still while they run.

#include <atomic>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "core/duration.hpp"

namespace vc::os {

/// How a command ended.
struct CommandResult {
    int exit_status = -1;    ///< its exit status, or -1 when it did not exit by itself
    int signal = 0;          ///< the signal that ended it, or 0
    bool timed_out = false;  ///< it was killed after the time limit
    std::string error;       ///< it could not be started (and why), or ""
    Millis took{0};

    [[nodiscard]] bool ok() const { return error.empty() && !timed_out && exit_status == 0; }
    /// "exit 0 after 12 ms", "killed after 10s (time limit)", "cannot start: No such file ...".
    [[nodiscard]] std::string describe() const;
};

/// Runs `argv` (argv[0] an absolute path; no shell) with the daemon's environment plus `env`
/// ("NAME=value" each), its output going to the daemon's stderr, and waits for it at most
/// `timeout` before killing it. Blocks: call it off the loop thread (or in simulated time).
CommandResult run_command(const std::vector<std::string>& argv, const std::vector<std::string>& env,
                          Millis timeout);

/// "/usr/local/bin/amp on": a command line for messages.
std::string command_text(const std::vector<std::string>& argv);

/// Starts commands for the service. `done` is called on the loop thread.
class CommandLauncher {
  public:
    virtual ~CommandLauncher() = default;
    virtual void launch(std::vector<std::string> argv, std::vector<std::string> env, Millis timeout,
                        std::function<void(const CommandResult&)> done) = 0;
};

/// Runs each command to its end before returning (simulated time, tests).
class InlineCommandLauncher final : public CommandLauncher {
  public:
    void launch(std::vector<std::string> argv, std::vector<std::string> env, Millis timeout,
                std::function<void(const CommandResult&)> done) override;
};

/// Runs each command on a thread of its own; `post` hands `done` to the loop thread. The
/// destructor waits for commands still running (each is bounded by its time limit).
class ThreadCommandLauncher final : public CommandLauncher {
  public:
    using Post = std::function<void(std::function<void()>)>;
    explicit ThreadCommandLauncher(Post post) : post_(std::move(post)) {}
    ~ThreadCommandLauncher() override;
    ThreadCommandLauncher(const ThreadCommandLauncher&) = delete;
    ThreadCommandLauncher& operator=(const ThreadCommandLauncher&) = delete;

    void launch(std::vector<std::string> argv, std::vector<std::string> env, Millis timeout,
                std::function<void(const CommandResult&)> done) override;

  private:
    struct Running {
        std::shared_ptr<std::atomic<bool>> finished;
        std::jthread thread;
    };
    Post post_;
    std::vector<Running> running_;
};

}  // namespace vc::os
