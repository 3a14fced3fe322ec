#pragma once
// A program started in the background for end-to-end tests: a daemon the test signals, kills
// and restarts while it runs, with its standard output and error kept in files.

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace vc::test {

/// One child process. The test's thread only. Destroying a child that still runs kills it
/// with SIGKILL and reaps it, so a failed test leaves nothing behind.
class ChildProcess {
  public:
    /// Starts `argv` (argv[0] a path or a name on PATH) with these extra environment variables,
    /// standard input from /dev/null and standard output and error into files in `log_dir`
    /// (the system's temporary folder when empty). Throws std::runtime_error when fork fails.
    ChildProcess(const std::vector<std::string>& argv,
                 const std::map<std::string, std::string>& env = {},
                 const std::filesystem::path& log_dir = {});
    ~ChildProcess();
    ChildProcess(const ChildProcess&) = delete;
    ChildProcess& operator=(const ChildProcess&) = delete;

    [[nodiscard]] pid_t pid() const { return pid_; }
    /// Sends `sig` to the child (nothing once it has been reaped).
    void signal(int sig) const;
    /// True while the child has not exited.
    [[nodiscard]] bool running();
    /// Waits up to `timeout` for the child to exit; its exit status (128 + signal when a signal
    /// ended it), or nullopt when it still runs.
    std::optional<int> wait_for_exit(std::chrono::milliseconds timeout);
    /// The exit status once the child has exited.
    [[nodiscard]] std::optional<int> exit_code() const { return exit_code_; }
    /// Everything the child wrote so far.
    [[nodiscard]] std::string out() const;
    [[nodiscard]] std::string err() const;
    /// Waits up to `timeout` until the child's standard error contains `text`.
    bool wait_for_err(const std::string& text, std::chrono::milliseconds timeout);

  private:
    void reap(bool block);

    pid_t pid_ = -1;
    std::optional<int> exit_code_;
    std::filesystem::path out_path_;
    std::filesystem::path err_path_;
};

/// A line of /proc/PID/status ("VmRSS", "VmHWM") in kB; -1 when it cannot be read.
long status_kb(pid_t pid, const std::string& key);

}  // namespace vc::test
