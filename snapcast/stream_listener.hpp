#pragma once
// A receiver of the daemon's own on one Snapcast stream: it speaks snapserver's binary
// protocol, plays nothing, and reads the server time stamped on each chunk, so that the
// stream's output learns when snapserver really read its first frame (snapserver starts each
// stream's clock at its own first read, which a busy snapserver makes late by up to tens of
// milliseconds). snapserver on this machine (127.x.x.x) keeps this machine's monotonic clock;
// one on another machine is followed with Time messages, as snapclient does.

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <thread>

#include "audio/stream_marker.hpp"
#include "core/clock.hpp"

namespace vc::snapcast {

struct ListenerAddress {
    std::string host = "127.0.0.1";  ///< snapserver's IPv4 address
    int receiver_port = 1704;        ///< where its receivers connect ([stream] port)
    std::string stream;              ///< the stream's name, for the listener's ID
    std::uint16_t tag = 0;           ///< the stream's mark (its source's TCP port)
};

/// Connects in a thread of its own and keeps connecting (every second) until destroyed.
class StreamListener final : public audio::MarkerWatch {
  public:
    /// `clock` must outlive the listener.
    StreamListener(ListenerAddress address, const Clock& clock);
    ~StreamListener() override;
    StreamListener(const StreamListener&) = delete;
    StreamListener& operator=(const StreamListener&) = delete;

    void expect() override;
    [[nodiscard]] std::optional<MonoTime> marker_read() const override;
    [[nodiscard]] std::string problem() const override;
    /// snapserver's clock less this machine's monotonic clock, in nanoseconds, from the Time
    /// answer with the shortest round trip of the last minute; nullopt before the first. (For
    /// a snapserver on this machine, the stamps are read with 0 whatever this says.)
    [[nodiscard]] std::optional<std::int64_t> server_offset_ns() const;

  private:
    void run();
    void follow(int fd);
    void on_message(std::uint16_t type, std::int64_t sent_ns, std::span<const unsigned char> body,
                    std::int64_t received_ns);
    void on_chunk(std::span<const unsigned char> body);
    [[nodiscard]] std::int64_t now_ns() const;
    void fail(std::string why);

    ListenerAddress address_;
    bool same_machine_;
    const Clock& clock_;
    std::atomic<bool> stop_{false};
    mutable std::mutex mutex_;
    std::condition_variable wake_;
    bool expecting_ = false;
    std::optional<MonoTime> marker_read_;
    std::string problem_;
    std::string codec_;
    /// (round trip, offset) of the recent Time answers, oldest first.
    std::deque<std::pair<std::int64_t, std::int64_t>> samples_;
    std::thread thread_;
};

}  // namespace vc::snapcast
