#pragma once
// Files the benchmarks write into the stations they generate (text, 48 kHz stereo audio), and
// the binary they run.

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>

namespace vc::bench {

/// Writes a text file, creating its folder. Throws std::runtime_error when it cannot.
void write_text(const std::filesystem::path& file, const std::string& text);

/// A 48 kHz stereo file in libsndfile's `format`, written a second at a time; `sample(frame)`
/// gives both channels. Creates its folder. Throws std::runtime_error with libsndfile's message.
void write_audio(const std::filesystem::path& file, int format, std::int64_t frames,
                 const std::function<float(std::int64_t)>& sample);

/// The villagecast binary a benchmark runs unless told: $VILLAGECAST_BIN, else the one built
/// beside the benchmark (build/app/villagecast).
std::filesystem::path default_villagecast();

/// A 16-bit WAV of a sine at `freq` Hz, peak 0.25.
void write_tone(const std::filesystem::path& file, double seconds, double freq);

}  // namespace vc::bench
