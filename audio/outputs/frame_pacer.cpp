#include "audio/outputs/frame_pacer.hpp"

namespace vc::audio {

void FramePacer::start(int sample_rate) {
    rate_ = sample_rate;
    anchored_ = false;
    shared_anchor_ns_.store(-1, std::memory_order_release);
}

std::optional<MonoTime> FramePacer::anchor() const {
    const std::int64_t ns = shared_anchor_ns_.load(std::memory_order_acquire);
    if (ns < 0) return std::nullopt;
    return MonoTime(std::chrono::duration_cast<MonoTime::duration>(std::chrono::nanoseconds(ns)));
}

void FramePacer::anchor_now(Clock& clock) {
    anchor_ = clock.monotonic();
    anchored_ = true;
    shared_anchor_ns_.store(
        std::chrono::duration_cast<std::chrono::nanoseconds>(anchor_.time_since_epoch()).count(),
        std::memory_order_release);
}

void FramePacer::pace(Clock& clock, std::int64_t frames_so_far) {
    if (!anchored_) anchor_now(clock);
    const std::int64_t rate = rate_;
    const std::int64_t ns =
        (frames_so_far / rate) * 1'000'000'000 + (frames_so_far % rate) * 1'000'000'000 / rate;
    clock.sleep_until(anchor_ +
                      std::chrono::duration_cast<MonoTime::duration>(std::chrono::nanoseconds(ns)));
}

}  // namespace vc::audio
