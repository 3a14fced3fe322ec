#pragma once
// Writing a file so that a power cut leaves either the old or the new version, never half.

#include <filesystem>
#include <string_view>

namespace vc {

/// Writes `contents` to a temporary file beside `path`, fsyncs it, renames it over `path` and
/// fsyncs the folder. Throws UserError naming the path on failure.
void write_file_atomically(const std::filesystem::path& path, std::string_view contents);

/// fsyncs a folder so that a rename or a new file in it survives a power cut.
void fsync_directory(const std::filesystem::path& dir);

}  // namespace vc
