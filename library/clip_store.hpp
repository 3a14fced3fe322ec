#pragma once
// The clip store: new clips written into clips/uploads/ under checked names, each decoded and
// analysed before it is accepted, and clips deleted, with the library's index kept up to date.

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "audio/decode/clip_analysis.hpp"
#include "core/diagnostic.hpp"
#include "library/clip_info.hpp"
#include "library/library_folders.hpp"

namespace vc::library {

/// The name `?name=` gives, split.
struct UploadName {
    std::string stem;       ///< "村委通知"
    std::string extension;  ///< ".wav" (lower case)
    [[nodiscard]] std::string id() const { return "uploads/" + stem; }
    [[nodiscard]] std::string file_name() const { return stem + extension; }
};

/// Checks a file name: a stem of letters (any script), digits, spaces, '-', '_' and '.', not
/// starting with '.' or a space, at most 100 bytes, and an extension villagecast reads. Throws
/// UserError saying what is wrong ("`name` ...").
UploadName parse_upload_name(const std::string& name);

/// Why the analysed file cannot be accepted ("" when it can): not audio, truncated, silent.
std::string upload_problem(const audio::ClipAnalysis& analysis);

/// Thrown by ClipStore::store when a clip has the id already and replacing it was not allowed.
class ClipExists : public UserError {
  public:
    using UserError::UserError;
};

/// What ClipStore::store did.
struct StoredClip {
    bool replaced = false;  ///< a clip with the same id (any extension) was there and is gone
    std::string sha256;     ///< of the stored file's bytes
    std::optional<ClipInfo> clip;  ///< the library's entry after the store (nullopt: not listed)
};

/// Writes into one library's clips folder. Plain value; call from one thread at a time, and never
/// while the same library is scanned on another thread (both may rewrite its index).
class ClipStore {
  public:
    /// `folders`: the library's; `staging`: where an upload is written and checked before it
    /// moves into clips/uploads/ (created when missing).
    ClipStore(LibraryFolders folders, std::filesystem::path staging);

    /// Stores `bytes` as clips/uploads/NAME: written to the staging folder, decoded to the end
    /// and analysed, then moved in place of any clip with the same id, and the library rescanned
    /// so that its index holds the new clip. Throws ClipExists when a clip has the id and
    /// `may_replace` is false, UserError ("`NAME` ...") when the file is not a clip that can air
    /// or cannot be written, std::filesystem::filesystem_error when a folder cannot be made.
    /// With `trim`, the clip airs from its first sound to its last (ClipInfo::trim).
    StoredClip store(const UploadName& name, std::string_view bytes, bool may_replace,
                     bool trim = false) const;

    /// Deletes the file of the clip `id` (only a file the library lists) and rescans. The file
    /// deleted, or nullopt when the library has no such clip. Throws filesystem_error.
    std::optional<std::filesystem::path> remove(const std::string& id) const;

  private:
    LibraryFolders folders_;
    std::filesystem::path staging_;
};

}  // namespace vc::library
