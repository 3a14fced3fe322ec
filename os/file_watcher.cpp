#include "os/file_watcher.hpp"

#include <array>
#include <cerrno>
#include <cstring>
#include <string>

#include <sys/inotify.h>
#include <unistd.h>

#include "core/diagnostic.hpp"

namespace vc::os {

namespace {
int make_inotify() {
    int fd = ::inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    if (fd < 0)
        throw UserError(std::string("cannot watch the station's files: ") + std::strerror(errno));
    return fd;
}
constexpr std::uint32_t watch_mask =
    IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_DELETE | IN_CREATE;
}  // namespace

FileWatcher::FileWatcher(boost::asio::io_context& io, const std::filesystem::path& root,
                         std::function<void()> on_change)
    : fd_(io, make_inotify()), debounce_(io), on_change_(std::move(on_change)) {
    root_ = root;
    root_watch_ = ::inotify_add_watch(fd_.native_handle(), root.c_str(), watch_mask);
    for (const char* sub : {"playlists", "calendars", "schedule.d"}) watch_folder(sub);
    wait();
}

FileWatcher::~FileWatcher() {
    boost::system::error_code ec;
    fd_.cancel(ec);
    debounce_.cancel();
}

void FileWatcher::watch_folder(const std::string& name) {
    auto dir = root_ / name;
    if (std::filesystem::is_directory(dir))
        ::inotify_add_watch(fd_.native_handle(), dir.c_str(), watch_mask);
}

void FileWatcher::wait() {
    fd_.async_wait(
        boost::asio::posix::stream_descriptor::wait_read,
        [this](const boost::system::error_code& ec) {
            if (ec) return;
            alignas(inotify_event) std::array<char, 4096> buf{};
            bool relevant = false;
            ssize_t n;
            while ((n = ::read(fd_.native_handle(), buf.data(), buf.size())) > 0) {
                for (ssize_t off = 0; off < n;) {
                    const auto* ev = reinterpret_cast<const inotify_event*>(buf.data() + off);
                    std::string name = ev->len ? ev->name : "";
                    // Editors' temporary files and the daemon's own state/ do not count.
                    bool hidden = !name.empty() && (name[0] == '.' || name.back() == '~');
                    if (!hidden && name != "state") relevant = true;
                    // A watched folder made after the start (a new schedule.d/).
                    if (ev->wd == root_watch_ && (ev->mask & IN_ISDIR) &&
                        (name == "playlists" || name == "calendars" || name == "schedule.d"))
                        watch_folder(name);
                    off += static_cast<ssize_t>(sizeof(inotify_event) + ev->len);
                }
            }
            if (relevant) {
                debounce_.expires_after(std::chrono::milliseconds(500));
                debounce_.async_wait([this](const boost::system::error_code& e) {
                    if (!e && on_change_) on_change_();
                });
            }
            wait();
        });
}

}  // namespace vc::os
