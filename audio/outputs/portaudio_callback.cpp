// THE AUDIO CALLBACK. PortAudio calls playback_callback on its real-time thread. It may only copy
// frames out of the lock-free ring, fill silence when the ring runs dry, and read, write and
// notify atomics. It may NOT allocate or free memory, take a lock, log or print, do any file or
// network I/O, call any Pa_* function, throw, or wait for anything: a late callback is a click
// heard in every village.

#include "audio/outputs/portaudio_callback.hpp"

#include <algorithm>

#include "audio/outputs/playback_ring.hpp"

namespace vc::audio {

int playback_callback(const void*, void* output, unsigned long frame_count,
                      const PaStreamCallbackTimeInfo* time_info, PaStreamCallbackFlags flags,
                      void* user) noexcept {
    auto& ring = *static_cast<PlaybackRing*>(user);
    auto* out = static_cast<float*>(output);
    const std::size_t wanted = frame_count * static_cast<std::size_t>(ring.channels);

    if (!ring.first_dac_time_known.load(std::memory_order_relaxed)) {
        const double dac = time_info && time_info->outputBufferDacTime > 0.0
                               ? time_info->outputBufferDacTime
                               : (time_info ? time_info->currentTime : 0.0);
        ring.first_dac_time.store(dac, std::memory_order_relaxed);
        ring.first_dac_time_known.store(true, std::memory_order_release);
    }

    // Read the end mark before popping: if it was set, every frame is already in the ring.
    const bool end_written = ring.end_written.load(std::memory_order_acquire);
    const std::size_t got = ring.samples.pop(out, wanted);
    const bool ran_dry = got < wanted;
    if (ran_dry) {
        std::fill(out + got, out + wanted, 0.0f);
        if (!end_written) ring.underruns.fetch_add(1, std::memory_order_relaxed);
    }
    if ((flags & paOutputUnderflow) != 0)
        ring.host_underflows.fetch_add(1, std::memory_order_relaxed);
    ring.device_frames.fetch_add(static_cast<std::int64_t>(frame_count), std::memory_order_relaxed);
    ring.progress.fetch_add(1, std::memory_order_release);
    ring.progress.notify_all();
    return ran_dry && end_written ? paComplete : paContinue;
}

void playback_finished(void* user) noexcept {
    auto& ring = *static_cast<PlaybackRing*>(user);
    ring.finished.store(true, std::memory_order_release);
    ring.progress.fetch_add(1, std::memory_order_release);
    ring.progress.notify_all();
}

}  // namespace vc::audio
