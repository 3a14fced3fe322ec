#pragma once
// Helpers of the airing mixer tests: rendering in blocks, level fixtures, decibels.

#include <cmath>
#include <cstdint>
#include <filesystem>
#include <vector>

#include "audio/stream/airing_mixer.hpp"
#include "tests/audio/timeline_support.hpp"
#include "tests/support/fixtures.hpp"

namespace vc::test {

/// The format of the mixers under test.
inline constexpr audio::AudioFormat stereo{48000, 2};

/// Renders `frames` more frames in blocks of `block`, appending to `out` and `events`.
inline void render(audio::AiringMixer& m, std::int64_t frames, std::vector<float>& out,
                   std::vector<audio::StreamEvent>& events, std::int64_t block = 4096) {
    std::vector<float> buf(static_cast<std::size_t>(block * 2));
    while (frames > 0) {
        const std::int64_t n = std::min(block, frames);
        m.render(buf.data(), n, events);
        out.insert(out.end(), buf.begin(), buf.begin() + n * 2);
        frames -= n;
    }
}

/// A 48 kHz mono file holding `value` on every frame.
inline void write_dc(const std::filesystem::path& file, std::int64_t frames, float value) {
    write_audio(file, 48000, 1, frames, [=](std::int64_t, int) { return value; });
}

inline double db(double ratio) {
    return 20.0 * std::log10(ratio);
}

}  // namespace vc::test
