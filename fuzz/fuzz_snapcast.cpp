// What snapserver sends the daemon: its binary protocol's messages one after another, as the
// daemon's listener on a stream reads them, and a Server.GetStatus answer, as the reception
// follower and `villagecast villages` read it. Neither may do more than refuse.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <span>

#include <nlohmann/json.hpp>

#include "core/diagnostic.hpp"
#include "snapcast/binary_protocol.hpp"
#include "snapcast/server_status.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace vc::snapcast;
    std::span<const unsigned char> bytes(data, size);
    while (bytes.size() >= MessageHeader::size) {
        const auto header = parse_header(bytes.first<MessageHeader::size>());
        bytes = bytes.subspan(MessageHeader::size);
        const auto body = bytes.first(std::min<std::size_t>(header.body_size, bytes.size()));
        bytes = bytes.subspan(body.size());
        if (const auto chunk = parse_wire_chunk(body)) (void)chunk->timestamp.ns();
        (void)parse_sized_string(body);
        if (const auto latency = parse_time(body)) (void)latency->ns();
    }
    const auto status = nlohmann::json::parse(data, data + size, nullptr, false);
    if (status.is_discarded()) return 0;
    try {
        const auto read = parse_server_status(status);
        for (const auto& r : read.receivers) (void)read.find(r.id);
    } catch (const vc::UserError&) {
    }
    return 0;
}
