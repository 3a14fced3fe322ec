#pragma once
// A helper thread that renders some of a block's clip sources while the caller renders others.

#include <atomic>
#include <cstdint>
#include <exception>
#include <functional>
#include <thread>

namespace vc::audio {

/// Runs one job at a time on its own thread, handed over and waited for through atomics (C++20
/// wait/notify). The renderer gives it some of a block's placements to render; each placement
/// renders into its own buffer, so the mix comes out the same bytes whichever thread rendered
/// what. The thread may only run the job it is handed (decode, resample, map: the decoding
/// thread's work), never touch the output. start()/wait(): the owner's thread only.
class MixWorker {
  public:
    MixWorker();
    /// Stops and joins the thread.
    ~MixWorker();
    MixWorker(const MixWorker&) = delete;
    MixWorker& operator=(const MixWorker&) = delete;

    /// Runs `job` on the worker thread; returns at once. Call wait() before the next start().
    void start(std::function<void()> job);
    /// Blocks until the job has run; rethrows what it threw.
    void wait();

  private:
    void loop();

    std::function<void()> job_;
    std::exception_ptr error_;
    std::atomic<std::uint32_t> requested_{0};
    std::atomic<std::uint32_t> done_{0};
    std::atomic<bool> quit_{false};
    std::thread thread_;
};

}  // namespace vc::audio
