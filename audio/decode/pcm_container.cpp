#include "audio/decode/pcm_container.hpp"

#include <array>
#include <cstring>
#include <fstream>

namespace vc::audio {

namespace {

class ChunkReader {
  public:
    explicit ChunkReader(const std::filesystem::path& file) : in_(file, std::ios::binary) {
        std::error_code ec;
        size_ = std::filesystem::file_size(file, ec);
        if (ec) in_.setstate(std::ios::failbit);
    }
    [[nodiscard]] bool good() const { return static_cast<bool>(in_); }
    [[nodiscard]] std::uint64_t size() const { return size_; }
    bool read(std::uint64_t pos, void* out, std::size_t n) {
        if (pos + n > size_) return false;
        in_.clear();
        in_.seekg(static_cast<std::streamoff>(pos));
        in_.read(static_cast<char*>(out), static_cast<std::streamsize>(n));
        return static_cast<std::size_t>(in_.gcount()) == n;
    }
    /// True when any byte in [pos, size) is not zero.
    bool any_nonzero_from(std::uint64_t pos) {
        std::array<char, 1 << 14> buf{};
        in_.clear();
        in_.seekg(static_cast<std::streamoff>(pos));
        while (in_) {
            in_.read(buf.data(), buf.size());
            for (std::streamsize i = 0; i < in_.gcount(); ++i)
                if (buf[static_cast<std::size_t>(i)] != 0) return true;
        }
        return false;
    }

  private:
    std::ifstream in_;
    std::uint64_t size_ = 0;
};

std::uint64_t get_uint(const unsigned char* p, int bytes, bool big_endian) {
    std::uint64_t v = 0;
    for (int i = 0; i < bytes; ++i) {
        const int idx = big_endian ? i : bytes - 1 - i;
        v = (v << 8) | p[idx];
    }
    return v;
}

bool printable_id(const unsigned char* id) {
    for (int i = 0; i < 4; ++i)
        if (id[i] < 0x20 || id[i] > 0x7E) return false;
    return true;
}

}  // namespace

std::optional<PcmDataExtent> inspect_pcm_container(const std::filesystem::path& file) {
    ChunkReader r(file);
    if (!r.good()) return std::nullopt;
    unsigned char head[12];
    if (!r.read(0, head, sizeof head)) return std::nullopt;

    bool big_endian = false;
    bool aiff = false;
    bool rf64 = false;
    if (std::memcmp(head, "RIFF", 4) == 0 && std::memcmp(head + 8, "WAVE", 4) == 0) {
    } else if (std::memcmp(head, "RIFX", 4) == 0 && std::memcmp(head + 8, "WAVE", 4) == 0) {
        big_endian = true;
    } else if ((std::memcmp(head, "RF64", 4) == 0 || std::memcmp(head, "BW64", 4) == 0) &&
               std::memcmp(head + 8, "WAVE", 4) == 0) {
        rf64 = true;
    } else if (std::memcmp(head, "FORM", 4) == 0 &&
               (std::memcmp(head + 8, "AIFF", 4) == 0 || std::memcmp(head + 8, "AIFC", 4) == 0)) {
        big_endian = true;
        aiff = true;
    } else {
        return std::nullopt;
    }

    PcmDataExtent extent;
    std::uint64_t ds64_data_size = 0;
    std::uint64_t pos = 12;
    while (pos + 8 <= r.size()) {
        unsigned char ch[8];
        if (!r.read(pos, ch, sizeof ch)) return std::nullopt;
        const std::uint64_t size = get_uint(ch + 4, 4, big_endian);
        const std::uint64_t body = pos + 8;
        if (std::memcmp(ch, "ds64", 4) == 0) {
            unsigned char d[16];
            if (!r.read(body, d, sizeof d)) return std::nullopt;
            ds64_data_size = get_uint(d + 8, 8, false);
        } else if (std::memcmp(ch, "fmt ", 4) == 0 && !aiff) {
            unsigned char f[14];
            if (!r.read(body, f, sizeof f)) return std::nullopt;
            extent.block_align = static_cast<std::uint32_t>(get_uint(f + 12, 2, big_endian));
        } else if (std::memcmp(ch, "COMM", 4) == 0 && aiff) {
            unsigned char c[8];
            if (!r.read(body, c, sizeof c)) return std::nullopt;
            const auto channels = static_cast<std::uint32_t>(get_uint(c, 2, true));
            const auto bits = static_cast<std::uint32_t>(get_uint(c + 6, 2, true));
            extent.block_align = channels * ((bits + 7) / 8);
        } else if ((std::memcmp(ch, "data", 4) == 0 && !aiff) ||
                   (std::memcmp(ch, "SSND", 4) == 0 && aiff)) {
            std::uint64_t start = body;
            std::uint64_t declared = size;
            if (rf64 && size == 0xFFFFFFFFu) declared = ds64_data_size;
            if (aiff) {
                unsigned char o[4];
                if (!r.read(body, o, sizeof o)) return std::nullopt;
                const std::uint64_t offset = get_uint(o, 4, true);
                start = body + 8 + offset;
                declared = size >= 8 + offset ? size - 8 - offset : 0;
            }
            const std::uint64_t available = r.size() > start ? r.size() - start : 0;
            extent.declared_bytes = declared;
            extent.present_bytes = std::min(declared, available);
            // Whatever follows the data must be further chunks or zero padding.
            std::uint64_t next = start + declared + (declared & 1);
            while (next < r.size()) {
                unsigned char nh[8];
                if (next + 8 <= r.size() && r.read(next, nh, sizeof nh) && printable_id(nh)) {
                    const std::uint64_t nsize = get_uint(nh + 4, 4, big_endian);
                    if (next + 8 + nsize <= r.size()) {
                        next += 8 + nsize + (nsize & 1);
                        continue;
                    }
                }
                if (r.any_nonzero_from(next)) extent.stray_bytes = r.size() - next;
                break;
            }
            return extent;
        }
        pos = body + size + (size & 1);
    }
    return std::nullopt;
}

}  // namespace vc::audio
