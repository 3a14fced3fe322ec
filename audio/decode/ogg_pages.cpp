#include "audio/decode/ogg_pages.hpp"

#include <cstdint>
#include <cstring>
#include <fstream>

namespace vc::audio {

std::optional<bool> ogg_stream_complete(const std::filesystem::path& file) {
    std::error_code ec;
    const std::uint64_t size = std::filesystem::file_size(file, ec);
    std::ifstream in(file, std::ios::binary);
    if (ec || !in) return std::nullopt;

    std::uint64_t pos = 0;
    bool last_was_eos = false;
    while (pos < size) {
        // Page header: "OggS", version, flags, granule (8), serial (4), sequence (4), CRC (4),
        // segment count, then the segment table.
        unsigned char header[27];
        in.seekg(static_cast<std::streamoff>(pos));
        if (pos + sizeof header > size || !in.read(reinterpret_cast<char*>(header), sizeof header))
            return pos == 0 ? std::nullopt : std::optional<bool>(false);
        if (std::memcmp(header, "OggS", 4) != 0)
            return pos == 0 ? std::nullopt : std::optional<bool>(false);
        const unsigned segments = header[26];
        unsigned char table[255];
        if (!in.read(reinterpret_cast<char*>(table), segments)) return false;
        std::uint64_t body = 0;
        for (unsigned i = 0; i < segments; ++i) body += table[i];
        pos += sizeof header + segments + body;
        if (pos > size) return false;
        last_was_eos = (header[5] & 0x04) != 0;
    }
    return last_was_eos;
}

}  // namespace vc::audio
