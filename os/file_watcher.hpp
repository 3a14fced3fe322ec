#pragma once
// Noticing when a person edits the station's files: station.toml, playlists/, calendars/,
// schedule.toml and schedule.d/ (Linux inotify on the event loop). Changes are gathered for a
// moment, so that an editor saving a file in several steps causes one reload.

#include <filesystem>
#include <functional>

#include <boost/asio/io_context.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/steady_timer.hpp>

namespace vc::os {

class FileWatcher {
  public:
    /// Calls `on_change` on the loop's thread about half a second after the last change.
    /// A watched folder made later (a new schedule.d/) is watched from when it appears.
    /// Throws UserError when inotify is unavailable. Loop thread only.
    FileWatcher(boost::asio::io_context& io, const std::filesystem::path& station_root,
                std::function<void()> on_change);
    ~FileWatcher();
    FileWatcher(const FileWatcher&) = delete;
    FileWatcher& operator=(const FileWatcher&) = delete;

  private:
    void wait();
    void watch_folder(const std::string& name);

    boost::asio::posix::stream_descriptor fd_;
    boost::asio::steady_timer debounce_;
    std::function<void()> on_change_;
    std::filesystem::path root_;
    int root_watch_ = -1;
};

}  // namespace vc::os
