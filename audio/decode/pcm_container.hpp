#pragma once
// What a WAV, RF64 or AIFF header declares about its sample data, against the bytes really
// there. libsndfile opens a truncated WAV without complaint and shortens its length silently,
// so clip analysis reads the chunk headers itself.

#include <cstdint>
#include <filesystem>
#include <optional>

namespace vc::audio {

/// The sample data of a chunked PCM file as declared and as present.
struct PcmDataExtent {
    std::uint64_t declared_bytes = 0;  ///< the data (or AIFF SSND) chunk's size per the header
    std::uint64_t present_bytes = 0;   ///< how many of those bytes the file really holds
    std::uint64_t stray_bytes = 0;  ///< bytes after the data that form no chunk (not zero padding)
    std::uint32_t block_align = 0;  ///< bytes per frame from the fmt/COMM chunk; 0 when unknown
};

/// Walks the chunk headers of a RIFF, RIFX, RF64/BW64 or AIFF/AIFC file. Returns nothing for
/// other files, unreadable files or when no data chunk is found. Throws nothing; any thread.
std::optional<PcmDataExtent> inspect_pcm_container(const std::filesystem::path& file);

}  // namespace vc::audio
