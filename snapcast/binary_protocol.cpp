#include "snapcast/binary_protocol.hpp"

namespace vc::snapcast {
namespace {

std::uint16_t u16(const unsigned char* p) {
    return static_cast<std::uint16_t>(p[0] | (p[1] << 8));
}
std::uint32_t u32(const unsigned char* p) {
    return static_cast<std::uint32_t>(p[0]) | (static_cast<std::uint32_t>(p[1]) << 8) |
           (static_cast<std::uint32_t>(p[2]) << 16) | (static_cast<std::uint32_t>(p[3]) << 24);
}
WireTime wire_time(const unsigned char* p) {
    return {static_cast<std::int32_t>(u32(p)), static_cast<std::int32_t>(u32(p + 4))};
}
void put_u16(std::vector<unsigned char>& out, std::uint16_t v) {
    out.push_back(static_cast<unsigned char>(v & 0xff));
    out.push_back(static_cast<unsigned char>(v >> 8));
}
void put_u32(std::vector<unsigned char>& out, std::uint32_t v) {
    for (int i = 0; i < 4; ++i) out.push_back(static_cast<unsigned char>((v >> (8 * i)) & 0xff));
}
void put_time(std::vector<unsigned char>& out, WireTime t) {
    put_u32(out, static_cast<std::uint32_t>(t.sec));
    put_u32(out, static_cast<std::uint32_t>(t.usec));
}

std::vector<unsigned char> message(MessageType type, std::uint16_t id, WireTime sent,
                                   const std::vector<unsigned char>& body) {
    std::vector<unsigned char> out;
    out.reserve(MessageHeader::size + body.size());
    put_u16(out, static_cast<std::uint16_t>(type));
    put_u16(out, id);
    put_u16(out, 0);
    put_time(out, sent);
    put_time(out, {});
    put_u32(out, static_cast<std::uint32_t>(body.size()));
    out.insert(out.end(), body.begin(), body.end());
    return out;
}

}  // namespace

WireTime WireTime::of_ns(std::int64_t ns) {
    std::int64_t sec = ns / 1'000'000'000;
    std::int64_t rest = ns % 1'000'000'000;
    if (rest < 0) {
        rest += 1'000'000'000;
        --sec;
    }
    return {static_cast<std::int32_t>(sec), static_cast<std::int32_t>(rest / 1000)};
}

MessageHeader parse_header(std::span<const unsigned char, MessageHeader::size> bytes) {
    const unsigned char* p = bytes.data();
    return {u16(p), u16(p + 2), u16(p + 4), wire_time(p + 6), wire_time(p + 14), u32(p + 22)};
}

std::vector<unsigned char> hello_message(const std::string& host_id, WireTime sent) {
    // The fields snapclient 0.26 sends; snapserver names the receiver by HostName and ID.
    const std::string json =
        R"({"Arch":"x86_64","ClientName":"villagecast","HostName":")" + host_id + R"(","ID":")" +
        host_id +
        R"(","Instance":1,"MAC":"00:00:00:00:00:00","OS":"Linux","SnapStreamProtocolVersion":2,)"
        R"("Version":"0.26.0"})";
    std::vector<unsigned char> body;
    put_u32(body, static_cast<std::uint32_t>(json.size()));
    body.insert(body.end(), json.begin(), json.end());
    return message(MessageType::hello, 0, sent, body);
}

std::vector<unsigned char> time_message(std::uint16_t id, WireTime sent) {
    std::vector<unsigned char> body;
    put_time(body, {});
    return message(MessageType::time, id, sent, body);
}

std::optional<WireChunk> parse_wire_chunk(std::span<const unsigned char> body) {
    if (body.size() < 12) return std::nullopt;
    const std::uint32_t size = u32(body.data() + 8);
    if (size > body.size() - 12) return std::nullopt;
    return WireChunk{wire_time(body.data()), body.subspan(12, size)};
}

std::optional<std::string> parse_sized_string(std::span<const unsigned char> body) {
    if (body.size() < 4) return std::nullopt;
    const std::uint32_t size = u32(body.data());
    if (size > body.size() - 4) return std::nullopt;
    return std::string(reinterpret_cast<const char*>(body.data()) + 4, size);
}

std::optional<WireTime> parse_time(std::span<const unsigned char> body) {
    if (body.size() < 8) return std::nullopt;
    return wire_time(body.data());
}

ClockSample clock_sample(std::int64_t latency_ns, std::int64_t server_sent_ns,
                         std::int64_t received_ns) {
    const std::int64_t back = received_ns - server_sent_ns;
    return {latency_ns + back, (latency_ns - back) / 2};
}

}  // namespace vc::snapcast
