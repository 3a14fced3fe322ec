#include "audio/inputs/capture_input.hpp"

#include <portaudio.h>

#include <stdexcept>

#include "audio/inputs/capture_callback.hpp"
#include "audio/outputs/device_list.hpp"
#include "audio/outputs/portaudio_session.hpp"
#include "core/diagnostic.hpp"

namespace vc::audio {

namespace {

/// The capture buffer asked of the host when PortAudio gives no default (see open()).
constexpr double fallback_latency_s = 0.05;

}  // namespace

CaptureInput::CaptureInput(std::string device_spec, std::shared_ptr<LiveFanOut> fan_out)
    : spec_(std::move(device_spec)), fan_out_(std::move(fan_out)) {
    if (!fan_out_) throw std::invalid_argument("a capture input needs somewhere to go");
}

CaptureInput::CaptureInput(std::string device_spec, std::shared_ptr<LiveRing> ring)
    : spec_(std::move(device_spec)) {
    if (!ring) throw std::invalid_argument("a capture input needs a ring");
    fan_out_ = std::make_shared<LiveFanOut>(ring->sample_rate());
    fan_out_->attach(std::move(ring));
}

CaptureInput::~CaptureInput() {
    close();
}

void CaptureInput::open() {
    close();
    auto session = std::make_unique<PortAudioSession>();
    DeviceInfo device;
    try {
        device = find_input_device(spec_);
    } catch (const UserError& e) {
        // The message names the spec and lists the capture devices.
        throw UserError(std::string("cannot open the microphone: ") + e.what());
    }
    device_name_ = device.name;
    const std::string label = "\"" + device.name + "\" [" + device.host_api + "]";

    const PaDeviceInfo* info = Pa_GetDeviceInfo(device.index);
    PaStreamParameters params{};
    params.device = device.index;
    params.channelCount = 1;
    params.sampleFormat = paFloat32;
    // The device's low latency: measured through ALSA's PulseAudio plugin on a loaded machine,
    // asking for the high latency (or 0.1 s) lost 10-15 % of the frames, the low one (about
    // 35 ms) rarely any.
    params.suggestedLatency = info ? info->defaultLowInputLatency : fallback_latency_s;
    params.hostApiSpecificStreamInfo = nullptr;

    PaStream* stream = nullptr;
    PaError err =
        Pa_OpenStream(&stream, &params, nullptr, fan_out_->sample_rate(),
                      paFramesPerBufferUnspecified, paNoFlag, &capture_callback, fan_out_.get());
    if (err != paNoError)
        throw UserError("cannot open the microphone " + label + " at " +
                        std::to_string(fan_out_->sample_rate()) +
                        " Hz, 1 channel: " + portaudio_error_text(err));
    err = Pa_StartStream(stream);
    if (err != paNoError) {
        Pa_CloseStream(stream);
        throw UserError("cannot start the microphone " + label + ": " + portaudio_error_text(err));
    }
    stream_ = stream;
    session_ = std::move(session);
}

void CaptureInput::close() noexcept {
    if (stream_) {
        auto* stream = static_cast<PaStream*>(stream_);
        if (Pa_IsStreamStopped(stream) == 0) Pa_AbortStream(stream);
        Pa_CloseStream(stream);
        stream_ = nullptr;
    }
    session_.reset();
}

double CaptureInput::input_latency_seconds() const {
    if (!stream_) return 0.0;
    const PaStreamInfo* info = Pa_GetStreamInfo(static_cast<PaStream*>(stream_));
    return info ? info->inputLatency : 0.0;
}

}  // namespace vc::audio
