#pragma once
// Playing one Timeline to an Output, on the decoding thread.

#include <atomic>
#include <cstdint>

#include "audio/output.hpp"
#include "audio/timeline.hpp"

namespace vc::audio {

/// What one play() did.
struct PlayResult {
    std::int64_t frames = 0;            ///< frames written to the output (the fade-out included)
    std::int64_t underruns = 0;         ///< times the device ran dry while playing
    std::int64_t read_ahead_waits = 0;  ///< times the output waited for the clips' decoding
    bool stopped = false;               ///< ended early because `stop` became true
};

/// Opens `output` with the timeline's format, decodes the timeline 3 s ahead on a read-ahead
/// thread and writes it from the calling thread (give that one real-time priority) block by block,
/// drains it and closes it. When `stop` becomes true (set from any thread) it fades out over 0.5 s
/// and ends there. Throws UserError when a clip cannot be decoded or the output fails; the output
/// is closed either way.
PlayResult play(const Timeline& timeline, Output& output, const std::atomic<bool>& stop);

}  // namespace vc::audio
