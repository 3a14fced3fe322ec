#pragma once
// A receiver that speaks Snapcast's binary protocol itself and plays nothing: it reads the
// chunks snapserver sends to its group, with the server time each is to be played at, and
// finds when the first loud sample is due at every receiver of that stream. snapserver's
// clock is the monotonic clock of the machine it runs on, so on one machine this says when
// the stream puts a sound, without any receiver's own clock error.

#include <atomic>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

namespace vc::test {

class SnapcastProbe {
  public:
    /// Connects to snapserver's receiver port on 127.0.0.1 as receiver `host_id` and reads in
    /// a thread of its own until destroyed. Fails the test when it cannot connect.
    SnapcastProbe(const std::string& host_id, std::uint16_t server_port);
    ~SnapcastProbe();
    SnapcastProbe(const SnapcastProbe&) = delete;
    SnapcastProbe& operator=(const SnapcastProbe&) = delete;

    /// When the first sample above half of full scale (left channel) is due at the receivers:
    /// its chunk's time + its place in the chunk + snapserver's buffer, in nanoseconds of
    /// CLOCK_MONOTONIC; empty until one came.
    [[nodiscard]] std::optional<std::int64_t> first_loud_ns() const;
    /// Why the probe stopped reading, or "".
    [[nodiscard]] std::string problem() const;

  private:
    void run();

    int fd_ = -1;
    std::atomic<bool> stop_{false};
    mutable std::mutex mutex_;
    std::optional<std::int64_t> first_loud_ns_;
    std::string problem_;
    std::thread thread_;
};

}  // namespace vc::test
