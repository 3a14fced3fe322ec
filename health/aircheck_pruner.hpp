#pragma once
// Deleting air-check recordings older than station.toml's `aircheck_keep`.
//
// A recording's age is the airing's time written in its file name (the airing id the recorder
// names it by: "<broadcast>@20261201T000000.000Z.flac"), not the file's mtime: the name is what
// ties the recording to its row of the as-run log, and it does not change when the folder is
// copied, restored from a backup or touched. Only files whose names have that form and end in
// .flac are ever deleted; anything else in the folder (a note, a WAV, a sub-folder) is left
// alone, and symbolic links in it are neither followed nor deleted (the folder itself may be a
// link, as when state/aircheck is moved to a bigger disk: the recorder writes through it too).

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/duration.hpp"
#include "core/instant.hpp"

namespace vc::health {

/// One recording deleted.
struct DeletedAircheck {
    std::filesystem::path file;
    Instant aired{};          ///< the airing time from its name
    std::uint64_t bytes = 0;  ///< its size before deletion
};

/// What one pruning pass did.
struct PruneResult {
    std::vector<DeletedAircheck> deleted;  ///< oldest first
    std::vector<std::string> problems;     ///< recordings that could not be deleted, and why
};

/// The airing time in an air-check file name ("morning@20261201T073000.000Z.flac", the
/// fraction optional), or nullopt when the name is not one the recorder writes. Pure.
std::optional<Instant> aircheck_aired_at(std::string_view file_name);

/// Deletes the recordings directly in `folder` that aired more than `keep` before `now`.
/// A missing folder is nothing to do. Loop thread (it touches the disk). Never throws for a
/// file: what cannot be deleted is in `problems`.
PruneResult prune_airchecks(const std::filesystem::path& folder, Millis keep, Instant now);

}  // namespace vc::health
