#include "library/clip_store.hpp"

#include <algorithm>
#include <cmath>

#include "core/clip_ref.hpp"
#include "core/diagnostic.hpp"
#include "library/library.hpp"

namespace vc::library {

UploadName parse_upload_name(const std::string& name) {
    auto bad = [&](const std::string& why) { return UserError("`name` \"" + name + "\": " + why); };
    if (name.empty()) throw UserError("`name` is missing: add ?name=FILE.wav to the URL");
    auto dot = name.rfind('.');
    if (dot == std::string::npos || dot == 0)
        throw bad("it needs an extension: .wav, .flac, .ogg, .oga, .opus or .mp3");
    UploadName n;
    n.stem = name.substr(0, dot);
    n.extension = name.substr(dot);
    std::transform(n.extension.begin(), n.extension.end(), n.extension.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    const auto& known = library::Library::extensions();
    if (std::find(known.begin(), known.end(), n.extension) == known.end())
        throw bad("villagecast reads .wav, .flac, .ogg, .oga, .opus and .mp3 files only");
    if (n.stem.size() > 100) throw bad("the name is longer than 100 bytes");
    if (n.stem.front() == '.' || n.stem.front() == ' ' || n.stem.back() == ' ')
        throw bad("the name cannot start with a dot or begin or end with a space");
    for (unsigned char c : n.stem) {
        bool ok = c >= 0x80 || std::isalnum(c) || c == ' ' || c == '-' || c == '_' || c == '.';
        if (!ok)
            throw bad(
                "only letters, digits, spaces, '-', '_' and '.' are allowed (no '/', '\\' "
                "or other signs)");
    }
    if (n.stem.find("..") != std::string::npos) throw bad("the name cannot contain \"..\"");
    if (auto problem = validate_clip_ref(n.id())) throw bad(*problem);
    return n;
}

std::string upload_problem(const audio::ClipAnalysis& a) {
    if (!a.ok) return "not a clip villagecast can air: " + a.problem;
    if (a.frames <= 0) return "the file holds no audio";
    if (!std::isfinite(a.integrated_lufs) || a.integrated_lufs < library::silent_below_lufs)
        return "the recording is silent (below " +
               std::to_string(static_cast<int>(library::silent_below_lufs)) +
               " LUFS): check the microphone";
    return "";
}

}  // namespace vc::library
