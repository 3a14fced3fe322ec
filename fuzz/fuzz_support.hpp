#pragma once
// What the fuzz targets share: a temporary folder of their own for the inputs that a loader
// only reads from a file, removed when the process exits normally.

#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <string_view>

namespace vc::fuzz {

/// A folder made once per process under $TMPDIR (or /tmp); removed at exit.
class ProcessDir {
  public:
    ProcessDir() {
        const char* base = std::getenv("TMPDIR");
        std::string pattern = std::string(base && *base ? base : "/tmp") + "/vc-fuzz-XXXXXX";
        if (!mkdtemp(pattern.data())) throw std::runtime_error("cannot make " + pattern);
        path_ = pattern;
    }
    ~ProcessDir() {
        std::error_code ec;
        std::filesystem::remove_all(path_, ec);
    }
    ProcessDir(const ProcessDir&) = delete;
    ProcessDir& operator=(const ProcessDir&) = delete;
    [[nodiscard]] const std::filesystem::path& path() const { return path_; }

  private:
    std::filesystem::path path_;
};

/// The process's folder.
inline const std::filesystem::path& process_dir() {
    static ProcessDir dir;
    return dir.path();
}

/// Writes `bytes` to `file` (replacing it), making its folder when needed.
inline void write_file(const std::filesystem::path& file, std::string_view bytes) {
    std::filesystem::create_directories(file.parent_path());
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out) throw std::runtime_error("cannot write " + file.string());
}

/// Stops the run as a crash, saying which property failed (libFuzzer keeps the input).
[[noreturn]] inline void fail(const char* what) {
    std::fprintf(stderr, "fuzz: %s\n", what);
    std::abort();
}

/// The fuzzer's bytes as text.
inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
    return {reinterpret_cast<const char*>(data), size};
}

}  // namespace vc::fuzz
