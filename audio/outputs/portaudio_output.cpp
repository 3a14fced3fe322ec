#include "audio/outputs/portaudio_output.hpp"

#include <pa_linux_alsa.h>
#include <portaudio.h>

#include <time.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <thread>
#include <vector>

#include "audio/audio_format.hpp"
#include "audio/outputs/device_list.hpp"
#include "audio/outputs/playback_ring.hpp"
#include "audio/outputs/portaudio_callback.hpp"
#include "audio/outputs/portaudio_session.hpp"
#include "core/diagnostic.hpp"

namespace vc::audio {

namespace {

/// The least host buffer asked for by default (see open()).
constexpr double min_latency_s = 0.1;

std::string label(const DeviceInfo& d) {
    return d.name + " [" + d.host_api + "]";
}

double seconds_of(clockid_t clock) {
    timespec ts{};
    ::clock_gettime(clock, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

/// Monotonic time minus PortAudio stream time. The stream's time base is the host API's choice
/// (ALSA stamps with the wall clock unless told otherwise), so read it next to both of the
/// machine's clocks and see which one it follows.
double stream_to_monotonic(PaStream* stream) {
    const double monotonic = seconds_of(CLOCK_MONOTONIC);
    const double stream_time = Pa_GetStreamTime(stream);
    const double wall = seconds_of(CLOCK_REALTIME);
    if (std::abs(stream_time - monotonic) < 5.0) return 0.0;
    if (std::abs(stream_time - wall) < 5.0) return monotonic - wall;
    return monotonic - stream_time;
}

}  // namespace

PortAudioOutput::PortAudioOutput(std::string device_spec, const OutputOptions& options)
    : spec_(std::move(device_spec)), options_(options) {
    device_name_ = label(find_output_device(spec_));
}

PortAudioOutput::~PortAudioOutput() {
    close();
}

std::string PortAudioOutput::name() const {
    return "PortAudio: " + device_name_;
}

void PortAudioOutput::open(const AudioFormat& format) {
    close();
    session_ = std::make_unique<PortAudioSession>();
    const DeviceInfo device = find_output_device(spec_);
    device_name_ = label(device);
    format_ = format;
    written_ = 0;
    stream_time_mapped_.store(false, std::memory_order_relaxed);
    if (format.channels > device.max_output_channels)
        throw UserError("cannot open sound device " + device_name_ + ": it has " +
                        std::to_string(device.max_output_channels) +
                        " output channels, the station needs " + std::to_string(format.channels));

    const PaDeviceInfo* info = Pa_GetDeviceInfo(device.index);
    PaStreamParameters params{};
    params.device = device.index;
    params.channelCount = format.channels;
    params.sampleFormat = paFloat32;
    // Below our ring, the host's own buffer: ALSA's PulseAudio plugin offers about 35 ms, which a
    // busy office PC starves (its thread misses a turn and the sink plays silence). Starts stay
    // exact at any latency (frames are anchored to the DAC time), so keep at least min_latency.
    params.suggestedLatency = options_.device_latency_s > 0.0
                                  ? options_.device_latency_s
                                  : std::max(info->defaultHighOutputLatency, min_latency_s);
    params.hostApiSpecificStreamInfo = nullptr;

    const std::int64_t ring_frames =
        std::max<std::int64_t>(frames_for_ms(options_.buffer_ms, format.sample_rate), 1024);
    ring_ = std::make_unique<PlaybackRing>(ring_frames, format.channels);
    ring_samples_ =
        static_cast<std::size_t>(ring_frames) * static_cast<std::size_t>(format.channels);

    PaStream* stream = nullptr;
    PaError err =
        Pa_OpenStream(&stream, nullptr, &params, format.sample_rate, paFramesPerBufferUnspecified,
                      paNoFlag, &playback_callback, ring_.get());
    if (err != paNoError) {
        ring_.reset();
        session_.reset();
        throw UserError("cannot open sound device " + device_name_ + " at " +
                        std::to_string(format.sample_rate) + " Hz, " +
                        std::to_string(format.channels) +
                        " channels: " + portaudio_error_text(err));
    }
    stream_ = stream;
    if (const PaStreamInfo* si = Pa_GetStreamInfo(stream))
        latency_frames_.store(static_cast<std::int64_t>(si->outputLatency * format.sample_rate),
                              std::memory_order_relaxed);
    // ALSA's callback thread (the one that hands our ring to the device or the sound server)
    // asks for SCHED_FIFO when it starts, where the limits allow it (LimitRTPRIO=, rtkit's
    // rules do not apply to it); it runs at normal priority otherwise.
    if (const PaHostApiInfo* api = Pa_GetHostApiInfo(info->hostApi); api && api->type == paALSA)
        PaAlsa_EnableRealtimeScheduling(stream, 1);
    err = Pa_SetStreamFinishedCallback(stream, &playback_finished);
    if (err != paNoError) {
        close();
        throw UserError("cannot use sound device " + device_name_ + ": " +
                        portaudio_error_text(err));
    }
}

void PortAudioOutput::start() {
    if (started_ || !stream_) return;
    const PaError err = Pa_StartStream(static_cast<PaStream*>(stream_));
    if (err != paNoError)
        throw UserError("cannot start sound device " + device_name_ + ": " +
                        portaudio_error_text(err));
    started_ = true;
    stream_to_monotonic_.store(stream_to_monotonic(static_cast<PaStream*>(stream_)),
                               std::memory_order_relaxed);
    stream_time_mapped_.store(true, std::memory_order_release);
}

void PortAudioOutput::wait_for_progress(std::uint32_t seen) {
    // std::atomic::wait has no time limit, and a device that stops calling back without saying
    // so (a hung sound server) would hold this thread for ever: look every few milliseconds
    // instead, and give the device up after stall_limit without progress.
    constexpr auto poll = std::chrono::milliseconds(4);
    constexpr auto stall_limit = std::chrono::seconds(3);
    const auto since = std::chrono::steady_clock::now();
    while (ring_->progress.load(std::memory_order_acquire) == seen) {
        if (std::chrono::steady_clock::now() - since > stall_limit)
            throw UserError("sound device " + device_name_ + " took no frames for " +
                            std::to_string(stall_limit.count()) + " s");
        std::this_thread::sleep_for(poll);
    }
}

void PortAudioOutput::write(const float* interleaved, std::int64_t frames) {
    if (!stream_) throw UserError("cannot play to " + name() + ": it is not open");
    const auto channels = static_cast<std::size_t>(format_.channels);
    std::size_t remaining = static_cast<std::size_t>(frames) * channels;
    while (remaining > 0) {
        const std::uint32_t seen = ring_->progress.load(std::memory_order_acquire);
        if (ring_->finished.load(std::memory_order_acquire))
            throw UserError("sound device " + device_name_ + " stopped playing");
        // Whole frames only, so that the callback never splits one; under a lead limit, no
        // more than that many frames queued.
        std::size_t room = ring_->samples.write_available();
        if (lead_limit_ > 0) {
            const std::size_t queued = ring_samples_ - std::min(room, ring_samples_);
            const auto allowed = static_cast<std::size_t>(lead_limit_) * channels;
            room = std::min(room, allowed > queued ? allowed - queued : 0);
        }
        room = room / channels * channels;
        const std::size_t n = std::min(room, remaining);
        if (n > 0) {
            ring_->samples.push(interleaved, n);
            written_ += static_cast<std::int64_t>(n / channels);
            interleaved += n;
            remaining -= n;
            continue;
        }
        if (!started_) {
            start();  // the ring is full: play
            continue;
        }
        wait_for_progress(seen);
    }
}

void PortAudioOutput::drain() {
    if (!ring_ || !stream_) return;
    if (written_ > 0) {
        // The stream completes once the callback has taken the last frame, while the host still
        // holds up to its latency of them (ALSA's pulse plugin drops those when the stream
        // stops): follow the last frame with that much silence, so what is cut is silence.
        const PaStreamInfo* info = Pa_GetStreamInfo(static_cast<PaStream*>(stream_));
        const double latency = info ? info->outputLatency : 0.0;
        const auto pad =
            static_cast<std::int64_t>(std::ceil((latency + 0.02) * format_.sample_rate));
        const std::vector<float> silence(static_cast<std::size_t>(pad * format_.channels), 0.0f);
        write(silence.data(), pad);
    }
    ring_->end_written.store(true, std::memory_order_release);
    if (!started_) {
        if (written_ == 0) return;
        start();
    }
    for (;;) {
        const std::uint32_t seen = ring_->progress.load(std::memory_order_acquire);
        if (ring_->finished.load(std::memory_order_acquire)) break;
        wait_for_progress(seen);
    }
    const PaError err = Pa_StopStream(static_cast<PaStream*>(stream_));
    started_ = false;
    if (err != paNoError && err != paStreamIsStopped)
        throw UserError("cannot stop sound device " + device_name_ + ": " +
                        portaudio_error_text(err));
}

void PortAudioOutput::close() {
    if (stream_) {
        auto* stream = static_cast<PaStream*>(stream_);
        if (Pa_IsStreamStopped(stream) == 0) Pa_AbortStream(stream);
        Pa_CloseStream(stream);
        stream_ = nullptr;
    }
    started_ = false;
    session_.reset();
    // The ring stays until the next open(), so its counters can still be read.
}

std::int64_t PortAudioOutput::underruns() const {
    return ring_ ? ring_->underruns.load(std::memory_order_relaxed) : 0;
}

std::int64_t PortAudioOutput::host_underflows() const {
    return ring_ ? ring_->host_underflows.load(std::memory_order_relaxed) : 0;
}

std::optional<double> PortAudioOutput::first_frame_dac_time() const {
    if (!ring_ || !ring_->first_dac_time_known.load(std::memory_order_acquire)) return std::nullopt;
    return ring_->first_dac_time.load(std::memory_order_relaxed);
}

std::optional<MonoTime> PortAudioOutput::first_frame_time() const {
    const auto dac = first_frame_dac_time();
    if (!dac || !stream_time_mapped_.load(std::memory_order_acquire)) return std::nullopt;
    const double monotonic = *dac + stream_to_monotonic_.load(std::memory_order_acquire);
    return MonoTime(
        std::chrono::duration_cast<MonoTime::duration>(std::chrono::duration<double>(monotonic)));
}

std::int64_t PortAudioOutput::device_frames() const {
    return ring_ ? ring_->device_frames.load(std::memory_order_relaxed) : 0;
}

void PortAudioOutput::wait_for_device_frames(std::int64_t frames) {
    if (!ring_ || !stream_ || ring_->finished.load(std::memory_order_acquire)) return;
    if (!started_) start();
    for (;;) {
        const std::uint32_t seen = ring_->progress.load(std::memory_order_acquire);
        if (ring_->device_frames.load(std::memory_order_relaxed) >= frames ||
            ring_->finished.load(std::memory_order_acquire) || !stream_)
            return;
        wait_for_progress(seen);
    }
}

}  // namespace vc::audio
