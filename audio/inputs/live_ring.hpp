#pragma once
// The hand-over of live sound between the thread that receives it and the mixing thread.

#include <array>
#include <atomic>
#include <cstdint>

#include <boost/lockfree/spsc_queue.hpp>

namespace vc::audio {

/// Mono float frames handed from a producer thread (the capture callback, later a WebSocket
/// reader) to the mixing thread. Single producer, single consumer, lock-free
/// (boost::lockfree::spsc_queue), never allocates after construction.
class LiveRing {
  public:
    /// Allocates room for `capacity_frames` frames. Throws std::invalid_argument for a
    /// non-positive rate or capacity.
    LiveRing(int sample_rate, std::int64_t capacity_frames);
    LiveRing(const LiveRing&) = delete;
    LiveRing& operator=(const LiveRing&) = delete;

    /// The rate of the frames it carries. Any thread.
    [[nodiscard]] int sample_rate() const { return sample_rate_; }
    /// The most frames it holds at once. Any thread.
    [[nodiscard]] std::int64_t capacity() const { return capacity_; }

    /// Producer: appends up to n frames; those that do not fit are dropped and counted.
    void push(const float* mono, std::int64_t n) noexcept;
    /// Consumer: takes up to n frames, returns how many.
    std::int64_t pop(float* mono, std::int64_t n) noexcept;
    /// Consumer: frames waiting.
    [[nodiscard]] std::int64_t available() const noexcept;
    /// Consumer: drops up to n of the oldest frames waiting; returns how many.
    std::int64_t discard(std::int64_t n) noexcept;
    /// Frames ever pushed that entered the ring (the dropped ones are not counted). Any thread.
    [[nodiscard]] std::int64_t pushed() const noexcept;
    /// Frames push() dropped because the ring was full. Any thread.
    [[nodiscard]] std::int64_t overflowed() const noexcept;

  private:
    int sample_rate_;
    std::int64_t capacity_;
    boost::lockfree::spsc_queue<float> frames_;
    std::atomic<std::int64_t> pushed_{0};
    std::atomic<std::int64_t> overflowed_{0};
    std::array<float, 256> discard_scratch_{};  ///< consumer side: where discard() pops to

    static_assert(std::atomic<std::int64_t>::is_always_lock_free);
};

}  // namespace vc::audio
