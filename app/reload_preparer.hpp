#pragma once
// Before the loop reloads the station, the playlists' new texts are spoken into clips and new and
// changed clips are analysed on a thread of its own, so that the loop's reload only finds the
// spoken clips there and reads the analysis index: a new notice or an hour of new audio costs
// the loop nothing, and the watchdog, the API and the airings never wait for it.

#include <functional>
#include <thread>

#include <boost/asio/io_context.hpp>

#include <filesystem>

namespace vc::app {

/// Loop thread only (request); the analysis runs on its thread and `then` on the loop.
class ReloadPreparer {
  public:
    explicit ReloadPreparer(boost::asio::io_context& io) : io_(io) {}
    /// Waits for an analysis still running.
    ~ReloadPreparer();
    ReloadPreparer(const ReloadPreparer&) = delete;
    ReloadPreparer& operator=(const ReloadPreparer&) = delete;

    /// Speaks the texts and analyses what the library of the station in `root` holds that the
    /// index does not, then posts `then` to the loop.
    /// Requests while one runs are folded into one more after it (files changed meanwhile are
    /// seen by that one).
    void request(std::filesystem::path root, std::function<void()> then);

  private:
    void start();

    boost::asio::io_context& io_;
    std::thread thread_;
    bool running_ = false;
    bool again_ = false;
    std::filesystem::path root_;
    std::function<void()> then_;
};

}  // namespace vc::app
