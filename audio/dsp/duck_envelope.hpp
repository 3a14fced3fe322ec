#pragma once
// The gain that background airings play at: ducked under announcements, muted under emergencies.

#include <cstdint>

namespace vc::audio {

/// A gain that follows a target (1: no foreground; the duck gain; 0: muted) with linear ramps:
/// each time the target changes at frame f, the gain ramps from its value at f to the new
/// target over `down_frames` (going down) or `up_frames` (going up), so the frame where the
/// change happens still plays at the old value. A plain value: copying it forks the envelope
/// (the mixer computes its look-ahead on a copy). Used by the mixer's thread only.
class DuckEnvelope {
  public:
    DuckEnvelope(std::int64_t down_frames, std::int64_t up_frames)
        : down_(down_frames), up_(up_frames) {}

    /// The gain at `frame` when `target` applies from this frame on. Frames must come in
    /// increasing order.
    double next(std::int64_t frame, double target);

  private:
    [[nodiscard]] double value(std::int64_t frame) const;

    std::int64_t down_;
    std::int64_t up_;
    double from_ = 1.0;
    double target_ = 1.0;
    std::int64_t ramp_start_ = 0;
    std::int64_t ramp_length_ = 0;
};

}  // namespace vc::audio
