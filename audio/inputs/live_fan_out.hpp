#pragma once
// One live input heard in several places at once: the airings of a page in several zones each
// read a ring of their own, fed by one producer (the microphone's capture callback, the
// console's WebSocket).

#include <array>
#include <atomic>
#include <cstdint>
#include <memory>
#include <vector>

#include "audio/inputs/live_ring.hpp"

namespace vc::audio {

/// Hands each block a producer pushes to every attached LiveRing. push() is lock-free and never
/// allocates (it reads a fixed array of atomic pointers), so the capture callback may call it.
/// attach/detach: the owner's thread only. A detached ring stays alive until the fan-out is
/// destroyed, because a push() already under way may still write to it: destroy the fan-out
/// only once its producer has stopped.
class LiveFanOut {
  public:
    /// Room for this many rings at once (a station has at most 32 zones on a card).
    static constexpr std::size_t max_rings = 32;

    /// Throws std::invalid_argument for a non-positive rate.
    explicit LiveFanOut(int sample_rate);
    LiveFanOut(const LiveFanOut&) = delete;
    LiveFanOut& operator=(const LiveFanOut&) = delete;

    [[nodiscard]] int sample_rate() const { return sample_rate_; }
    /// From the next push() on, `ring` gets the frames too. Throws std::invalid_argument for a
    /// ring of another rate, std::length_error when max_rings are attached.
    void attach(std::shared_ptr<LiveRing> ring);
    /// `ring` gets no more frames (pushes under way may still finish into it). Unknown: ignored.
    void detach(const LiveRing* ring);
    /// Rings attached now.
    [[nodiscard]] std::size_t attached() const;

    /// Producer: appends the frames to every attached ring (each counts what it drops).
    void push(const float* mono, std::int64_t n) noexcept;

  private:
    int sample_rate_;
    std::array<std::atomic<LiveRing*>, max_rings> slots_{};
    std::vector<std::shared_ptr<LiveRing>> kept_;  ///< every ring ever attached (owner's thread)
};

}  // namespace vc::audio
