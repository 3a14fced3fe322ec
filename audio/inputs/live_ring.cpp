#include "audio/inputs/live_ring.hpp"

#include <algorithm>
#include <stdexcept>

namespace vc::audio {

namespace {

std::int64_t checked_capacity(int sample_rate, std::int64_t capacity_frames) {
    if (sample_rate <= 0 || capacity_frames <= 0)
        throw std::invalid_argument("a live ring needs a positive rate and capacity");
    return capacity_frames;
}

}  // namespace

LiveRing::LiveRing(int sample_rate, std::int64_t capacity_frames)
    : sample_rate_(sample_rate),
      capacity_(checked_capacity(sample_rate, capacity_frames)),
      frames_(static_cast<std::size_t>(capacity_frames)) {}

void LiveRing::push(const float* mono, std::int64_t n) noexcept {
    if (n <= 0) return;
    const auto taken = static_cast<std::int64_t>(frames_.push(mono, static_cast<std::size_t>(n)));
    pushed_.fetch_add(taken, std::memory_order_relaxed);
    if (taken < n) overflowed_.fetch_add(n - taken, std::memory_order_relaxed);
}

std::int64_t LiveRing::pop(float* mono, std::int64_t n) noexcept {
    if (n <= 0) return 0;
    return static_cast<std::int64_t>(frames_.pop(mono, static_cast<std::size_t>(n)));
}

std::int64_t LiveRing::available() const noexcept {
    return static_cast<std::int64_t>(frames_.read_available());
}

std::int64_t LiveRing::discard(std::int64_t n) noexcept {
    std::int64_t dropped = 0;
    while (dropped < n) {
        const auto chunk =
            std::min<std::int64_t>(n - dropped, static_cast<std::int64_t>(discard_scratch_.size()));
        const std::int64_t got = pop(discard_scratch_.data(), chunk);
        dropped += got;
        if (got < chunk) break;
    }
    return dropped;
}

std::int64_t LiveRing::pushed() const noexcept {
    return pushed_.load(std::memory_order_relaxed);
}

std::int64_t LiveRing::overflowed() const noexcept {
    return overflowed_.load(std::memory_order_relaxed);
}

}  // namespace vc::audio
