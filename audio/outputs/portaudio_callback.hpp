#pragma once
// The functions PortAudio calls on its own threads. See portaudio_callback.cpp.

#include <portaudio.h>

namespace vc::audio {

/// PortAudio's stream callback; `user` is a PlaybackRing. Real-time safe: copies from the ring.
int playback_callback(const void* input, void* output, unsigned long frame_count,
                      const PaStreamCallbackTimeInfo* time_info, PaStreamCallbackFlags flags,
                      void* user) noexcept;

/// PortAudio's stream-finished callback; `user` is a PlaybackRing. Marks it finished and wakes
/// the writer.
void playback_finished(void* user) noexcept;

}  // namespace vc::audio
