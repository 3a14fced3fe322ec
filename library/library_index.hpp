#pragma once
// The library index: analyses of clips kept in state/library-index.json, so that a rescan of an
// unchanged library opens no audio file. An entry is valid while the file's relative path, size
// and modification time (nanoseconds) are unchanged.

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>

#include "audio/decode/clip_analysis.hpp"

namespace vc::library {

class LibraryIndex {
  public:
    /// The file format's version; an index of another version is ignored (everything is analysed).
    static constexpr int version = 3;

    /// Reads an index file. A missing file gives an empty index; an unreadable, corrupt or
    /// other-version file gives an empty index and sets `warning` to a sentence saying so.
    /// Never throws for bad contents. Control thread.
    static LibraryIndex load(const std::filesystem::path& file, std::string& warning);

    /// The stored analysis when path, size and mtime all match, else nullptr.
    [[nodiscard]] const audio::ClipAnalysis* find(const std::string& relative_path,
                                                  std::uintmax_t size, std::int64_t mtime_ns) const;
    void put(const std::string& relative_path, std::uintmax_t size, std::int64_t mtime_ns,
             const audio::ClipAnalysis& analysis);

    /// The index as JSON text (stable: keys sorted, one entry per file).
    [[nodiscard]] std::string to_json() const;
    /// Writes to_json() with write_file_atomically, creating the folder. Throws UserError.
    void save(const std::filesystem::path& file) const;

    [[nodiscard]] std::size_t size() const { return entries_.size(); }

  private:
    struct Entry {
        std::uintmax_t size = 0;
        std::int64_t mtime_ns = 0;
        audio::ClipAnalysis analysis;
    };
    std::map<std::string, Entry> entries_;
};

}  // namespace vc::library
