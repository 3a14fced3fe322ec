#pragma once
// Measurements the audio tests make on rendered frames.

#include <cstdint>
#include <vector>

#include "audio/decode/decoder.hpp"
#include "audio/timeline.hpp"
#include "tests/support/fixtures.hpp"

namespace vc::test {

/// Renders a whole timeline with audio::Renderer, asking `block` frames at a time.
std::vector<float> render_all(const audio::Timeline& timeline, std::int64_t block = 4096,
                              int threads = 1);

/// Reads a decoder to its end, `block` frames at a time; the interleaved samples.
std::vector<float> decode_all(audio::Decoder& decoder, std::int64_t block = 1000);

/// Frequency from rising zero crossings (interpolated) over the whole signal.
double zero_crossing_frequency(const std::vector<float>& x, int rate);

/// Power of the signal at `freq` (Goertzel), normalised by length.
double goertzel_power(const std::vector<float>& x, int rate, double freq);

double rms(const std::vector<float>& x);
float peak(const std::vector<float>& x);
/// Largest |x[i+1] - x[i]|.
float max_step(const std::vector<float>& x);
/// Index of the largest |x[i]|.
std::size_t peak_index(const std::vector<float>& x);

/// EBU R128 integrated loudness of interleaved frames (libebur128).
double integrated_lufs(const std::vector<float>& interleaved, int channels, int rate);

}  // namespace vc::test
