#pragma once
// Snapcast's binary protocol, as its receivers speak it on snapserver's port 1704: every
// message is a 26-byte little-endian header (type, ids, the sender's and receiver's times,
// the size) and a body that its type says how to read. Only what a listener needs: Hello and
// Time out; Server Settings, Codec Header, Wire Chunk and Time in. Pure.

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace vc::snapcast {

enum class MessageType : std::uint16_t {
    codec_header = 1,
    wire_chunk = 2,
    server_settings = 3,
    time = 4,
    hello = 5,
};

/// A time as the protocol carries it: seconds and microseconds of the sender's clock.
struct WireTime {
    std::int32_t sec = 0;
    std::int32_t usec = 0;
    [[nodiscard]] std::int64_t ns() const {
        return std::int64_t{sec} * 1'000'000'000 + std::int64_t{usec} * 1000;
    }
    static WireTime of_ns(std::int64_t ns);
};

struct MessageHeader {
    static constexpr std::size_t size = 26;
    std::uint16_t type = 0;
    std::uint16_t id = 0;
    std::uint16_t refers_to = 0;
    WireTime sent;
    WireTime received;
    std::uint32_t body_size = 0;
};

/// Reads a header from its 26 bytes.
MessageHeader parse_header(std::span<const unsigned char, MessageHeader::size> bytes);

/// A Hello from a receiver with this host ID (snapclient's --hostID), sent at `sent`.
std::vector<unsigned char> hello_message(const std::string& host_id, WireTime sent);
/// A Time request sent at `sent`, with this id: snapserver answers with a Time message whose
/// latency is its clock at receipt less `sent`, and whose header's `sent` is its clock when
/// it answers.
std::vector<unsigned char> time_message(std::uint16_t id, WireTime sent);

/// A Wire Chunk: PCM (or coded) audio and the server time of its first frame.
struct WireChunk {
    WireTime timestamp;
    std::span<const unsigned char> payload;
};
/// nullopt when the body is too short for what it says it holds.
std::optional<WireChunk> parse_wire_chunk(std::span<const unsigned char> body);
/// The string a Codec Header names (its codec, "pcm", "flac", ...) or Server Settings carry
/// (JSON): a 32-bit size and that many bytes. nullopt when the body is too short.
std::optional<std::string> parse_sized_string(std::span<const unsigned char> body);
/// A Time answer's latency: nullopt when the body is too short.
std::optional<WireTime> parse_time(std::span<const unsigned char> body);

/// What one Time answer says of snapserver's clock against the receiver's, as snapclient
/// reads it: the way out holds the offset plus one trip, the way back the other trip less the
/// offset, so their difference is twice the offset (exact when the trips are equal) and their
/// sum the round trip.
struct ClockSample {
    std::int64_t round_trip_ns = 0;
    std::int64_t offset_ns = 0;  ///< snapserver's clock less the receiver's
};
/// `latency_ns`: the answer's latency (snapserver's clock at receipt less the request's sent
/// time); `server_sent_ns`: the answer header's sent time (snapserver's clock);
/// `received_ns`: the receiver's clock when the answer came.
ClockSample clock_sample(std::int64_t latency_ns, std::int64_t server_sent_ns,
                         std::int64_t received_ns);

}  // namespace vc::snapcast
