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

namespace vc::test {
namespace {

// Snapcast's binary protocol (doc/binary_protocol.md): every message starts with a 26-byte
// little-endian header; its type says what follows.
constexpr std::size_t header_size = 26;
constexpr std::uint16_t codec_header = 1;
constexpr std::uint16_t wire_chunk = 2;
constexpr std::uint16_t server_settings = 3;
constexpr std::uint16_t hello = 5;

std::uint16_t u16(const unsigned char* p) {
    return static_cast<std::uint16_t>(p[0] | (p[1] << 8));
}
std::uint32_t u32(const unsigned char* p) {
    return static_cast<std::uint32_t>(p[0]) | (static_cast<std::uint32_t>(p[1]) << 8) |
           (static_cast<std::uint32_t>(p[2]) << 16) | (static_cast<std::uint32_t>(p[3]) << 24);
}
void put_u16(std::vector<unsigned char>& out, std::uint16_t v) {
    out.push_back(static_cast<unsigned char>(v & 0xff));
    out.push_back(static_cast<unsigned char>(v >> 8));
}
void put_u32(std::vector<unsigned char>& out, std::uint32_t v) {
    for (int i = 0; i < 4; ++i) out.push_back(static_cast<unsigned char>((v >> (8 * i)) & 0xff));
}

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
    const std::string json =
        R"({"Arch":"x86_64","ClientName":"Snapclient","HostName":")" + host_id + R"(","ID":")" +
        host_id +
        R"(","Instance":1,"MAC":"00:00:00:00:00:00","OS":"Linux","SnapStreamProtocolVersion":2,)"
        R"("Version":"0.26.0"})";
    std::vector<unsigned char> message;
    put_u16(message, hello);
    put_u16(message, 0);
    put_u16(message, 0);
    for (int i = 0; i < 4; ++i) put_u32(message, 0);  // sent and received times
    put_u32(message, static_cast<std::uint32_t>(4 + json.size()));
    put_u32(message, static_cast<std::uint32_t>(json.size()));
    message.insert(message.end(), json.begin(), json.end());
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
    std::array<unsigned char, header_size> header{};
    std::vector<unsigned char> body;
    while (!stop_) {
        if (!read_all(fd_, header.data(), header.size(), stop_)) break;
        body.resize(u32(header.data() + 22));
        if (!read_all(fd_, body.data(), body.size(), stop_)) break;
        const std::uint16_t type = u16(header.data());
        if (type == server_settings && body.size() >= 4) {
            const auto settings = nlohmann::json::parse(
                std::string(reinterpret_cast<const char*>(body.data()) + 4,
                            std::min<std::size_t>(u32(body.data()), body.size() - 4)),
                nullptr, false);
            if (settings.is_object())
                buffer_ms = settings.value("bufferMs", buffer_ms) - settings.value("latency", 0);
        } else if (type == codec_header && body.size() >= 4) {
            codec.assign(reinterpret_cast<const char*>(body.data()) + 4,
                         std::min<std::size_t>(u32(body.data()), body.size() - 4));
        } else if (type == wire_chunk && body.size() >= 12) {
            if (codec != "pcm") {
                std::lock_guard lock(mutex_);
                problem_ = "the stream's codec is \"" + codec + "\", not pcm";
                break;
            }
            const auto sec = static_cast<std::int32_t>(u32(body.data()));
            const auto usec = static_cast<std::int32_t>(u32(body.data() + 4));
            const std::size_t bytes = std::min<std::size_t>(u32(body.data() + 8), body.size() - 12);
            const unsigned char* pcm = body.data() + 12;
            for (std::size_t frame = 0; frame * 4 + 1 < bytes; ++frame) {
                const auto left = static_cast<std::int16_t>(u16(pcm + frame * 4));
                if (left > 16384 || left < -16384) {
                    std::lock_guard lock(mutex_);
                    if (!first_loud_ns_)
                        first_loud_ns_ = std::int64_t{sec} * 1'000'000'000 +
                                         std::int64_t{usec} * 1000 +
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
