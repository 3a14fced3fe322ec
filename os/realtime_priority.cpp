#include "os/realtime_priority.hpp"

#include <pthread.h>
#include <sched.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cstdint>
#include <cstring>
#include <memory>

#include <systemd/sd-bus.h>

namespace vc::os {

namespace {

/// Microseconds of CPU a real-time thread may use without blocking before the kernel signals
/// it (a feeder blocks on the sound card every few milliseconds; rtkit asks for such a limit).
constexpr rlim_t rt_time_limit_us = 200'000;

void limit_rt_time() {
    rlimit limit{};
    if (getrlimit(RLIMIT_RTTIME, &limit) != 0) return;
    if (limit.rlim_max != RLIM_INFINITY && limit.rlim_max < rt_time_limit_us) return;
    limit.rlim_cur = rt_time_limit_us;
    if (limit.rlim_max == RLIM_INFINITY) limit.rlim_max = rt_time_limit_us;
    setrlimit(RLIMIT_RTTIME, &limit);
}

/// 0 on success, else the error number.
int set_fifo(int priority) {
    sched_param param{};
    param.sched_priority = priority;
    return pthread_setschedparam(pthread_self(), SCHED_FIFO | SCHED_RESET_ON_FORK, &param);
}

/// rtkit's answer: empty on success, else its error.
std::string ask_rtkit(int priority) {
    sd_bus* raw = nullptr;
    if (const int r = sd_bus_open_system(&raw); r < 0)
        return std::string("no system bus (") + std::strerror(-r) + ")";
    std::unique_ptr<sd_bus, decltype(&sd_bus_flush_close_unref)> bus(raw, sd_bus_flush_close_unref);
    sd_bus_error error = SD_BUS_ERROR_NULL;
    sd_bus_message* reply = nullptr;
    const auto tid = static_cast<std::uint64_t>(syscall(SYS_gettid));
    const int r = sd_bus_call_method(bus.get(), "org.freedesktop.RealtimeKit1",
                                     "/org/freedesktop/RealtimeKit1",
                                     "org.freedesktop.RealtimeKit1", "MakeThreadRealtime", &error,
                                     &reply, "tu", tid, static_cast<std::uint32_t>(priority));
    std::string why;
    if (r < 0) why = error.message ? error.message : std::strerror(-r);
    sd_bus_error_free(&error);
    sd_bus_message_unref(reply);
    return why;
}

}  // namespace

RealtimeResult make_thread_realtime(int priority) {
    limit_rt_time();
    const std::string level = "SCHED_FIFO priority " + std::to_string(priority);
    const int direct_error = set_fifo(priority);
    if (direct_error == 0) return {true, level};
    const std::string rtkit = ask_rtkit(priority);
    if (rtkit.empty()) return {true, level + " (rtkit)"};
    return {false, "normal priority: " + level + " was refused (" + std::strerror(direct_error) +
                       "; rtkit: " + rtkit +
                       "); the systemd units allow it with LimitRTPRIO=, see docs/daemon.md"};
}

}  // namespace vc::os
