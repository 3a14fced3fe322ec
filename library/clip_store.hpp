#pragma once
// A clip uploaded through the console: its name checked so that it cannot leave
// clips/uploads/, and its audio checked (decoded to the end, not silent) before it is accepted.

#include <filesystem>
#include <string>

#include "audio/decode/clip_analysis.hpp"

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

}  // namespace vc::library
