#pragma once
// Where a library lives: the clips folder and the index file that remembers each clip's analysis.

#include <filesystem>

namespace vc::library {

struct LibraryFolders {
    std::filesystem::path clips;  ///< every audio file below it is a clip
    std::filesystem::path index;  ///< the analysis cache (JSON), rewritten atomically
};

}  // namespace vc::library
