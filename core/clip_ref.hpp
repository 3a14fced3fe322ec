#pragma once
// Checking a clip reference written in a station file ("通知/院坝会") before it is looked up.
// Depends only on the standard library, so that any module that reads clip references can use it.

#include <optional>
#include <string>
#include <string_view>

namespace vc {

/// Checks that `ref` names a clip inside clips/: a relative path with '/' between folders and no
/// extension, with no `..` or `.` segment, no empty segment, no backslash, and not absolute.
/// Returns nullopt when it is acceptable, else a sentence saying what is wrong and what to write
/// instead (without the file position; the caller adds it). Pure; any thread may call it.
std::optional<std::string> validate_clip_ref(std::string_view ref);

}  // namespace vc
