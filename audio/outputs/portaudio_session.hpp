#pragma once
// PortAudio initialised for as long as an object lives, with ALSA's and JACK's chatter silenced.

#include <string>

namespace vc::audio {

/// Holds PortAudio initialised (Pa_Initialize in the constructor, Pa_Terminate in the
/// destructor; PortAudio counts nested sessions). Before the first initialisation it silences
/// the messages ALSA and JACK print on stderr while PortAudio probes for devices. Use from the
/// control or decoding thread, never from the audio callback.
class PortAudioSession {
  public:
    /// Throws UserError with PortAudio's message when it cannot start.
    PortAudioSession();
    ~PortAudioSession();
    PortAudioSession(const PortAudioSession&) = delete;
    PortAudioSession& operator=(const PortAudioSession&) = delete;
};

/// PortAudio's text for an error code, with the host API's own message where it has one.
std::string portaudio_error_text(int pa_error);

}  // namespace vc::audio
