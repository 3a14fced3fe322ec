#include "asrun/spill_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>

#include <date/date.h>
#include <nlohmann/json.hpp>

#include "core/atomic_file.hpp"
#include "core/diagnostic.hpp"

namespace vc::asrun {

namespace {

[[noreturn]] void fail(const std::string& what, const std::filesystem::path& file, int err) {
    throw UserError("cannot " + what + " " + file.string() + ": " + std::strerror(err));
}

std::filesystem::path folder_of(const std::filesystem::path& file) {
    return file.has_parent_path() ? file.parent_path() : std::filesystem::path(".");
}

}  // namespace

std::filesystem::path SpillFile::path_for(const std::filesystem::path& log_file) {
    return log_file.string() + ".spill";
}

bool SpillFile::exists() const {
    std::error_code ec;
    return std::filesystem::exists(path_, ec);
}

SpillContents SpillFile::read() const {
    SpillContents out;
    if (!exists()) return out;
    std::ifstream in(path_, std::ios::binary);
    if (!in) fail("read", path_, errno);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::size_t pos = 0;
    int line_no = 0;
    while (pos < text.size()) {
        ++line_no;
        const std::size_t nl = text.find('\n', pos);
        const std::string where = path_.string() + ":" + std::to_string(line_no) + ": ";
        if (nl == std::string::npos) {
            out.problems.push_back(where +
                                   "an unfinished last line (cut off before it was synced; "
                                   "that event was never kept)");
            break;
        }
        const std::string_view line(text.data() + pos, nl - pos);
        pos = nl + 1;
        try {
            const auto j = nlohmann::json::parse(line);
            if (!j.is_object() || !j.contains("after") || !j["after"].is_number_integer() ||
                !j.contains("event") || !j["event"].is_object())
                throw std::runtime_error(
                    "expected {\"after\": a row number, \"event\": an as-run event}");
            out.events.push_back(
                SpilledEvent{j["after"].get<std::int64_t>(), Event::from_json(j["event"])});
        } catch (const std::exception& e) {
            out.problems.push_back(where + e.what());
        }
    }
    return out;
}

void SpillFile::append(const std::vector<const Event*>& events, std::int64_t after) {
    if (events.empty()) return;
    std::string lines;
    for (const Event* e : events) {
        lines += "{\"after\":" + std::to_string(after) + ",\"event\":" + e->canonical() + "}\n";
    }
    const bool created = !exists();
    const int fd = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (fd < 0) fail("create", path_, errno);
    struct stat before {};
    ::fstat(fd, &before);
    std::size_t done = 0;
    int err = 0;
    while (done < lines.size()) {
        const ssize_t n = ::write(fd, lines.data() + done, lines.size() - done);
        if (n < 0) {
            if (errno == EINTR) continue;
            err = errno;
            break;
        }
        done += static_cast<std::size_t>(n);
    }
    if (err == 0 && ::fdatasync(fd) != 0) err = errno;
    if (err != 0) {
        // A half-written line would make the next lines unreadable: take it back.
        if (::ftruncate(fd, before.st_size) == 0) ::fdatasync(fd);
        ::close(fd);
        fail("write", path_, err);
    }
    ::close(fd);
    if (created) fsync_directory(folder_of(path_));
}

void SpillFile::remove() {
    if (::unlink(path_.c_str()) != 0) {
        if (errno == ENOENT) return;
        fail("remove", path_, errno);
    }
    fsync_directory(folder_of(path_));
}

std::filesystem::path SpillFile::set_aside(Instant now) {
    std::filesystem::path aside =
        path_.string() + ".unreadable-" +
        date::format("%Y%m%dT%H%M%SZ", std::chrono::floor<std::chrono::seconds>(now));
    std::error_code ec;
    std::filesystem::rename(path_, aside, ec);
    if (ec) throw UserError("cannot move " + path_.string() + " aside: " + ec.message());
    fsync_directory(folder_of(path_));
    return aside;
}

}  // namespace vc::asrun
