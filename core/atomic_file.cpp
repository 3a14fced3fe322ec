#include "core/atomic_file.hpp"

#include <atomic>
#include <cerrno>
#include <cstring>
#include <string>

#include <fcntl.h>
#include <unistd.h>

#include "core/diagnostic.hpp"

namespace vc {
namespace {
[[noreturn]] void fail(const std::string& what, const std::filesystem::path& path) {
    throw UserError("cannot " + what + " " + path.string() + ": " + std::strerror(errno));
}
}  // namespace

void fsync_directory(const std::filesystem::path& dir) {
    int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) fail("open folder", dir);
    ::fsync(fd);
    ::close(fd);
}

void write_file_atomically(const std::filesystem::path& path, std::string_view contents) {
    auto dir = path.parent_path().empty() ? std::filesystem::path(".") : path.parent_path();
    // One name per write, so that two threads writing the same file never share a temporary.
    static std::atomic<unsigned> writes{0};
    std::filesystem::path tmp =
        dir / ("." + path.filename().string() + ".tmp" + std::to_string(::getpid()) + "-" +
               std::to_string(writes.fetch_add(1)));
    int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) fail("create", tmp);
    std::size_t done = 0;
    while (done < contents.size()) {
        ssize_t n = ::write(fd, contents.data() + done, contents.size() - done);
        if (n < 0) {
            if (errno == EINTR) continue;
            ::close(fd);
            ::unlink(tmp.c_str());
            fail("write", tmp);
        }
        done += static_cast<std::size_t>(n);
    }
    if (::fsync(fd) != 0) {
        ::close(fd);
        ::unlink(tmp.c_str());
        fail("sync", tmp);
    }
    ::close(fd);
    if (::rename(tmp.c_str(), path.c_str()) != 0) {
        ::unlink(tmp.c_str());
        fail("replace", path);
    }
    fsync_directory(dir);
}

}  // namespace vc
