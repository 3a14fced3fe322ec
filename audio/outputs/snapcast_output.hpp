#pragma once
// A zone's finished sound sent to snapserver, which carries it to the villages' receivers: a
// TCP connection to the stream's `tcp://HOST:PORT?mode=server` source, 16-bit stereo PCM at the
// stream's 48 kHz, sent at the pace of a sound card.

#include <atomic>
#include <cstdint>
#include <string>
#include <vector>

#include "audio/output.hpp"
#include "audio/outputs/frame_pacer.hpp"
#include "audio/outputs/output_options.hpp"
#include "core/clock.hpp"

namespace vc::audio {

/// Sends frames to one Snapcast stream. open() sends the lead (one chunk and 100 ms) of silence
/// and anchors the stream's time there; each write then returns once snapserver has read all
/// but the lead. snapserver reads one chunk every chunk_ms from its first read and, when a
/// chunk is not there in time, starts the stream's clock again from that late read, which
/// would move the receivers' sound later than the daemon placed it: the lead keeps the next
/// chunk there through any delay of the decoding thread shorter than 100 ms. snapserver plays a
/// frame to its receivers `buffer` after it reads it, so the listener hears frame f at anchor +
/// lead + buffer - chunk + f / rate: first_frame_time() says so, and the daemon places each
/// airing that much earlier. A busy snapserver reads the first chunk late, and every receiver
/// would sound that much late: when the address has a watch (the daemon's own receiver on the
/// stream), open() marks the first frame, and the first writes learn from the watch when
/// snapserver really read it and leave out (or add) that much of the silence before the
/// airing. open() and close() on the control thread before and after the decoding thread,
/// which writes.
class SnapcastOutput final : public Output {
  public:
    /// `stream`: the stream's name (as in snapserver.conf); `clock` paces the writes and must
    /// outlive the output.
    SnapcastOutput(std::string stream, SnapcastAddress address, Clock& clock);
    ~SnapcastOutput() override;
    SnapcastOutput(const SnapcastOutput&) = delete;
    SnapcastOutput& operator=(const SnapcastOutput&) = delete;

    /// Connects to snapserver (within 2 s). Throws UserError when the format is not the
    /// stream's (48 kHz, mono or stereo) or snapserver does not answer on the stream's port.
    void open(const AudioFormat& format) override;
    /// Sends the frames as 16-bit stereo (mono doubled, full scale clipped) and returns when
    /// they are due. Throws UserError when snapserver closed the connection or took nothing for
    /// 2 s.
    void write(const float* interleaved, std::int64_t frames) override;
    void drain() override {}
    void close() override;
    /// "snapcast:STREAM (HOST:PORT)".
    [[nodiscard]] std::string name() const override;
    [[nodiscard]] std::int64_t frames_played() const override { return written_.load(); }
    /// The lead plus snapserver's buffer, less the one chunk by which it stamps its first read
    /// early.
    [[nodiscard]] std::int64_t latency_frames() const override;
    /// The anchor plus latency_frames(): when the first frame sounds at the receivers.
    [[nodiscard]] std::optional<MonoTime> first_frame_time() const override;

  private:
    [[nodiscard]] std::int64_t lead_frames() const;
    /// Once per opening: how many frames snapserver's first read was late, from the watch.
    void settle();
    /// The first of `frames` to send: leaves out silent frames while the stream is late.
    std::int64_t skip_silence(const float* interleaved, std::int64_t frames);
    void send_all(const char* bytes, std::size_t size);

    std::string stream_;
    SnapcastAddress address_;
    Clock& clock_;
    int fd_ = -1;
    int channels_ = 2;
    std::vector<std::int16_t> pcm_;
    std::atomic<std::int64_t> written_{0};
    bool settled_ = true;
    /// Frames still to leave out (> 0: snapserver's clock started late) or to add (< 0).
    std::int64_t shift_pending_ = 0;
    FramePacer pacer_;
};

}  // namespace vc::audio
