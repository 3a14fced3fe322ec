#pragma once
// A 16-bit PCM WAV file in memory: the same samples always give the same bytes (no dates, no
// tool names), so that a spoken clip's file is a pure function of its text and settings.

#include <cstdint>
#include <string>
#include <vector>

namespace vc::speech {

/// The bytes of a canonical 44-byte-header WAV holding `interleaved` 16-bit samples. Pure.
std::string wav_bytes(const std::vector<std::int16_t>& interleaved, int sample_rate, int channels);

}  // namespace vc::speech
