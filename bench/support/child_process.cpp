#include "bench/support/child_process.hpp"

#include <fcntl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <stdexcept>
#include <thread>

namespace fs = std::filesystem;

namespace vc::bench {

namespace {

int status_code(int status) {
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

/// In the child: standard output and error into the files, standard input from /dev/null.
void redirect(const fs::path& out, const fs::path& err) {
    const int o = ::open(out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    const int e = ::open(err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    const int i = ::open("/dev/null", O_RDONLY);
    if (o < 0 || e < 0 || i < 0) ::_exit(126);
    ::dup2(o, 1);
    ::dup2(e, 2);
    ::dup2(i, 0);
    ::close(o);
    ::close(e);
    ::close(i);
}

}  // namespace

pid_t fork_child(const std::function<int()>& body, const fs::path& out, const fs::path& err) {
    std::cout.flush();
    std::fflush(nullptr);
    const pid_t pid = ::fork();
    if (pid < 0) throw std::runtime_error("fork failed");
    if (pid == 0) {
        redirect(out, err);
        int code = 1;
        try {
            code = body();
        } catch (const std::exception& e) {
            std::fprintf(stderr, "%s\n", e.what());
        }
        std::cout.flush();
        std::fflush(nullptr);
        ::_exit(code);
    }
    return pid;
}

std::function<int()> exec_body(std::vector<std::string> argv) {
    return [argv = std::move(argv)] {
        std::vector<char*> args;
        for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
        args.push_back(nullptr);
        ::execv(args[0], args.data());
        return 127;
    };
}

pid_t spawn(const std::vector<std::string>& argv, const fs::path& out, const fs::path& err) {
    return fork_child(exec_body(argv), out, err);
}

int wait_exit(pid_t pid) {
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    return status_code(status);
}

Usage wait_usage(pid_t pid) {
    int status = 0;
    rusage usage{};
    if (::wait4(pid, &status, 0, &usage) < 0) throw std::runtime_error("wait4 failed");
    auto seconds = [](const timeval& tv) {
        return static_cast<double>(tv.tv_sec) + static_cast<double>(tv.tv_usec) / 1e6;
    };
    Usage u;
    u.status = status_code(status);
    u.megabytes = static_cast<double>(usage.ru_maxrss) / 1024.0;  // ru_maxrss is in KiB
    u.cpu_seconds = seconds(usage.ru_utime) + seconds(usage.ru_stime);
    return u;
}

std::string read_file(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

std::chrono::nanoseconds cpu_time(pid_t pid) {
    std::int64_t ns = 0;
    bool any = false;
    std::error_code ec;
    for (const auto& task :
         fs::directory_iterator(fs::path("/proc") / std::to_string(pid) / "task", ec)) {
        std::ifstream in(task.path() / "schedstat");
        std::int64_t run = 0;
        if (in >> run) {
            ns += run;
            any = true;
        }
    }
    if (any) return std::chrono::nanoseconds(ns);
    std::string stat = read_file(fs::path("/proc") / std::to_string(pid) / "stat");
    std::istringstream fields(stat.substr(stat.rfind(')') + 2));
    std::string f;
    std::int64_t utime = 0, stime = 0;
    for (int i = 3; i <= 15 && fields >> f; ++i) {
        if (i == 14) utime = std::stoll(f);
        if (i == 15) stime = std::stoll(f);
    }
    return std::chrono::nanoseconds((utime + stime) * 1'000'000'000 / ::sysconf(_SC_CLK_TCK));
}

double cpu_share(pid_t pid, std::chrono::seconds window) {
    using Steady = std::chrono::steady_clock;
    const auto c0 = cpu_time(pid);
    const auto t0 = Steady::now();
    std::this_thread::sleep_for(window);
    const auto c1 = cpu_time(pid);
    const auto t1 = Steady::now();
    return std::chrono::duration<double>(c1 - c0).count() /
           std::chrono::duration<double>(t1 - t0).count();
}

std::int64_t status_kb(pid_t pid, const std::string& key) {
    std::ifstream in(fs::path("/proc") / std::to_string(pid) / "status");
    std::string line;
    while (std::getline(in, line))
        if (line.rfind(key + ":", 0) == 0) return std::stoll(line.substr(key.size() + 1));
    return -1;
}

}  // namespace vc::bench
