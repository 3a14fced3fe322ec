// Where the stream's frames meet the clock: the output's anchor, the instant a frame reaches the
// loudspeakers, and the frame that plays at an instant.

#include <stdexcept>

#include "audio/stream/audio_stream.hpp"
#include "audio/stream/frame_time.hpp"

namespace vc::audio {

std::optional<std::int64_t> AudioStream::anchor_ns() const {
    // The output's own: a device's DAC time, a paced null output's first deadline.
    if (const auto first = output_->first_frame_time()) {
        return ns_of(*first);
    }
    if (clock_anchor_known_.load(std::memory_order_acquire)) {
        return clock_anchor_ns_.load(std::memory_order_relaxed);
    }
    return std::nullopt;
}

bool AudioStream::anchored() const {
    return anchor_ns().has_value();
}

std::optional<MonoTime> AudioStream::time_of_frame(std::int64_t frame) const {
    const auto anchor = anchor_ns();
    if (!anchor) {
        return std::nullopt;
    }
    return time_of_ns(*anchor + nanoseconds_for_frames(frame, format_.sample_rate));
}

std::int64_t AudioStream::frame_at(MonoTime t) const {
    auto anchor = anchor_ns();
    if (!anchor) {
        if (!options_.clock) {
            throw std::logic_error("frame_at() needs a clock or a device that reports its timing");
        }
        // Before the output's first write: frame 0 goes out about now, and sounds after the
        // output's latency (a Snapcast stream's is snapserver's whole buffer).
        anchor = open_ns_.load(std::memory_order_acquire) +
                 nanoseconds_for_frames(output_->latency_frames(), format_.sample_rate);
    }
    return frames_for_nanoseconds(ns_of(t) - *anchor, format_.sample_rate);
}

}  // namespace vc::audio
