// os::SystemdNotifier against a real notification socket: the test binds an AF_UNIX datagram
// socket, points NOTIFY_SOCKET at it as systemd does for a Type=notify service, sets
// WATCHDOG_USEC as WatchdogSec= does, and reads the datagrams libsystemd's sd_notify sends.

#include <catch2/catch.hpp>

#include <unistd.h>

#include <array>
#include <cstdlib>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/local/datagram_protocol.hpp>
#include <boost/asio/steady_timer.hpp>

#include "core/clock.hpp"
#include "os/systemd_notify.hpp"

using namespace vc;
using namespace std::chrono;
namespace asio = boost::asio;

namespace {

/// Sets (or, with nullopt, removes) an environment variable for one test and puts back what was
/// there before.
class ScopedEnv {
  public:
    ScopedEnv(std::string name, const std::optional<std::string>& value) : name_(std::move(name)) {
        if (const char* old = std::getenv(name_.c_str())) old_ = old;
        if (value)
            ::setenv(name_.c_str(), value->c_str(), 1);
        else
            ::unsetenv(name_.c_str());
    }
    ~ScopedEnv() {
        if (old_)
            ::setenv(name_.c_str(), old_->c_str(), 1);
        else
            ::unsetenv(name_.c_str());
    }
    ScopedEnv(const ScopedEnv&) = delete;
    ScopedEnv& operator=(const ScopedEnv&) = delete;

  private:
    std::string name_;
    std::optional<std::string> old_;
};

/// systemd's side: a datagram socket in the abstract namespace (so the build folder's path length
/// does not matter), named in NOTIFY_SOCKET as "@name".
class NotifySocket {
  public:
    explicit NotifySocket(asio::io_context& io) : socket_(io) {
        static int count = 0;
        name_ =
            "villagecast-test-notify-" + std::to_string(::getpid()) + "-" + std::to_string(count++);
        socket_.open();
        socket_.bind(asio::local::datagram_protocol::endpoint(std::string(1, '\0') + name_));
    }
    [[nodiscard]] std::string address() const { return "@" + name_; }

    /// The datagrams already queued, without waiting.
    std::vector<std::string> drain() {
        std::vector<std::string> got;
        socket_.non_blocking(true);
        for (;;) {
            boost::system::error_code ec;
            std::size_t n = socket_.receive(asio::buffer(buffer_), 0, ec);
            if (ec) break;
            got.emplace_back(buffer_.data(), n);
        }
        socket_.non_blocking(false);
        return got;
    }

    /// Runs the loop until `count` datagrams arrive (or 10 s pass, which fails the test).
    std::vector<std::string> receive_on_loop(asio::io_context& io, std::size_t count) {
        std::vector<std::string> got;
        bool timed_out = false;
        asio::steady_timer guard(io);
        guard.expires_after(seconds(10));
        guard.async_wait([&](const boost::system::error_code& ec) {
            if (ec) return;
            timed_out = true;
            io.stop();
        });
        std::function<void()> next = [&] {
            socket_.async_receive(asio::buffer(buffer_),
                                  [&](const boost::system::error_code& ec, std::size_t n) {
                                      if (ec) return;
                                      got.emplace_back(buffer_.data(), n);
                                      if (got.size() == count)
                                          io.stop();
                                      else
                                          next();
                                  });
        };
        next();
        io.restart();
        io.run();
        // What is still pending returns on its error code alone, touching none of the locals.
        socket_.cancel();
        guard.cancel();
        REQUIRE_FALSE(timed_out);
        return got;
    }

  private:
    asio::local::datagram_protocol::socket socket_;
    std::string name_;
    std::array<char, 4096> buffer_{};
};

using Lines = std::vector<std::string>;

}  // namespace

