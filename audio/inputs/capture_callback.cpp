// THE CAPTURE CALLBACK. PortAudio calls capture_callback on its real-time thread. It may only
// copy the captured frames into the lock-free LiveRings of its LiveFanOut (each counts what it
// drops) and touch atomics. It may NOT allocate or free memory, take a lock, log or print, do any
// file or network I/O, call any Pa_* function, throw, or wait for anything: a late callback loses
// the official's words.

#include "audio/inputs/capture_callback.hpp"

#include "audio/inputs/live_fan_out.hpp"

namespace vc::audio {

int capture_callback(const void* input, void*, unsigned long frame_count,
                     const PaStreamCallbackTimeInfo*, PaStreamCallbackFlags, void* user) noexcept {
    // A null input is PortAudio's way of saying nothing was captured for this buffer.
    if (input)
        static_cast<LiveFanOut*>(user)->push(static_cast<const float*>(input),
                                             static_cast<std::int64_t>(frame_count));
    return paContinue;
}

}  // namespace vc::audio
