#include "bench/support/bench_files.hpp"

#include <cstdlib>

#include <sndfile.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <numbers>
#include <stdexcept>
#include <vector>

namespace vc::bench {

namespace {

constexpr int rate = 48000;

}  // namespace

void write_text(const std::filesystem::path& file, const std::string& text) {
    if (file.has_parent_path()) std::filesystem::create_directories(file.parent_path());
    std::ofstream out(file, std::ios::binary);
    out << text;
    if (!out) throw std::runtime_error("cannot write " + file.string());
}

void write_audio(const std::filesystem::path& file, int format, std::int64_t frames,
                 const std::function<float(std::int64_t)>& sample) {
    std::filesystem::create_directories(file.parent_path());
    SF_INFO info{};
    info.samplerate = rate;
    info.channels = 2;
    info.format = format;
    SNDFILE* sf = sf_open(file.c_str(), SFM_WRITE, &info);
    if (!sf)
        throw std::runtime_error("cannot write " + file.string() + ": " + sf_strerror(nullptr));
    std::vector<float> block(static_cast<std::size_t>(rate) * 2);
    for (std::int64_t done = 0; done < frames;) {
        const std::int64_t n = std::min<std::int64_t>(rate, frames - done);
        for (std::int64_t f = 0; f < n; ++f) {
            const float v = sample(done + f);
            block[static_cast<std::size_t>(2 * f)] = v;
            block[static_cast<std::size_t>(2 * f + 1)] = v;
        }
        const bool written = sf_writef_float(sf, block.data(), n) == n;
        const std::string error = written ? "" : sf_strerror(sf);
        if (!written) {
            sf_close(sf);
            throw std::runtime_error("cannot write " + file.string() + ": " + error);
        }
        done += n;
    }
    sf_close(sf);
}

void write_tone(const std::filesystem::path& file, double seconds, double freq) {
    write_audio(file, SF_FORMAT_WAV | SF_FORMAT_PCM_16, static_cast<std::int64_t>(seconds * rate),
                [freq](std::int64_t f) {
                    return static_cast<float>(0.25 * std::sin(2.0 * std::numbers::pi * freq *
                                                              static_cast<double>(f) / rate));
                });
}

std::filesystem::path default_villagecast() {
    if (const char* p = std::getenv("VILLAGECAST_BIN"); p && *p) return p;
    return std::filesystem::canonical("/proc/self/exe").parent_path().parent_path() / "app" /
           "villagecast";
}

}  // namespace vc::bench
