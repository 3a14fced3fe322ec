#pragma once
// Time as a parameter: everything below the daemon's wiring is given a Clock, never reads one.

#include <chrono>
#include <mutex>

#include "core/instant.hpp"

namespace vc {

using MonoTime = std::chrono::steady_clock::time_point;

/// Wall and monotonic time, and a way to wait for a monotonic instant.
class Clock {
  public:
    virtual ~Clock() = default;
    /// Wall-clock time (UTC). Any thread.
    [[nodiscard]] virtual Instant now() const = 0;
    /// Monotonic time. Any thread.
    [[nodiscard]] virtual MonoTime monotonic() const = 0;
    /// Blocks until monotonic() >= t (a simulated clock advances to t at once). Any thread
    /// except the audio callback.
    virtual void sleep_until(MonoTime t) = 0;
};

/// The machine's clocks.
class SystemClock final : public Clock {
  public:
    [[nodiscard]] Instant now() const override {
        return std::chrono::time_point_cast<std::chrono::milliseconds>(
            std::chrono::system_clock::now());
    }
    [[nodiscard]] MonoTime monotonic() const override { return std::chrono::steady_clock::now(); }
    void sleep_until(MonoTime t) override;
};

/// A clock that moves only when told to (tests, simulated runs): sleeping jumps to the target.
/// Wall and monotonic time move together unless step_wall() steps the wall clock alone.
class ManualClock final : public Clock {
  public:
    explicit ManualClock(Instant start) : wall_(start) {}
    [[nodiscard]] Instant now() const override;
    [[nodiscard]] MonoTime monotonic() const override;
    void sleep_until(MonoTime t) override;
    /// Moves both clocks forward by d.
    void advance(std::chrono::milliseconds d);
    /// Steps the wall clock alone (as NTP or a person setting the time would).
    void step_wall(std::chrono::milliseconds d);

  private:
    mutable std::mutex mutex_;
    Instant wall_;
    MonoTime mono_{};
};

}  // namespace vc
