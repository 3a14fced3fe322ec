#pragma once
// Telling systemd how the daemon is doing (sd_notify): READY=1 once the loop is about to run,
// STOPPING=1 when it shuts down, a STATUS= line, and WATCHDOG=1 from a timer on the event loop.
//
// The watchdog is fed by a steady timer on the daemon's own io_context, every half of the
// interval systemd asks for (WATCHDOG_USEC, from the unit's WatchdogSec=). A loop that hangs
// (a handler that never returns, a deadlock) stops feeding it, and systemd kills and restarts
// the service. Outside systemd (no NOTIFY_SOCKET) every call does nothing.

#include <atomic>
#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>

#include "core/clock.hpp"

namespace vc::os {

class SystemdNotifier {
  public:
    /// Reads NOTIFY_SOCKET and the watchdog interval (sd_watchdog_enabled: WATCHDOG_USEC, and
    /// WATCHDOG_PID when set must be this process). `clock` only stamps the daemon's log lines.
    /// Sends nothing yet. Throws nothing. Loop thread.
    SystemdNotifier(boost::asio::io_context& io, const Clock& clock);
    ~SystemdNotifier();
    SystemdNotifier(const SystemdNotifier&) = delete;
    SystemdNotifier& operator=(const SystemdNotifier&) = delete;

    /// Sends READY=1 and, when systemd asked for a watchdog, feeds it at once and arms the
    /// feeding timer on the loop. Call once every part of the loop exists, just before
    /// io_context::run(). Throws nothing. Loop thread.
    void start();
    /// Sends READY=1 (again after a reload). Throws nothing. Loop thread.
    void ready();
    /// Sends RELOADING=1: call before a reload, then ready() after it. Throws nothing. Any thread.
    void reloading();
    /// Sends STOPPING=1 and stops feeding the watchdog, so that a pending timer no longer keeps
    /// the io_context running. Call when the daemon begins to stop. Throws nothing. Loop thread.
    void stopping();
    /// Sends STATUS=text: the line `systemctl status villagecast` shows (one line: newlines
    /// become spaces). Throws nothing. Any thread.
    void status(std::string_view text);
    /// Sends one WATCHDOG=1 now. For long work that runs on the loop thread and reports progress
    /// (a reload analysing many new clips): call it from that progress, so the watchdog sees that
    /// the work advances. Throws nothing. Any thread.
    void keepalive();

    /// True when started by systemd with a notification socket (NOTIFY_SOCKET set).
    [[nodiscard]] bool enabled() const { return enabled_; }
    /// The watchdog interval systemd asked for; zero when there is no watchdog.
    [[nodiscard]] std::chrono::microseconds watchdog_interval() const { return interval_; }
    /// How often the loop feeds the watchdog: half the interval; zero when there is none.
    [[nodiscard]] std::chrono::microseconds feed_period() const { return interval_ / 2; }
    /// When the loop feeds the watchdog next (steady clock); meaningful only after start().
    [[nodiscard]] std::chrono::steady_clock::time_point next_feed() const { return next_feed_; }
    /// Notifications that could not be sent (the socket gone or full). Any thread.
    [[nodiscard]] std::uint64_t failed_sends() const { return failed_sends_.load(); }

  private:
    void send(const std::string& state);
    void arm();

    const Clock& clock_;
    boost::asio::steady_timer timer_;
    std::chrono::microseconds interval_{0};
    std::chrono::steady_clock::time_point next_feed_{};
    bool enabled_ = false;
    bool feeding_ = false;
    std::atomic<std::uint64_t> failed_sends_{0};
};

}  // namespace vc::os
