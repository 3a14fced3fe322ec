#include "tests/support/fixtures.hpp"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <fstream>
#include <iterator>
#include <numbers>
#include <random>
#include <stdexcept>

#include <sndfile.h>
#include <unistd.h>

namespace vc::test {

TempDir::TempDir() {
    static std::atomic<int> counter{0};
    path_ = std::filesystem::path(VC_BINARY_DIR) / "test-tmp" /
            (std::to_string(::getpid()) + "-" + std::to_string(counter++));
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
}

TempDir::~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
}

int sndfile_format_for(const std::filesystem::path& file) {
    auto ext = file.extension().string();
    if (ext == ".flac") return SF_FORMAT_FLAC | SF_FORMAT_PCM_16;
    if (ext == ".ogg") return SF_FORMAT_OGG | SF_FORMAT_VORBIS;
    if (ext == ".opus") return SF_FORMAT_OGG | SF_FORMAT_OPUS;
    if (ext == ".mp3") return SF_FORMAT_MPEG | SF_FORMAT_MPEG_LAYER_III;
    if (ext == ".w24") return SF_FORMAT_WAV | SF_FORMAT_PCM_24;
    if (ext == ".f32") return SF_FORMAT_WAV | SF_FORMAT_FLOAT;
    return SF_FORMAT_WAV | SF_FORMAT_PCM_16;
}

void write_audio(const std::filesystem::path& file, int rate, int channels, std::int64_t frames,
                 const std::function<float(std::int64_t, int)>& sample, int format) {
    if (file.has_parent_path()) std::filesystem::create_directories(file.parent_path());
    SF_INFO info{};
    info.samplerate = rate;
    info.channels = channels;
    info.format = format != 0 ? format : sndfile_format_for(file);
    SNDFILE* sf = sf_open(file.c_str(), SFM_WRITE, &info);
    if (!sf)
        throw std::runtime_error("cannot write " + file.string() + ": " + sf_strerror(nullptr));
    int clip = SF_TRUE;
    sf_command(sf, SFC_SET_CLIPPING, &clip, sizeof clip);
    constexpr std::int64_t block = 4096;
    std::vector<float> buf(static_cast<std::size_t>(block * channels));
    for (std::int64_t done = 0; done < frames;) {
        std::int64_t n = std::min(block, frames - done);
        for (std::int64_t f = 0; f < n; ++f)
            for (int c = 0; c < channels; ++c)
                buf[static_cast<std::size_t>(f * channels + c)] = sample(done + f, c);
        if (sf_writef_float(sf, buf.data(), n) != n) {
            std::string msg = sf_strerror(sf);
            sf_close(sf);
            throw std::runtime_error("cannot write " + file.string() + ": " + msg);
        }
        done += n;
    }
    sf_close(sf);
}

void write_tone(const std::filesystem::path& file, int rate, int channels, double seconds,
                double freq, double amplitude) {
    auto frames = static_cast<std::int64_t>(std::llround(seconds * rate));
    write_audio(file, rate, channels, frames, [&](std::int64_t f, int) {
        return static_cast<float>(
            amplitude * std::sin(2.0 * std::numbers::pi * freq * static_cast<double>(f) / rate));
    });
}

void write_clicks(const std::filesystem::path& file, int rate, int channels, std::int64_t frames,
                  const std::vector<std::int64_t>& click_frames, float amplitude) {
    write_audio(file, rate, channels, frames, [&](std::int64_t f, int) {
        for (auto c : click_frames)
            if (c == f) return amplitude;
        return 0.0f;
    });
}

void write_silence(const std::filesystem::path& file, int rate, int channels, std::int64_t frames) {
    write_audio(file, rate, channels, frames, [](std::int64_t, int) { return 0.0f; });
}

void write_noise(const std::filesystem::path& file, int rate, int channels, double seconds,
                 double amplitude, unsigned seed) {
    std::mt19937 gen(seed);
    std::uniform_real_distribution<float> dist(-static_cast<float>(amplitude),
                                               static_cast<float>(amplitude));
    auto frames = static_cast<std::int64_t>(std::llround(seconds * rate));
    write_audio(file, rate, channels, frames, [&](std::int64_t, int) { return dist(gen); });
}

void write_bytes(const std::filesystem::path& file, const std::string& bytes) {
    if (file.has_parent_path()) std::filesystem::create_directories(file.parent_path());
    std::ofstream(file, std::ios::binary) << bytes;
}

std::string read_bytes(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::vector<float> read_audio(const std::filesystem::path& file, int& rate, int& channels) {
    SF_INFO info{};
    SNDFILE* sf = sf_open(file.c_str(), SFM_READ, &info);
    if (!sf) throw std::runtime_error("cannot read " + file.string() + ": " + sf_strerror(nullptr));
    rate = info.samplerate;
    channels = info.channels;
    std::vector<float> out;
    std::vector<float> buf(static_cast<std::size_t>(4096 * info.channels));
    sf_count_t n;
    while ((n = sf_readf_float(sf, buf.data(), 4096)) > 0)
        out.insert(out.end(), buf.begin(), buf.begin() + n * info.channels);
    sf_close(sf);
    return out;
}

std::vector<float> channel_of(const std::vector<float>& interleaved, int channels, int channel,
                              std::size_t begin, std::size_t end) {
    const std::size_t frames = interleaved.size() / static_cast<std::size_t>(channels);
    end = std::min(end, frames);
    std::vector<float> out;
    for (std::size_t f = begin; f < end; ++f)
        out.push_back(interleaved[f * static_cast<std::size_t>(channels) +
                                  static_cast<std::size_t>(channel)]);
    return out;
}

std::int64_t first_above(const std::vector<float>& samples, float level) {
    const auto it =
        std::find_if(samples.begin(), samples.end(), [&](float v) { return std::abs(v) > level; });
    return it == samples.end() ? -1 : it - samples.begin();
}

}  // namespace vc::test
