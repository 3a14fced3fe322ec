#pragma once
// Before the loop reloads the station, new and changed clips are analysed on a thread of its
// own, so that the loop's reload only reads the analysis index: an hour of new audio costs the
// loop nothing, and the watchdog, the API and the airings never wait for it.

#include <functional>
#include <thread>

#include <boost/asio/io_context.hpp>

#include "library/library_folders.hpp"

namespace vc::app {

/// Loop thread only (request); the analysis runs on its thread and `then` on the loop.
class ReloadPreparer {
  public:
    explicit ReloadPreparer(boost::asio::io_context& io) : io_(io) {}
    /// Waits for an analysis still running.
    ~ReloadPreparer();
    ReloadPreparer(const ReloadPreparer&) = delete;
    ReloadPreparer& operator=(const ReloadPreparer&) = delete;

    /// Analyses what `folders` holds that the index does not, then posts `then` to the loop.
    /// Requests while one runs are folded into one more after it (files changed meanwhile are
    /// seen by that one).
    void request(library::LibraryFolders folders, std::function<void()> then);

  private:
    void start();

    boost::asio::io_context& io_;
    std::thread thread_;
    bool running_ = false;
    bool again_ = false;
    library::LibraryFolders folders_;
    std::function<void()> then_;
};

}  // namespace vc::app
