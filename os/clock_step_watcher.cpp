#include "os/clock_step_watcher.hpp"

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <string>

#include <sys/timerfd.h>
#include <unistd.h>

#include "core/diagnostic.hpp"

namespace vc::os {

namespace {
int make_timerfd() {
    int fd = ::timerfd_create(CLOCK_REALTIME, TFD_NONBLOCK | TFD_CLOEXEC);
    if (fd < 0)
        throw UserError(std::string("cannot watch the system clock (timerfd): ") +
                        std::strerror(errno));
    return fd;
}
}  // namespace

ClockStepWatcher::ClockStepWatcher(boost::asio::io_context& io, std::function<void()> on_step)
    : fd_(io, make_timerfd()), on_step_(std::move(on_step)) {
    arm();
    wait();
}

ClockStepWatcher::~ClockStepWatcher() {
    boost::system::error_code ec;
    fd_.cancel(ec);
}

void ClockStepWatcher::arm() {
    // An absolute expiry far in the future: the timer only ever "fires" by being cancelled.
    itimerspec spec{};
    spec.it_value.tv_sec = static_cast<time_t>(INT32_MAX) * 2;
    ::timerfd_settime(fd_.native_handle(), TFD_TIMER_ABSTIME | TFD_TIMER_CANCEL_ON_SET, &spec,
                      nullptr);
}

void ClockStepWatcher::wait() {
    fd_.async_wait(boost::asio::posix::stream_descriptor::wait_read,
                   [this](const boost::system::error_code& ec) {
                       if (ec) return;  // cancelled: the watcher is going away
                       std::uint64_t expirations = 0;
                       auto n = ::read(fd_.native_handle(), &expirations, sizeof expirations);
                       bool stepped = n < 0 && errno == ECANCELED;
                       arm();
                       if (stepped && on_step_) on_step_();
                       wait();
                   });
}

}  // namespace vc::os
