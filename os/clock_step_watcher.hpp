#pragma once
// Noticing at once when the wall clock is stepped (NTP, a person setting the time).
//
// Asio's timers wait on CLOCK_MONOTONIC and would notice a step only minutes late. A Linux
// timerfd on CLOCK_REALTIME armed with TFD_TIMER_ABSTIME | TFD_TIMER_CANCEL_ON_SET fails its
// read with ECANCELED the moment the clock is set; this class turns that into a callback on
// the event loop.

#include <functional>

#include <boost/asio/io_context.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>

namespace vc::os {

class ClockStepWatcher {
  public:
    /// Calls `on_step` on the loop's thread each time the wall clock is set. Throws UserError if
    /// the kernel offers no timerfd. Runs on the event loop's thread only.
    ClockStepWatcher(boost::asio::io_context& io, std::function<void()> on_step);
    ~ClockStepWatcher();
    ClockStepWatcher(const ClockStepWatcher&) = delete;
    ClockStepWatcher& operator=(const ClockStepWatcher&) = delete;

  private:
    void arm();
    void wait();

    boost::asio::posix::stream_descriptor fd_;
    std::function<void()> on_step_;
};

}  // namespace vc::os
