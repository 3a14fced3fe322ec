#pragma once
// The function PortAudio calls on its capture thread. See capture_callback.cpp.

#include <portaudio.h>

namespace vc::audio {

/// PortAudio's capture stream callback; `user` is a LiveFanOut. Real-time safe: copies the mono
/// input into each of its rings (what does not fit is dropped and counted there).
int capture_callback(const void* input, void* output, unsigned long frame_count,
                     const PaStreamCallbackTimeInfo* time_info, PaStreamCallbackFlags flags,
                     void* user) noexcept;

}  // namespace vc::audio
