#pragma once
// One file of the library, as the library scan found and analysed it.

#include <cstdint>
#include <filesystem>
#include <string>

#include "audio/audio_format.hpp"
#include "audio/decode/clip_analysis.hpp"

namespace vc::library {

/// A file under clips/: a clip when its extension is one villagecast reads, else listed only so
/// that the clerk sees it with its problem.
struct ClipInfo {
    std::string id;              ///< path under clips/ without the extension, '/'-separated, UTF-8
    std::filesystem::path path;  ///< absolute path of the file
    std::string relative_path;   ///< path under clips/ with the extension, '/'-separated
    std::uintmax_t size = 0;     ///< bytes
    std::int64_t mtime_ns = 0;   ///< last modification, nanoseconds since the file clock's epoch
    bool audio_file = false;     ///< the extension is one of Library::extensions()
    audio::ClipAnalysis
        analysis;  ///< from audio::analyse_clip (or the index); empty when not analysed
    /// The office chose, when it uploaded the clip, that it airs from its first sound to its
    /// last (its quiet start and end left out, audio::trimmed); the file stays as uploaded. Kept
    /// as a hidden file beside it (trim_mark_for).
    bool trim = false;
    bool ok = false;      ///< can air: analysed fine, not silent, its id unique
    std::string problem;  ///< why it cannot air, a sentence a clerk can act on; "" when ok

    /// Output frames the whole clip occupies at `output_rate` (output_frames_for).
    [[nodiscard]] std::int64_t output_frames(int output_rate) const {
        return audio::output_frames_for(analysis.frames, analysis.sample_rate, output_rate);
    }
};

/// The hidden file whose presence says that `clip_file` airs trimmed: .NAME.EXT.trim beside it.
inline std::filesystem::path trim_mark_for(const std::filesystem::path& clip_file) {
    return clip_file.parent_path() / ("." + clip_file.filename().string() + ".trim");
}

}  // namespace vc::library
