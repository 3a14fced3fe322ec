#pragma once
// The station's library: every file under clips/, each clip analysed once and remembered in
// state/library-index.json. A rescan of an unchanged library only stats files.

#include <cstddef>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "library/clip_info.hpp"
#include "library/library_folders.hpp"

namespace vc::library {

/// What one scan did, for the CLI and for tests.
struct ScanStats {
    std::size_t files = 0;       ///< files listed (clips and other files)
    std::size_t analysed = 0;    ///< clips decoded by this scan (new or changed)
    std::size_t from_index = 0;  ///< clips whose analysis came from the index
    bool index_written = false;  ///< the index file was rewritten
};

class Library {
  public:
    /// Called on the scanning thread after each clip is analysed: clips analysed so far, clips to
    /// analyse in this scan, and the id just finished. Not called when nothing needs analysis.
    using Progress =
        std::function<void(std::size_t done, std::size_t total, const std::string& clip_id)>;

    /// Extensions read (lower case, with the dot): libsndfile's, then FFmpeg's.
    static const std::vector<std::string>& extensions();
    /// The same, for a message: ".wav, .flac, ... or .3gp".
    static std::string extensions_text();

    /// Scans `folders.clips` with the index in `folders.index`.
    /// See scan_folder. Throws like scan_folder.
    static Library scan(const LibraryFolders& folders, const Progress& progress = {});

    /// Lists every file under `clips_dir` (recursively; hidden files and folders skipped),
    /// analyses new or changed clips with audio::analyse_clip on 2 worker threads, and rewrites
    /// `index_file` when anything changed. Bad files never throw: each is listed with a problem.
    /// A missing clips folder gives an empty library with a warning; an index that cannot be
    /// written gives a warning. Throws std::bad_alloc only. Call from one thread at a time.
    static Library scan_folder(const std::filesystem::path& clips_dir,
                               const std::filesystem::path& index_file,
                               const Progress& progress = {});

    Library() = default;
    /// A library of the given files (sorted here). For callers that build one without scanning.
    Library(std::filesystem::path clips_dir, std::vector<ClipInfo> clips);

    /// The file with this id, preferring an audio file to another file with the same stem;
    /// nullptr when there is none. It may be not ok: check ClipInfo::ok. Any thread (const).
    [[nodiscard]] const ClipInfo* find(std::string_view id) const;
    /// Every file, sorted by id (audio files first among equal ids, then by relative path).
    [[nodiscard]] const std::vector<ClipInfo>& clips() const { return clips_; }
    [[nodiscard]] const std::filesystem::path& clips_dir() const { return clips_dir_; }
    /// Problems of the scan itself (no clips folder, index unreadable or not writable).
    [[nodiscard]] const std::vector<std::string>& warnings() const { return warnings_; }
    [[nodiscard]] const ScanStats& stats() const { return stats_; }

  private:
    std::filesystem::path clips_dir_;
    std::vector<ClipInfo> clips_;
    std::vector<std::string> warnings_;
    ScanStats stats_;
};

/// Integrated loudness below which a clip counts as silent (and cannot air), LUFS.
inline constexpr double silent_below_lufs = -70.0;

}  // namespace vc::library
