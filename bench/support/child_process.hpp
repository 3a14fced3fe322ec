#pragma once
// Child processes of the benchmarks, and what /proc and wait4 say about them.

#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace vc::bench {

/// Forks. The child sends its standard output and error into `out` and `err`, reads standard
/// input from /dev/null, runs `body` and exits with what it returns (1 when it throws, after
/// printing why on its standard error). This process's buffered output is flushed first, so
/// that the child does not write it again. Returns the child's pid. Throws std::runtime_error
/// when fork fails.
pid_t fork_child(const std::function<int()>& body, const std::filesystem::path& out,
                 const std::filesystem::path& err);

/// A body for fork_child that runs the program `argv` (`argv[0]` is its path), or returns 127
/// when it cannot.
std::function<int()> exec_body(std::vector<std::string> argv);

/// The same for a program: `argv[0]` is its path. The child exits 127 when it cannot run it.
pid_t spawn(const std::vector<std::string>& argv, const std::filesystem::path& out,
            const std::filesystem::path& err);

/// Waits for `pid`: its exit status, or 128 + the signal that ended it.
int wait_exit(pid_t pid);

/// What wait4 tells of a child that ended.
struct Usage {
    int status = -1;         ///< as wait_exit gives it
    double megabytes = 0;    ///< peak resident memory
    double cpu_seconds = 0;  ///< user + system
};
/// Waits for `pid` with wait4. Throws std::runtime_error when wait4 fails.
Usage wait_usage(pid_t pid);

/// A whole file's bytes; empty when it cannot be read.
std::string read_file(const std::filesystem::path& file);

/// CPU time of every thread of `pid` so far: from the scheduler's nanosecond counters
/// (/proc/PID/task/*/schedstat), or from utime+stime ticks when those are missing.
std::chrono::nanoseconds cpu_time(pid_t pid);

/// Share of one core `pid` uses over `window` from now (sleeps that long).
double cpu_share(pid_t pid, std::chrono::seconds window);

/// A "kB" figure of /proc/PID/status (VmRSS, VmHWM), or -1 when it is not there.
std::int64_t status_kb(pid_t pid, const std::string& key);

}  // namespace vc::bench
