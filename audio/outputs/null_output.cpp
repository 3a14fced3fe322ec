#include "audio/outputs/null_output.hpp"

namespace vc::audio {

void NullOutput::open(const AudioFormat& format) {
    format_ = format;
    written_ = 0;
    anchored_ = false;
    shared_anchor_ns_.store(-1, std::memory_order_release);
}

std::optional<MonoTime> NullOutput::first_frame_time() const {
    const std::int64_t ns = shared_anchor_ns_.load(std::memory_order_acquire);
    if (ns < 0) {
        return std::nullopt;
    }
    return MonoTime(std::chrono::duration_cast<MonoTime::duration>(std::chrono::nanoseconds(ns)));
}

void NullOutput::write(const float*, std::int64_t frames) {
    if (frames <= 0) return;
    written_ += frames;
    if (!clock_) return;
    if (!anchored_) {
        anchor_ = clock_->monotonic();
        anchored_ = true;
        shared_anchor_ns_.store(
            std::chrono::duration_cast<std::chrono::nanoseconds>(anchor_.time_since_epoch())
                .count(),
            std::memory_order_release);
    }
    const std::int64_t rate = format_.sample_rate;
    const std::int64_t written = written_;
    const std::int64_t ns =
        (written / rate) * 1'000'000'000 + (written % rate) * 1'000'000'000 / rate;
    clock_->sleep_until(
        anchor_ + std::chrono::duration_cast<MonoTime::duration>(std::chrono::nanoseconds(ns)));
}

}  // namespace vc::audio
