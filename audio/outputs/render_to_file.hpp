#pragma once
// Rendering a whole Timeline into a file (simulation, air-check of a plan, tests, benchmarks).

#include <filesystem>

#include "audio/timeline.hpp"

namespace vc::audio {

/// Renders `timeline` into `out` as 16-bit PCM: WAV for a .wav name (RF64 past 4 GiB), FLAC for
/// .flac; samples beyond full scale are clipped. Runs on the calling thread plus, where the
/// machine has more than one core, one helper thread (the bytes are the same either way).
/// Throws UserError for another extension, a file that cannot be written or a clip that cannot
/// be decoded.
void render_to_file(const Timeline& timeline, const std::filesystem::path& out);

}  // namespace vc::audio
