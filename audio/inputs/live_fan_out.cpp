#include "audio/inputs/live_fan_out.hpp"

#include <stdexcept>
#include <string>

namespace vc::audio {

LiveFanOut::LiveFanOut(int sample_rate) : sample_rate_(sample_rate) {
    if (sample_rate <= 0) throw std::invalid_argument("a live input needs a positive rate");
}

void LiveFanOut::attach(std::shared_ptr<LiveRing> ring) {
    if (!ring) throw std::invalid_argument("cannot attach a null ring");
    if (ring->sample_rate() != sample_rate_)
        throw std::invalid_argument("the ring runs at " + std::to_string(ring->sample_rate()) +
                                    " Hz, the input at " + std::to_string(sample_rate_) + " Hz");
    for (auto& slot : slots_) {
        if (slot.load(std::memory_order_relaxed) != nullptr) continue;
        slot.store(ring.get(), std::memory_order_release);
        kept_.push_back(std::move(ring));
        return;
    }
    throw std::length_error("a live input feeds at most " + std::to_string(max_rings) +
                            " airings at once");
}

void LiveFanOut::detach(const LiveRing* ring) {
    for (auto& slot : slots_)
        if (slot.load(std::memory_order_relaxed) == ring)
            slot.store(nullptr, std::memory_order_release);
}

std::size_t LiveFanOut::attached() const {
    std::size_t n = 0;
    for (const auto& slot : slots_) n += slot.load(std::memory_order_relaxed) != nullptr ? 1 : 0;
    return n;
}

void LiveFanOut::push(const float* mono, std::int64_t n) noexcept {
    for (auto& slot : slots_)
        if (LiveRing* ring = slot.load(std::memory_order_acquire)) ring->push(mono, n);
}

}  // namespace vc::audio
