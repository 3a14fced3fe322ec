#pragma once
// Keeping time like a sound card for an output that has no clock of its own (a null output, a
// network stream): each write returns at an absolute deadline, so lateness never accumulates.

#include <atomic>
#include <cstdint>
#include <optional>

#include "core/clock.hpp"

namespace vc::audio {

/// The deadline of the frames written so far: anchor + frames / rate, where the anchor is the
/// clock's monotonic time at the first write since start(). Paced by one thread; anchor() may
/// be read by any.
class FramePacer {
  public:
    /// Forgets the anchor: the next pace() anchors again.
    void start(int sample_rate);
    /// Anchors at the clock's monotonic time now, instead of at the first pace().
    void anchor_now(Clock& clock);
    /// Blocks until the first `frames_so_far` frames since start() are due (anchoring at the
    /// first call). `clock` must not be null.
    void pace(Clock& clock, std::int64_t frames_so_far);
    /// The clock at the first pace() since start(); empty before it. Any thread.
    [[nodiscard]] std::optional<MonoTime> anchor() const;

  private:
    int rate_ = 48000;
    bool anchored_ = false;
    MonoTime anchor_{};
    /// anchor_ for other threads: nanoseconds since the clock's epoch, or -1 (not yet).
    std::atomic<std::int64_t> shared_anchor_ns_{-1};
};

}  // namespace vc::audio