TEST_CASE("systemd notify: READY=1 at start, then WATCHDOG=1 from the loop every half interval") {
    asio::io_context io;
    NotifySocket systemd(io);
    ScopedEnv socket_env("NOTIFY_SOCKET", systemd.address());
    ScopedEnv usec_env("WATCHDOG_USEC", "40000");
    ScopedEnv pid_env("WATCHDOG_PID", std::nullopt);
    SystemClock clock;

    os::SystemdNotifier notifier(io, clock);
    REQUIRE(notifier.enabled());
    CHECK(notifier.watchdog_interval() == microseconds(40000));
    CHECK(notifier.feed_period() == microseconds(20000));

    notifier.start();
    // Before the loop runs, only what start() sent itself: the timer feeds, not a thread.
    CHECK(systemd.drain() == Lines{"READY=1", "WATCHDOG=1"});

    CHECK(systemd.receive_on_loop(io, 3) == Lines{"WATCHDOG=1", "WATCHDOG=1", "WATCHDOG=1"});

    notifier.stopping();
    CHECK(systemd.drain() == Lines{"STOPPING=1"});
    // Stopping disarmed the timer: the loop has nothing left to do and returns by itself (a
    // timer still armed would keep it running for the whole second).
    io.restart();
    io.run_for(seconds(1));
    CHECK(io.stopped());
    CHECK(systemd.drain().empty());
    CHECK(notifier.failed_sends() == 0);
}

TEST_CASE(
    "systemd notify: status, reload and keepalive messages, and the first feed half the interval "
    "on") {
    asio::io_context io;
    NotifySocket systemd(io);
    ScopedEnv socket_env("NOTIFY_SOCKET", systemd.address());
    ScopedEnv usec_env("WATCHDOG_USEC", "30000000");
    ScopedEnv pid_env("WATCHDOG_PID", std::to_string(::getpid()));
    SystemClock clock;

    os::SystemdNotifier notifier(io, clock);
    CHECK(notifier.watchdog_interval() == seconds(30));
    CHECK(notifier.feed_period() == seconds(15));
    auto before = steady_clock::now();
    notifier.start();
    auto after = steady_clock::now();
    // The first feed from the loop is due half the interval after start() fed it.
    CHECK(notifier.next_feed() >= before + seconds(15));
    CHECK(notifier.next_feed() <= after + seconds(15));
    notifier.status("on air: 院坝会通知\nnext: 19:30");
    notifier.reloading();
    notifier.keepalive();
    notifier.ready();
    CHECK(systemd.drain() == Lines{"READY=1", "WATCHDOG=1", "STATUS=on air: 院坝会通知 next: 19:30",
                                   "RELOADING=1", "WATCHDOG=1", "READY=1"});
    CHECK(notifier.failed_sends() == 0);
}

TEST_CASE("systemd notify: a watchdog meant for another process is not fed") {
    asio::io_context io;
    NotifySocket systemd(io);
    ScopedEnv socket_env("NOTIFY_SOCKET", systemd.address());
    ScopedEnv usec_env("WATCHDOG_USEC", "40000");
    ScopedEnv pid_env("WATCHDOG_PID", std::to_string(::getpid() + 1));
    SystemClock clock;

    os::SystemdNotifier notifier(io, clock);
    CHECK(notifier.enabled());
    CHECK(notifier.watchdog_interval() == microseconds(0));
    notifier.start();
    notifier.keepalive();
    // No timer was armed: the loop returns at once, having run nothing (a timer feeding every
    // 20 ms would run about 25 times in this half second).
    CHECK(io.run_for(milliseconds(500)) == 0);
    CHECK(io.stopped());
    CHECK(systemd.drain() == Lines{"READY=1"});
}

TEST_CASE("systemd notify: outside systemd nothing is sent and no timer is armed") {
    asio::io_context io;
    ScopedEnv socket_env("NOTIFY_SOCKET", std::nullopt);
    ScopedEnv usec_env("WATCHDOG_USEC", "40000");
    SystemClock clock;

    os::SystemdNotifier notifier(io, clock);
    CHECK_FALSE(notifier.enabled());
    CHECK(notifier.watchdog_interval() == microseconds(0));
    notifier.start();
    notifier.status("idle");
    notifier.stopping();
    CHECK(io.run_for(milliseconds(500)) == 0);
    CHECK(io.stopped());
    CHECK(notifier.failed_sends() == 0);
}

TEST_CASE("systemd notify: a notification socket nobody listens on counts failed sends") {
    asio::io_context io;
    ScopedEnv socket_env("NOTIFY_SOCKET", "@villagecast-test-nobody-" + std::to_string(::getpid()));
    ScopedEnv usec_env("WATCHDOG_USEC", std::nullopt);
    SystemClock clock;

    os::SystemdNotifier notifier(io, clock);
    REQUIRE(notifier.enabled());
    notifier.start();
    notifier.status("idle");
    CHECK(notifier.failed_sends() == 2);
}
