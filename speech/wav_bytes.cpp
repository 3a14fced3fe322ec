#include "speech/wav_bytes.hpp"

#include <bit>
#include <cstring>

namespace vc::speech {

namespace {

void put_u32(std::string& out, std::uint32_t v) {
    for (int i = 0; i < 4; ++i) out += static_cast<char>((v >> (8 * i)) & 0xFF);
}
void put_u16(std::string& out, std::uint16_t v) {
    out += static_cast<char>(v & 0xFF);
    out += static_cast<char>((v >> 8) & 0xFF);
}

}  // namespace

std::string wav_bytes(const std::vector<std::int16_t>& samples, int sample_rate, int channels) {
    const auto data_bytes = static_cast<std::uint32_t>(samples.size() * 2);
    std::string out;
    out.reserve(44 + data_bytes);
    out += "RIFF";
    put_u32(out, 36 + data_bytes);
    out += "WAVEfmt ";
    put_u32(out, 16);
    put_u16(out, 1);  // PCM
    put_u16(out, static_cast<std::uint16_t>(channels));
    put_u32(out, static_cast<std::uint32_t>(sample_rate));
    put_u32(out, static_cast<std::uint32_t>(sample_rate * channels * 2));
    put_u16(out, static_cast<std::uint16_t>(channels * 2));
    put_u16(out, 16);
    out += "data";
    put_u32(out, data_bytes);
    if constexpr (std::endian::native == std::endian::little) {
        const auto header = out.size();
        out.resize(header + data_bytes);
        std::memcpy(out.data() + header, samples.data(), data_bytes);
    } else {
        for (std::int16_t s : samples) put_u16(out, static_cast<std::uint16_t>(s));
    }
    return out;
}

}  // namespace vc::speech
