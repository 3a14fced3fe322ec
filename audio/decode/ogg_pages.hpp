#pragma once
// Whether an Ogg file ends with its stream's last page. libsndfile takes a truncated Ogg
// file's length from the last page it finds and reads it short without an error, so clip
// analysis walks the page headers itself.

#include <filesystem>
#include <optional>

namespace vc::audio {

/// True when every page header chains to the next up to the end of the file and the last page
/// is marked end-of-stream; false when the file is cut off or its pages are broken; nothing
/// when the file does not start with an Ogg page or cannot be read. Throws nothing.
std::optional<bool> ogg_stream_complete(const std::filesystem::path& file);

}  // namespace vc::audio
