#include "snapcast/stream_listener.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <vector>

#include <poll.h>
#include <pthread.h>
#include <sys/socket.h>
#include <unistd.h>

#include "core/tcp_connect.hpp"
#include "snapcast/binary_protocol.hpp"
#include "snapcast/server_status.hpp"

namespace vc::snapcast {
namespace {

/// The stream's rate: `villagecast snapcast config` declares 48000:16:2.
constexpr std::int64_t stream_rate = 48000;
/// Time requests: a few quickly after connecting, then one a second; a minute of answers kept.
constexpr int first_requests = 10;
constexpr int request_every_ms = 1000;
constexpr std::size_t keep_samples = 60;

/// Connects within 2 s (so that a snapserver on a machine that is away never holds the
/// daemon's stop longer); -1 with `why` set when it cannot.
int connect_to(const ListenerAddress& address, std::string& why) {
    int error = 0;
    const int fd = tcp_connect(address.host, address.receiver_port, Millis(2000), error);
    if (fd < 0) {
        why = "cannot reach snapserver's receiver port " + address.host + ":" +
              std::to_string(address.receiver_port) + ": " + std::strerror(error);
        return -1;
    }
    timeval tv{2, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
    return fd;
}

bool send_all(int fd, const std::vector<unsigned char>& bytes) {
    std::size_t done = 0;
    while (done < bytes.size()) {
        const ssize_t n = ::send(fd, bytes.data() + done, bytes.size() - done, MSG_NOSIGNAL);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return false;
        done += static_cast<std::size_t>(n);
    }
    return true;
}

}  // namespace

StreamListener::StreamListener(ListenerAddress address, const Clock& clock)
    : address_(std::move(address)),
      same_machine_(address_.host.starts_with("127.")),
      clock_(clock) {
    thread_ = std::thread([this] { run(); });
    // `top -H` and /proc name it.
    ::pthread_setname_np(thread_.native_handle(), "vc-listener");
}

StreamListener::~StreamListener() {
    {
        std::lock_guard lock(mutex_);
        stop_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) thread_.join();
}

void StreamListener::expect() {
    std::lock_guard lock(mutex_);
    expecting_ = true;
    marker_read_.reset();
}

std::optional<MonoTime> StreamListener::marker_read() const {
    std::lock_guard lock(mutex_);
    return marker_read_;
}

std::string StreamListener::problem() const {
    std::lock_guard lock(mutex_);
    return problem_;
}

std::optional<std::int64_t> StreamListener::server_offset_ns() const {
    std::lock_guard lock(mutex_);
    if (samples_.empty()) return std::nullopt;
    return std::min_element(samples_.begin(), samples_.end())->second;
}

std::int64_t StreamListener::now_ns() const {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               clock_.monotonic().time_since_epoch())
        .count();
}

void StreamListener::fail(std::string why) {
    std::lock_guard lock(mutex_);
    problem_ = std::move(why);
}

void StreamListener::run() {
    while (!stop_) {
        std::string why;
        const int fd = connect_to(address_, why);
        if (fd >= 0) {
            follow(fd);
            ::close(fd);
        } else {
            fail(why);
        }
        std::unique_lock lock(mutex_);
        wake_.wait_for(lock, std::chrono::seconds(1), [this] { return stop_.load(); });
    }
}

void StreamListener::follow(int fd) {
    const std::string id = listener_id(address_.stream);
    if (!send_all(fd, hello_message(id, WireTime::of_ns(now_ns())))) {
        fail("snapserver's receiver port closed the connection");
        return;
    }
    {
        std::lock_guard lock(mutex_);
        problem_.clear();
        codec_.clear();
    }
    std::uint16_t next_id = 1;
    std::int64_t next_request = now_ns();
    // What came and is not yet a whole message; read as much as there is at each wake, so a
    // stream costs one wake and one read per chunk.
    std::vector<unsigned char> pending;
    std::size_t used = 0;
    constexpr std::size_t read_size = 65536;
    while (!stop_) {
        const std::int64_t now = now_ns();
        if (now >= next_request) {
            if (!send_all(fd, time_message(next_id++, WireTime::of_ns(now)))) {
                fail("snapserver's receiver port closed the connection");
                return;
            }
            next_request =
                now + std::int64_t{next_id <= first_requests ? 50 : request_every_ms} * 1'000'000;
        }
        pollfd p{fd, POLLIN, 0};
        const int ready = ::poll(&p, 1, 50);
        if (ready < 0 && errno != EINTR) return fail(std::strerror(errno));
        if (ready <= 0) continue;
        pending.erase(pending.begin(), pending.begin() + static_cast<std::ptrdiff_t>(used));
        used = 0;
        const std::size_t kept = pending.size();
        pending.resize(kept + read_size);
        const ssize_t n = ::recv(fd, pending.data() + kept, read_size, 0);
        if (n < 0 && errno == EINTR) {
            pending.resize(kept);
            continue;
        }
        if (n <= 0) {
            fail("snapserver closed the receiver connection");
            return;
        }
        pending.resize(kept + static_cast<std::size_t>(n));
        const std::int64_t received_ns = now_ns();
        while (pending.size() - used >= MessageHeader::size) {
            const auto header = parse_header(std::span<const unsigned char, MessageHeader::size>(
                pending.data() + used, MessageHeader::size));
            if (header.body_size > (1U << 22)) {
                fail("snapserver sent a message of " + std::to_string(header.body_size) +
                     " bytes, which is not Snapcast's binary protocol");
                return;
            }
            if (pending.size() - used - MessageHeader::size < header.body_size) break;
            on_message(header.type, header.sent.ns(),
                       std::span<const unsigned char>(pending.data() + used + MessageHeader::size,
                                                      header.body_size),
                       received_ns);
            used += MessageHeader::size + header.body_size;
        }
    }
}

void StreamListener::on_message(std::uint16_t type, std::int64_t sent_ns,
                                std::span<const unsigned char> body, std::int64_t received_ns) {
    switch (static_cast<MessageType>(type)) {
        case MessageType::time: {
            const auto latency = parse_time(body);
            if (!latency) return;
            const auto sample = clock_sample(latency->ns(), sent_ns, received_ns);
            std::lock_guard lock(mutex_);
            samples_.emplace_back(sample.round_trip_ns, sample.offset_ns);
            if (samples_.size() > keep_samples) samples_.pop_front();
            return;
        }
        case MessageType::codec_header: {
            const auto codec = parse_sized_string(body);
            std::lock_guard lock(mutex_);
            codec_ = codec.value_or("");
            problem_ = codec_ == "pcm" ? ""
                                       : "the stream's codec is \"" + codec_ +
                                             "\", not pcm: print snapserver.conf's "
                                             "lines again with `villagecast snapcast config`";
            return;
        }
        case MessageType::wire_chunk:
            on_chunk(body);
            return;
        default:
            return;
    }
}

void StreamListener::on_chunk(std::span<const unsigned char> body) {
    const auto chunk = parse_wire_chunk(body);
    if (!chunk) return;
    std::lock_guard lock(mutex_);
    if (!expecting_ || codec_ != "pcm" || (!same_machine_ && samples_.empty())) return;
    const std::size_t frames = chunk->payload.size() / 4;
    if (frames < static_cast<std::size_t>(audio::StreamMarker::frames)) return;
    std::vector<std::int16_t> pcm(frames * 2);
    std::memcpy(pcm.data(), chunk->payload.data(), pcm.size() * sizeof(std::int16_t));
    for (std::size_t f = 0; f + audio::StreamMarker::frames <= frames; ++f) {
        if (!audio::StreamMarker::matches(address_.tag, pcm.data() + 2 * f)) continue;
        // snapserver on this machine keeps this machine's monotonic clock (steady_clock): the
        // offset is 0 exactly, where a loaded machine's Time answers would err by a
        // millisecond.
        const std::int64_t offset =
            same_machine_ ? 0 : std::min_element(samples_.begin(), samples_.end())->second;
        const std::int64_t server_ns =
            chunk->timestamp.ns() + static_cast<std::int64_t>(f) * 1'000'000'000 / stream_rate;
        marker_read_ = MonoTime(std::chrono::duration_cast<MonoTime::duration>(
            std::chrono::nanoseconds(server_ns - offset)));
        expecting_ = false;
        return;
    }
}

}  // namespace vc::snapcast
