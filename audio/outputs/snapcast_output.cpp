#include "audio/outputs/snapcast_output.hpp"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>

#include <sys/socket.h>
#include <unistd.h>

#include "audio/stream_marker.hpp"
#include "core/diagnostic.hpp"
#include "core/log.hpp"
#include "core/tcp_connect.hpp"

namespace vc::audio {
namespace {

/// How long snapserver may take to accept the connection, or to take a block.
constexpr int timeout_ms = 2000;

/// The stream's sample rate: `villagecast snapcast config` declares 48000:16:2.
constexpr int stream_rate = 48000;

std::int16_t to_s16(float v) {
    const float scaled = std::nearbyint(std::clamp(v, -1.0F, 1.0F) * 32767.0F);
    return static_cast<std::int16_t>(scaled);
}

}  // namespace

SnapcastOutput::SnapcastOutput(std::string stream, SnapcastAddress address, Clock& clock)
    : stream_(std::move(stream)), address_(std::move(address)), clock_(clock) {}

SnapcastOutput::~SnapcastOutput() {
    close();
}

std::string SnapcastOutput::name() const {
    return "snapcast:" + stream_ + " (" + address_.host + ":" + std::to_string(address_.port) + ")";
}

void SnapcastOutput::open(const AudioFormat& format) {
    close();
    if (format.sample_rate != stream_rate || format.channels < 1 || format.channels > 2)
        throw UserError("Snapcast stream \"" + stream_ + "\" carries 48 kHz stereo, not " +
                        std::to_string(format.sample_rate) + " Hz with " +
                        std::to_string(format.channels) +
                        " channels: set [output] sample_rate = 48000 and channels = 2 in "
                        "station.toml");
    channels_ = format.channels;
    const std::string where = "snapserver's stream \"" + stream_ + "\" at " + address_.host + ":" +
                              std::to_string(address_.port);
    int err = 0;
    const int fd = tcp_connect(address_.host, address_.port, Millis(timeout_ms), err);
    if (fd < 0) {
        if (err == EINVAL)
            throw UserError(where + ": \"" + address_.host + "\" is not an IPv4 address");
        throw UserError("cannot reach " + where + ": " + std::strerror(err) +
                        " (is snapserver running with the lines `villagecast snapcast config` "
                        "prints?)");
    }
    // A snapserver that stops reading is lost after the send timeout.
    timeval tv{timeout_ms / 1000, (timeout_ms % 1000) * 1000};
    ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
    fd_ = fd;
    written_ = 0;
    pacer_.start(format.sample_rate);
    // The lead's silence goes out now, and the stream's time starts here: the anchor is known
    // before the decoding thread writes, so an airing placed at once is placed by it.
    // The anchor is read before the send: snapserver can read the silence as soon as it lands.
    pcm_.assign(static_cast<std::size_t>(lead_frames()) * 2, 0);
    settled_ = address_.watch == nullptr;
    shift_pending_ = 0;
    if (address_.watch) {
        StreamMarker::write(static_cast<std::uint16_t>(address_.port), pcm_.data());
        address_.watch->expect();
    }
    pacer_.anchor_now(clock_);
    try {
        send_all(reinterpret_cast<const char*>(pcm_.data()), pcm_.size() * sizeof(std::int16_t));
    } catch (...) {
        close();
        throw;
    }
}

void SnapcastOutput::send_all(const char* bytes, std::size_t size) {
    while (size > 0) {
        const ssize_t n = ::send(fd_, bytes, size, MSG_NOSIGNAL);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            const int err = n < 0 ? errno : ECONNRESET;
            throw UserError("lost snapserver's stream \"" + stream_ + "\" at " + address_.host +
                            ":" + std::to_string(address_.port) + ": " +
                            (err == EAGAIN || err == EWOULDBLOCK
                                 ? std::string("it took nothing for 2 s")
                                 : std::string(std::strerror(err))));
        }
        bytes += n;
        size -= static_cast<std::size_t>(n);
    }
}

