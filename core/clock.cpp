#include "core/clock.hpp"

#include <thread>

namespace vc {

void SystemClock::sleep_until(MonoTime t) {
    std::this_thread::sleep_until(t);
}

Instant ManualClock::now() const {
    std::lock_guard lock(mutex_);
    return wall_;
}

MonoTime ManualClock::monotonic() const {
    std::lock_guard lock(mutex_);
    return mono_;
}

void ManualClock::sleep_until(MonoTime t) {
    std::lock_guard lock(mutex_);
    if (t > mono_) {
        auto d = std::chrono::duration_cast<std::chrono::milliseconds>(t - mono_);
        wall_ += d;
        mono_ = t;
    }
}

void ManualClock::advance(std::chrono::milliseconds d) {
    std::lock_guard lock(mutex_);
    wall_ += d;
    mono_ += d;
}

void ManualClock::step_wall(std::chrono::milliseconds d) {
    std::lock_guard lock(mutex_);
    wall_ += d;
}

}  // namespace vc
