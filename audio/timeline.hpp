#pragma once
// A Timeline is what the engine renders: clips placed on exact output frames. playlists/
// builds it from a playlist and the library; audio/ renders it without knowing station files.

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "audio/audio_format.hpp"

namespace vc::audio {

/// One clip placed on the timeline. All positions and lengths are output frames.
struct Placement {
    std::filesystem::path file;      ///< the clip's file
    std::string clip_id;             ///< for logs and errors
    std::int64_t start = 0;          ///< first output frame, from the timeline's start
    std::int64_t length = 0;         ///< output frames it occupies
    std::int64_t source_frames = 0;  ///< frames it plays of the file (from the library index)
    std::int64_t skip = 0;           ///< frames of the file left out before the first it plays
    int source_rate = 0;             ///< the file's sample rate
    int source_channels = 0;         ///< the file's channel count
    double gain_db = 0.0;            ///< loudness normalisation plus the item's own gain
    std::int64_t fade_in = 0;        ///< linear fade-in over this many frames from `start`
    std::int64_t fade_out = 0;  ///< linear fade-out over this many frames ending at start+length
    bool loop = false;          ///< repeat the clip to fill `length` (a playlist's bed)
};

/// Everything one airing plays. Placements may overlap (a bed under the items); they are mixed.
struct Timeline {
    AudioFormat format;
    std::int64_t length = 0;            ///< total output frames
    std::vector<Placement> placements;  ///< sorted by start
    double ceiling_dbfs = -1.0;         ///< the master limiter's sample-peak ceiling
};

}  // namespace vc::audio