void SnapcastOutput::write(const float* interleaved, std::int64_t frames) {
    if (frames <= 0) return;
    if (fd_ < 0) throw UserError("Snapcast stream \"" + stream_ + "\" is not open");
    settle();
    const std::int64_t first = skip_silence(interleaved, frames);
    const std::int64_t added = shift_pending_ < 0 ? -shift_pending_ : 0;
    shift_pending_ += added;
    pcm_.resize(static_cast<std::size_t>(added + frames - first) * 2);
    std::fill_n(pcm_.begin(), added * 2, std::int16_t{0});
    for (std::int64_t f = first; f < frames; ++f) {
        const float* in = interleaved + f * channels_;
        pcm_[2 * (added + f - first)] = to_s16(in[0]);
        pcm_[2 * (added + f - first) + 1] = to_s16(in[channels_ - 1]);
    }
    // snapserver reads little-endian samples; so are the machines this runs on.
    send_all(reinterpret_cast<const char*>(pcm_.data()), pcm_.size() * sizeof(std::int16_t));
    written_ += frames;
    // Sleeps until snapserver has read all but the lead of what was sent.
    pacer_.pace(clock_, written_);
}

void SnapcastOutput::settle() {
    if (settled_) return;
    const auto read = address_.watch->marker_read();
    const auto anchor = pacer_.anchor();
    if (!read || !anchor) {
        // The first second goes by the estimate; after it, the airing may be near.
        if (written_ < stream_rate) return;
        settled_ = true;
        const std::string why = address_.watch->problem();
        log_line(clock_, Level::warning,
                 name() + ": snapserver's time stamp on the stream's first frame did not come " +
                     "within 1 s" + (why.empty() ? "" : " (" + why + ")") +
                     "; the villages hear this opening's airings by the planned time, which a "
                     "busy snapserver can make late");
        return;
    }
    settled_ = true;
    // snapserver stamps its first read one chunk early (latency_frames()); the anchor is the
    // moment the first frame was sent.
    const auto planned = *anchor - std::chrono::duration_cast<MonoTime::duration>(address_.chunk);
    const std::int64_t late_ns =
        std::chrono::duration_cast<std::chrono::nanoseconds>(*read - planned).count();
    shift_pending_ =
        static_cast<std::int64_t>(std::llround(static_cast<double>(late_ns) * stream_rate / 1e9));
    if (shift_pending_ == 0) {
        log_line(clock_, Level::info,
                 name() + ": snapserver started the stream's clock on time (within a frame)");
        return;
    }
    char ms[32];
    std::snprintf(ms, sizeof ms, "%.2f ms", std::abs(static_cast<double>(late_ns)) / 1e6);
    log_line(clock_, Level::info,
             name() + ": snapserver started the stream's clock " + ms +
                 (late_ns > 0 ? " late; that much of the silence before the airing is left out"
                              : " early; that much silence is added before the airing") +
                 " so that the villages hear it on time");
}

std::int64_t SnapcastOutput::skip_silence(const float* interleaved, std::int64_t frames) {
    std::int64_t f = 0;
    while (shift_pending_ > 0 && f < frames) {
        const float* in = interleaved + f * channels_;
        if (!std::all_of(in, in + channels_, [](float v) { return v == 0.0F; })) {
            char ms[32];
            std::snprintf(ms, sizeof ms, "%.2f ms",
                          static_cast<double>(shift_pending_) * 1000.0 / stream_rate);
            log_line(clock_, Level::warning,
                     name() + ": the airing began before the stream's late start was made up; " +
                         "the villages hear it " + ms + " late");
            shift_pending_ = 0;
            break;
        }
        ++f;
        --shift_pending_;
    }
    return f;
}

void SnapcastOutput::close() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
}

std::int64_t SnapcastOutput::lead_frames() const {
    return (address_.chunk + Millis(100)).count() * stream_rate / 1000;
}

std::int64_t SnapcastOutput::latency_frames() const {
    // snapserver (0.26) stamps the first chunk it reads after a connection as begun one chunk
    // before it read it, and its receivers play it that much before the buffer is up.
    return lead_frames() + (address_.buffer - address_.chunk).count() * stream_rate / 1000;
}

std::optional<MonoTime> SnapcastOutput::first_frame_time() const {
    const auto anchor = pacer_.anchor();
    if (!anchor) return std::nullopt;
    return *anchor + std::chrono::duration_cast<MonoTime::duration>(
                         std::chrono::nanoseconds(latency_frames() * 1'000'000'000 / stream_rate));
}

}  // namespace vc::audio
