// Snapcast's binary protocol as the daemon's listener speaks it, and the mark a Snapcast
// output puts on its first frames.

#include <catch2/catch.hpp>

#include <array>
#include <cstring>

#include <nlohmann/json.hpp>

#include "audio/stream_marker.hpp"
#include "snapcast/binary_protocol.hpp"

using namespace vc::snapcast;

namespace {

MessageHeader header_of(const std::vector<unsigned char>& message) {
    REQUIRE(message.size() >= MessageHeader::size);
    return parse_header(
        std::span<const unsigned char, MessageHeader::size>(message.data(), MessageHeader::size));
}

std::span<const unsigned char> body_of(const std::vector<unsigned char>& message) {
    return std::span<const unsigned char>(message).subspan(MessageHeader::size);
}

}  // namespace

TEST_CASE("a Hello names the receiver by its host ID, with the sizes snapserver reads",
          "[snapcast]") {
    const auto message = hello_message("villagecast-listener-wangjia", WireTime{12, 345});
    const auto header = header_of(message);
    CHECK(header.type == static_cast<std::uint16_t>(MessageType::hello));
    CHECK(header.sent.sec == 12);
    CHECK(header.sent.usec == 345);
    CHECK(header.body_size == message.size() - MessageHeader::size);
    const auto json = parse_sized_string(body_of(message));
    REQUIRE(json);
    const auto hello = nlohmann::json::parse(*json);
    CHECK(hello["ID"] == "villagecast-listener-wangjia");
    CHECK(hello["HostName"] == "villagecast-listener-wangjia");
    CHECK(hello["SnapStreamProtocolVersion"] == 2);
}

TEST_CASE("a Time request carries its id and when it was sent", "[snapcast]") {
    const auto message = time_message(7, WireTime::of_ns(3'500'000'000));
    const auto header = header_of(message);
    CHECK(header.type == static_cast<std::uint16_t>(MessageType::time));
    CHECK(header.id == 7);
    CHECK(header.sent.sec == 3);
    CHECK(header.sent.usec == 500'000);
    CHECK(header.body_size == 8);
    const auto latency = parse_time(body_of(message));
    REQUIRE(latency);
    CHECK(latency->ns() == 0);
}

TEST_CASE("a Time answer gives snapserver's clock against the receiver's, and the round trip",
          "[snapcast]") {
    // snapserver's clock is 5 ms ahead; each way takes 0.1 ms, and it answers 0.05 ms later.
    const std::int64_t offset = 5'000'000;
    const std::int64_t sent = 1'000'000'000;
    const std::int64_t latency = (sent + 100'000 + offset) - sent;
    const std::int64_t server_sent = sent + 150'000 + offset;
    const auto sample = clock_sample(latency, server_sent, sent + 250'000);
    CHECK(sample.offset_ns == offset);
    CHECK(sample.round_trip_ns == 200'000);
    // A slower way back (the receiver woke late) shows as a longer round trip, half of it
    // as error: the listener keeps the shortest trip's.
    const auto late = clock_sample(latency, server_sent, sent + 1'250'000);
    CHECK(late.round_trip_ns == 1'200'000);
    CHECK(late.offset_ns == offset - 500'000);
}

TEST_CASE("times before the clock's epoch keep their microseconds positive", "[snapcast]") {
    const auto t = WireTime::of_ns(-1'250'000);
    CHECK(t.sec == -1);
    CHECK(t.usec == 998'750);
    CHECK(t.ns() == -1'250'000);
}

TEST_CASE("a wire chunk gives its time and its audio, and a short one nothing", "[snapcast]") {
    // sec 2, usec 1000, 8 bytes of audio.
    std::vector<unsigned char> body{2, 0, 0, 0, 0xe8, 3, 0,    0,    8, 0,
                                    0, 0, 1, 0, 0,    0, 0xff, 0xff, 0, 0};
    const auto chunk = parse_wire_chunk(body);
    REQUIRE(chunk);
    CHECK(chunk->timestamp.ns() == 2'001'000'000);
    CHECK(chunk->payload.size() == 8);
    CHECK(chunk->payload[0] == 1);
    body.pop_back();  // says 8 bytes, holds 7
    CHECK_FALSE(parse_wire_chunk(body));
    CHECK_FALSE(parse_wire_chunk(std::span<const unsigned char>(body).first(11)));
    CHECK_FALSE(parse_sized_string(std::vector<unsigned char>{5, 0, 0, 0, 'p', 'c', 'm'}));
    CHECK_FALSE(parse_time(std::vector<unsigned char>{1, 2, 3}));
}

TEST_CASE("a stream's mark is found only with its own tag, and is a few steps of a sample",
          "[snapcast]") {
    std::array<std::int16_t, 2 * vc::audio::StreamMarker::frames> pcm{};
    vc::audio::StreamMarker::write(4953, pcm.data());
    CHECK(vc::audio::StreamMarker::matches(4953, pcm.data()));
    CHECK_FALSE(vc::audio::StreamMarker::matches(4954, pcm.data()));
    for (const auto sample : pcm) CHECK(std::abs(sample) <= 8);  // below -72 dBFS
    const std::array<std::int16_t, 2 * vc::audio::StreamMarker::frames> silence{};
    CHECK_FALSE(vc::audio::StreamMarker::matches(4953, silence.data()));
}
