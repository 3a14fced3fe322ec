#include "core/clip_ref.hpp"

namespace vc {

std::optional<std::string> validate_clip_ref(std::string_view ref) {
    const std::string quoted = "`" + std::string(ref) + "`";
    constexpr std::string_view hint =
        "write the clip's path under clips/ without the extension, e.g. \"通知/院坝会\"";
    if (ref.empty()) {
        return "the clip id is empty; " + std::string(hint);
    }
    if (ref.front() == '/') {
        return "clip id " + quoted +
               " starts with '/': clips can only come from the clips/ folder; " + std::string(hint);
    }
    if (ref.find('\\') != std::string_view::npos) {
        return "clip id " + quoted + " contains '\\'; use '/' between folders";
    }
    if (ref.size() >= 2 && ref[1] == ':') {
        return "clip id " + quoted + " is an absolute path; " + std::string(hint);
    }
    std::size_t start = 0;
    while (true) {
        std::size_t end = ref.find('/', start);
        std::string_view seg =
            ref.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
        if (seg == "..") {
            return "clip id " + quoted + " leaves the clips/ folder (it contains `..`); " +
                   std::string(hint);
        }
        if (seg == ".") {
            return "clip id " + quoted + " contains a `.` folder; leave it out";
        }
        if (seg.empty()) {
            return "clip id " + quoted + " has an empty folder name (`//` or a trailing '/')";
        }
        if (end == std::string_view::npos) {
            break;
        }
        start = end + 1;
    }
    return std::nullopt;
}

}  // namespace vc
