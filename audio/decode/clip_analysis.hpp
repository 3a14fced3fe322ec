#pragma once
// Checking and measuring one clip when it enters the library (never on the audio path).

#include <cstdint>
#include <filesystem>
#include <string>

namespace vc::audio {

/// What the library knows of one clip file.
struct ClipAnalysis {
    bool ok = false;      ///< false: `problem` says why it cannot air
    std::string problem;  ///< a reason a person can act on ("truncated: header says ...")
    std::string format;   ///< e.g. "WAV PCM-16", "FLAC PCM-24", "Ogg Vorbis", "AAC in MP4"
    std::string decoder;  ///< the library that read it: "libsndfile" or "FFmpeg"
    int sample_rate = 0;
    int channels = 0;
    std::int64_t frames = 0;     ///< frames actually decoded to the end
    double integrated_lufs = 0;  ///< EBU R128 integrated loudness; -inf (or below -70) when silent
    double true_peak_dbtp = 0;   ///< EBU R128 true peak, dBTP
    std::string sha256;          ///< of the file's bytes
    /// Frames of quiet (every sample below quiet_threshold) before the first sound and after
    /// the last: the handling noise and silence a phone's recording starts and ends with. The
    /// whole clip when it is silent throughout.
    std::int64_t quiet_start = 0;
    std::int64_t quiet_end = 0;
};

/// A sample quieter than this (-50 dBFS) is quiet for quiet_start and quiet_end.
constexpr float quiet_threshold = 0.00316f;

/// What a trimmed clip plays: `frames` frames after leaving out `skip`.
struct TrimmedClip {
    std::int64_t skip = 0;
    std::int64_t frames = 0;
};

/// From the clip's first sound to its last, keeping 0.1 s of the quiet on each side so that
/// speech neither starts nor stops abruptly. A clip quiet throughout is kept whole.
TrimmedClip trimmed(const ClipAnalysis& a);

/// Decodes the whole file (streaming, bounded memory), compares the frames read with what the
/// header claims, and measures loudness and true peak with libebur128 (histogram mode).
/// Never throws for bad audio: an unreadable, empty, truncated or mislabelled file gives
/// ok = false with a problem. Any thread may call it.
ClipAnalysis analyse_clip(const std::filesystem::path& file);

}  // namespace vc::audio
