// The console's static files: finding web_root, resolving URL paths inside it, content types.
#include "control/static_files.hpp"

#include <unistd.h>

#include <algorithm>
#include <array>
#include <utility>

namespace vc::control {

namespace {

std::filesystem::path exe_dir() {
    std::error_code ec;
    auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
    return ec ? std::filesystem::path() : exe.parent_path();
}

bool is_dir(const std::filesystem::path& p) {
    std::error_code ec;
    return !p.empty() && std::filesystem::is_directory(p, ec);
}

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

}  // namespace

std::filesystem::path default_web_root(const std::filesystem::path& configured) {
    if (!configured.empty()) return configured;
    auto installed = exe_dir() / ".." / "share" / "villagecast" / "web";
    if (is_dir(installed)) return std::filesystem::weakly_canonical(installed);
    std::filesystem::path data = std::filesystem::path(VILLAGECAST_DATADIR) / "web";
    if (is_dir(data)) return data;
    std::filesystem::path source = std::filesystem::path(VILLAGECAST_SOURCE_DIR) / "web";
    if (is_dir(source)) return source;
    return {};
}

std::optional<std::string> url_decode(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    auto hex = [](char c) -> int {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    };
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (c == '%') {
            if (i + 2 >= text.size()) return std::nullopt;
            int hi = hex(text[i + 1]), lo = hex(text[i + 2]);
            if (hi < 0 || lo < 0) return std::nullopt;
            c = static_cast<char>(hi * 16 + lo);
            i += 2;
        }
        if (c == '\0') return std::nullopt;
        out += c;
    }
    return out;
}

std::optional<std::filesystem::path> resolve_static(const std::filesystem::path& root,
                                                    std::string_view url_path) {
    if (root.empty() || url_path.empty() || url_path.front() != '/') return std::nullopt;
    std::string rel(url_path.substr(1));
    if (rel.empty() || rel.back() == '/') rel += "index.html";
    if (rel.find('\\') != std::string::npos) return std::nullopt;
    std::filesystem::path p;
    std::size_t start = 0;
    while (start <= rel.size()) {
        auto end = rel.find('/', start);
        if (end == std::string::npos) end = rel.size();
        std::string seg = rel.substr(start, end - start);
        if (seg.empty() || seg == "." || seg == ".." || seg.front() == '.') return std::nullopt;
        p /= seg;
        start = end + 1;
    }
    std::error_code ec;
    auto canon_root = std::filesystem::canonical(root, ec);
    if (ec) return std::nullopt;
    auto file = std::filesystem::canonical(canon_root / p, ec);
    if (ec || !std::filesystem::is_regular_file(file, ec)) return std::nullopt;
    // A symbolic link inside the folder must not lead out of it.
    auto rel_to_root = file.lexically_relative(canon_root);
    if (rel_to_root.empty() || rel_to_root.native().rfind("..", 0) == 0) return std::nullopt;
    return file;
}

std::string content_type_for(const std::filesystem::path& file) {
    static const std::array<std::pair<const char*, const char*>, 20> types{{
        {".html", "text/html; charset=utf-8"},
        {".htm", "text/html; charset=utf-8"},
        {".js", "text/javascript; charset=utf-8"},
        {".mjs", "text/javascript; charset=utf-8"},
        {".css", "text/css; charset=utf-8"},
        {".json", "application/json"},
        {".svg", "image/svg+xml"},
        {".png", "image/png"},
        {".ico", "image/x-icon"},
        {".jpg", "image/jpeg"},
        {".woff2", "font/woff2"},
        {".txt", "text/plain; charset=utf-8"},
        {".wav", "audio/wav"},
        {".flac", "audio/flac"},
        {".ogg", "audio/ogg"},
        {".oga", "audio/ogg"},
        {".opus", "audio/ogg"},
        {".mp3", "audio/mpeg"},
        {".csv", "text/csv; charset=utf-8"},
        {".map", "application/json"},
    }};
    std::string ext = lower(file.extension().string());
    for (const auto& [e, t] : types)
        if (ext == e) return t;
    return "application/octet-stream";
}

}  // namespace vc::control
