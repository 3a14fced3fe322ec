#pragma once
// What the decoding thread and the PortAudio callback share: a lock-free ring and atomics.

#include <atomic>
#include <cstddef>
#include <cstdint>

#include <boost/lockfree/spsc_queue.hpp>

namespace vc::audio {

/// A single-producer single-consumer ring of interleaved samples, allocated once when an output
/// opens, plus the counters the callback reports through. The decoding thread pushes whole
/// frames and waits for room on `progress` (std::atomic wait); the callback pops, counts and
/// notifies. Nothing here locks or allocates after construction.
struct PlaybackRing {
    /// Allocates room for `frames` frames of `channels` channels.
    PlaybackRing(std::int64_t frames, int channel_count)
        : samples(static_cast<std::size_t>(frames * channel_count)), channels(channel_count) {}

    boost::lockfree::spsc_queue<float> samples;
    const int channels;

    /// Bumped and notified by the callback after every buffer and when the stream finishes.
    std::atomic<std::uint32_t> progress{0};
    /// Frames the device has taken since the stream started, silence included.
    std::atomic<std::int64_t> device_frames{0};
    /// Callbacks that found too few frames while playing (silence filled the gap).
    std::atomic<std::int64_t> underruns{0};
    /// Callbacks the host flagged with an output underflow of its own (paOutputUnderflow).
    std::atomic<std::int64_t> host_underflows{0};
    /// Set by the writer once the last frame was pushed: running dry is then the end, not an
    /// underrun, and the callback completes the stream.
    std::atomic<bool> end_written{false};
    /// Set when the stream has stopped by itself (played everything, or the device failed).
    std::atomic<bool> finished{false};
    /// PortAudio stream time (s) at which the first frame reached the DAC, once known.
    std::atomic<double> first_dac_time{0.0};
    std::atomic<bool> first_dac_time_known{false};

    static_assert(std::atomic<double>::is_always_lock_free);
    static_assert(std::atomic<std::int64_t>::is_always_lock_free);
};

}  // namespace vc::audio
