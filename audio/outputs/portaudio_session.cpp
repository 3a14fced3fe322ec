#include "audio/outputs/portaudio_session.hpp"

#include <alsa/asoundlib.h>
#include <dlfcn.h>
#include <portaudio.h>

#include <mutex>

#include "core/diagnostic.hpp"

namespace vc::audio {

namespace {

void quiet_alsa(const char*, int, const char*, int, const char*, ...) {}
void quiet_jack(const char*) {}

/// ALSA prints dozens of "ALSA lib ..." lines while PortAudio probes its PCMs, and the JACK
/// client library complains that no JACK server runs. Neither helps a township clerk: the
/// errors that matter reach them through PortAudio's return codes.
void silence_library_chatter() {
    static std::once_flag once;
    std::call_once(once, [] {
        snd_lib_error_set_handler(&quiet_alsa);
        // libjack is loaded only as PortAudio's dependency; look its setters up where present.
        using JackSetter = void (*)(void (*)(const char*));
        for (const char* symbol : {"jack_set_error_function", "jack_set_info_function"})
            if (void* f = dlsym(RTLD_DEFAULT, symbol)) reinterpret_cast<JackSetter>(f)(&quiet_jack);
    });
}

}  // namespace

PortAudioSession::PortAudioSession() {
    silence_library_chatter();
    const PaError err = Pa_Initialize();
    if (err != paNoError)
        throw UserError("cannot start PortAudio to reach the sound card: " +
                        portaudio_error_text(err));
}

PortAudioSession::~PortAudioSession() {
    Pa_Terminate();
}

std::string portaudio_error_text(int pa_error) {
    std::string text = Pa_GetErrorText(pa_error);
    if (pa_error == paUnanticipatedHostError) {
        if (const PaHostErrorInfo* host = Pa_GetLastHostErrorInfo();
            host && host->errorText && *host->errorText)
            text += std::string(" (") + host->errorText + ")";
    }
    return text;
}

}  // namespace vc::audio
