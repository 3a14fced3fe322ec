#include "os/systemd_notify.hpp"

#include <systemd/sd-daemon.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>

#include "core/log.hpp"

namespace vc::os {

namespace {

std::string seconds_text(std::chrono::microseconds d) {
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(d).count();
    std::string text = std::to_string(ms / 1000);
    if (ms % 1000 != 0) {
        std::string frac = std::to_string(1000 + ms % 1000).substr(1);
        while (!frac.empty() && frac.back() == '0') frac.pop_back();
        text += "." + frac;
    }
    return text + " s";
}

}  // namespace

SystemdNotifier::SystemdNotifier(boost::asio::io_context& io, const Clock& clock)
    : clock_(clock), timer_(io) {
    enabled_ = std::getenv("NOTIFY_SOCKET") != nullptr;
    std::uint64_t usec = 0;
    if (enabled_ && sd_watchdog_enabled(0, &usec) > 0 && usec > 0)
        interval_ = std::chrono::microseconds(static_cast<std::int64_t>(usec));
}

SystemdNotifier::~SystemdNotifier() {
    feeding_ = false;
    timer_.cancel();
}

void SystemdNotifier::send(const std::string& state) {
    if (!enabled_) return;
    int r = sd_notify(0, state.c_str());
    if (r > 0) return;
    // The first failure is worth a line in the journal; the rest are only counted.
    if (failed_sends_.fetch_add(1) == 0)
        log_line(clock_, Level::warning,
                 "systemd: could not send " + state.substr(0, state.find('=')) +
                     " to the notification socket (" +
                     (r < 0 ? std::string(std::strerror(-r)) : std::string("NOTIFY_SOCKET unset")) +
                     "); systemd may think the service hung");
}

void SystemdNotifier::start() {
    if (!enabled_) return;
    send("READY=1");
    if (interval_.count() > 0 && !feeding_) {
        feeding_ = true;
        send("WATCHDOG=1");
        next_feed_ = boost::asio::steady_timer::clock_type::now();
        arm();
        log_line(clock_, Level::info,
                 "systemd: ready; the event loop feeds the watchdog (" + seconds_text(interval_) +
                     ") every " + seconds_text(feed_period()));
    } else {
        log_line(clock_, Level::info, "systemd: ready");
    }
}

void SystemdNotifier::arm() {
    // An absolute schedule; a loop that ran late feeds one period after it caught up.
    auto now = boost::asio::steady_timer::clock_type::now();
    next_feed_ += feed_period();
    if (next_feed_ <= now) next_feed_ = now + feed_period();
    timer_.expires_at(next_feed_);
    timer_.async_wait([this](const boost::system::error_code& ec) {
        if (ec) return;  // cancelled: `this` may be gone
        if (!feeding_) return;
        send("WATCHDOG=1");
        arm();
    });
}

void SystemdNotifier::ready() {
    send("READY=1");
}

void SystemdNotifier::reloading() {
    send("RELOADING=1");
}

void SystemdNotifier::stopping() {
    feeding_ = false;
    timer_.cancel();
    send("STOPPING=1");
}

void SystemdNotifier::status(std::string_view text) {
    std::string line = "STATUS=" + std::string(text);
    std::replace(line.begin(), line.end(), '\n', ' ');
    send(line);
}

void SystemdNotifier::keepalive() {
    if (interval_.count() > 0) send("WATCHDOG=1");
}

}  // namespace vc::os
