#include "tests/support/snapcast_probe.hpp"

#include <array>
#include <cerrno>
#include <cstring>
#include <vector>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "snapcast/binary_protocol.hpp"

namespace vc::test {
namespace {

/// Reads exactly `size` bytes, giving up when `stop` is set; false at the end of the stream.
bool read_all(int fd, unsigned char* out, std::size_t size, const std::atomic<bool>& stop) {
    while (size > 0) {
        pollfd p{fd, POLLIN, 0};
        const int ready = ::poll(&p, 1, 100);
        if (stop) return false;
        if (ready < 0 && errno == EINTR) continue;
        if (ready <= 0) continue;
        const ssize_t n = ::recv(fd, out, size, 0);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return false;
        out += n;
        size -= static_cast<std::size_t>(n);
    }
    return true;
}

}  // namespace

SnapcastProbe::SnapcastProbe(const std::string& host_id, std::uint16_t server_port) {
    fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    REQUIRE(fd_ >= 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(server_port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    INFO("connecting to snapserver's receiver port " << server_port);
    REQUIRE(::connect(fd_, reinterpret_cast<const sockaddr*>(&addr), sizeof addr) == 0);
    const auto message = snapcast::hello_message(host_id, {});
    REQUIRE(::send(fd_, message.data(), message.size(), MSG_NOSIGNAL) ==
            static_cast<ssize_t>(message.size()));
    thread_ = std::thread([this] { run(); });
}

SnapcastProbe::~SnapcastProbe() {
    stop_ = true;
    if (thread_.joinable()) thread_.join();
    if (fd_ >= 0) ::close(fd_);
}

std::optional<std::int64_t> SnapcastProbe::first_loud_ns() const {
    std::lock_guard lock(mutex_);
    return first_loud_ns_;
}

std::string SnapcastProbe::problem() const {
    std::lock_guard lock(mutex_);
    return problem_;
}

void SnapcastProbe::run() {
    std::int64_t buffer_ms = 1000;
    std::string codec;
    std::array<unsigned char, snapcast::MessageHeader::size> header{};
    std::vector<unsigned char> body;
    while (!stop_) {
        if (!read_all(fd_, header.data(), header.size(), stop_)) break;
        const auto head = snapcast::parse_header(header);
        body.resize(head.body_size);
        if (!read_all(fd_, body.data(), body.size(), stop_)) break;
        const auto type = static_cast<snapcast::MessageType>(head.type);
        if (type == snapcast::MessageType::server_settings) {
            const auto settings = nlohmann::json::parse(
                snapcast::parse_sized_string(body).value_or(""), nullptr, false);
            if (settings.is_object())
                buffer_ms = settings.value("bufferMs", buffer_ms) - settings.value("latency", 0);
        } else if (type == snapcast::MessageType::codec_header) {
            codec = snapcast::parse_sized_string(body).value_or("");
        } else if (type == snapcast::MessageType::wire_chunk) {
            const auto chunk = snapcast::parse_wire_chunk(body);
            if (!chunk) continue;
            if (codec != "pcm") {
                std::lock_guard lock(mutex_);
                problem_ = "the stream's codec is \"" + codec + "\", not pcm";
                break;
            }
            const unsigned char* pcm = chunk->payload.data();
            for (std::size_t frame = 0; frame * 4 + 1 < chunk->payload.size(); ++frame) {
                const auto left =
                    static_cast<std::int16_t>(pcm[frame * 4] | (pcm[frame * 4 + 1] << 8));
                if (left > 16384 || left < -16384) {
                    std::lock_guard lock(mutex_);
                    if (!first_loud_ns_)
                        first_loud_ns_ = chunk->timestamp.ns() +
                                         static_cast<std::int64_t>(frame) * 1'000'000'000 / 48000 +
                                         buffer_ms * 1'000'000;
                    break;
                }
            }
        }
    }
    std::lock_guard lock(mutex_);
    if (problem_.empty() && !stop_) problem_ = "snapserver closed the connection";
}

}  // namespace vc::test
