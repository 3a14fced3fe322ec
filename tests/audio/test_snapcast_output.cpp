// A Snapcast stream's output moves its sound by what the watch on the stream says of
// snapserver's first read: the bytes it sends (to a TCP socket on the test's side, where
// snapserver's source would listen) show the mark on the first frame, and the silence before
// the airing shortened or lengthened by exactly that many frames. The clock is a manual one, so
// the pacing costs no time.

#include <catch2/catch.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "audio/outputs/snapcast_output.hpp"
#include "audio/stream_marker.hpp"

namespace {

using namespace std::chrono_literals;

/// Says the marked frame was read `late` after the output planned it (its anchor less one
/// chunk), or never.
class StubbornWatch final : public vc::audio::MarkerWatch {
  public:
    StubbornWatch(const vc::Clock& clock, std::optional<std::chrono::microseconds> late)
        : clock_(clock), late_(late) {}
    void expect() override {
        if (late_) read_ = clock_.monotonic() - 50ms + *late_;
    }
    [[nodiscard]] std::optional<vc::MonoTime> marker_read() const override { return read_; }
    [[nodiscard]] std::string problem() const override { return late_ ? "" : "never sees it"; }

  private:
    const vc::Clock& clock_;
    std::optional<std::chrono::microseconds> late_;
    std::optional<vc::MonoTime> read_;
};

/// Listens where snapserver's source would and keeps every 16-bit stereo frame sent to it.
class Source {
  public:
    Source() {
        listener_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        REQUIRE(listener_ >= 0);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        REQUIRE(::bind(listener_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
        socklen_t len = sizeof addr;
        REQUIRE(::getsockname(listener_, reinterpret_cast<sockaddr*>(&addr), &len) == 0);
        port_ = ntohs(addr.sin_port);
        REQUIRE(::listen(listener_, 1) == 0);
        thread_ = std::thread([this] {
            const int fd = ::accept(listener_, nullptr, nullptr);
            if (fd < 0) return;
            unsigned char buffer[65536];
            for (ssize_t n; (n = ::recv(fd, buffer, sizeof buffer, 0)) > 0;)
                bytes_.insert(bytes_.end(), buffer, buffer + n);
            ::close(fd);
        });
    }
    ~Source() {
        ::shutdown(listener_, SHUT_RDWR);
        if (thread_.joinable()) thread_.join();
        ::close(listener_);
    }
    [[nodiscard]] int port() const { return port_; }
    /// The frames received, once the output closed its connection.
    std::vector<std::int16_t> frames() {
        thread_.join();
        std::vector<std::int16_t> out(bytes_.size() / 2);
        std::memcpy(out.data(), bytes_.data(), out.size() * 2);
        return out;
    }

  private:
    int listener_ = -1;
    int port_ = 0;
    std::vector<unsigned char> bytes_;
    std::thread thread_;
};

/// Sends `silent` frames of silence and then 0.1 s of a loud one through an output whose watch
/// says `late`, and returns what snapserver would have read.
std::vector<std::int16_t> send(std::optional<std::chrono::microseconds> late, std::int64_t silent,
                               int& port) {
    vc::ManualClock clock(vc::Instant{});
    Source source;
    port = source.port();
    auto watch = std::make_shared<StubbornWatch>(clock, late);
    vc::audio::SnapcastOutput output("wangjia", {"127.0.0.1", port, 1000ms, 50ms, watch}, clock);
    output.open({48000, 2});
    constexpr std::int64_t block = 960;
    std::vector<float> samples(block * 2);
    for (std::int64_t f = 0; f < silent + 4800; f += block) {
        for (std::int64_t i = 0; i < block; ++i)
            samples[2 * i] = samples[2 * i + 1] = f + i >= silent ? 0.5F : 0.0F;
        output.write(samples.data(), block);
    }
    output.close();
    return source.frames();
}

/// The first frame whose left sample is loud.
std::int64_t first_loud(const std::vector<std::int16_t>& pcm) {
    for (std::size_t f = 0; 2 * f < pcm.size(); ++f)
        if (pcm[2 * f] > 10000) return static_cast<std::int64_t>(f);
    return -1;
}

/// The lead's frames: one chunk and 100 ms.
constexpr std::int64_t lead = 7200;

}  // namespace

TEST_CASE("a Snapcast stream that snapserver started late leaves out that much silence",
          "[snapcast]") {
    int port = 0;
    const auto pcm = send(10ms, 48000, port);
    REQUIRE(pcm.size() >= 2 * vc::audio::StreamMarker::frames);
    CHECK(vc::audio::StreamMarker::matches(static_cast<std::uint16_t>(port), pcm.data()));
    // 10 ms at 48 kHz.
    CHECK(first_loud(pcm) == lead + 48000 - 480);
    CHECK(static_cast<std::int64_t>(pcm.size() / 2) == lead + 48000 + 4800 - 480);
}

TEST_CASE("a Snapcast stream that snapserver started early gets that much more silence",
          "[snapcast]") {
    int port = 0;
    const auto pcm = send(-5ms, 48000, port);
    CHECK(first_loud(pcm) == lead + 48000 + 240);
}

TEST_CASE(
    "a Snapcast stream keeps its planned time when the watch never sees the mark, or "
    "when the airing began before the late start could be made up",
    "[snapcast]") {
    int port = 0;
    CHECK(first_loud(send(std::nullopt, 48000, port)) == lead + 48000);
    // Only the 96 frames of silence there are can go.
    CHECK(first_loud(send(10ms, 96, port)) == lead);
    // Without a watch, the first frames are silence: no mark.
    vc::ManualClock clock(vc::Instant{});
    Source source;
    vc::audio::SnapcastOutput output("wangjia", {"127.0.0.1", source.port(), 1000ms, 50ms, nullptr},
                                     clock);
    output.open({48000, 2});
    output.close();
    const auto pcm = source.frames();
    CHECK(static_cast<std::int64_t>(pcm.size() / 2) == lead);
    CHECK(std::all_of(pcm.begin(), pcm.end(), [](std::int16_t s) { return s == 0; }));
}
