#pragma once
// The console's static files: where they are, which file a URL path names (never one outside
// the folder), and the Content-Type of each.

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace vc::control {

/// `configured` when set; else <exe dir>/../share/villagecast/web, VILLAGECAST_DATADIR "/web"
/// or VILLAGECAST_SOURCE_DIR "/web", the first that exists (empty when none does).
std::filesystem::path default_web_root(const std::filesystem::path& configured);

/// Percent-decodes a URL path; nullopt when an escape is malformed or decodes to NUL.
std::optional<std::string> url_decode(std::string_view text);

/// The file under `root` that the (decoded) URL path names: "/" is index.html. nullopt when the
/// path has a `..` segment, a backslash, a hidden segment, leaves `root` through a symbolic
/// link, or names no regular file.
std::optional<std::filesystem::path> resolve_static(const std::filesystem::path& root,
                                                    std::string_view url_path);

/// "text/html; charset=utf-8", "audio/wav", ... by extension; application/octet-stream else.
std::string content_type_for(const std::filesystem::path& file);

}  // namespace vc::control
