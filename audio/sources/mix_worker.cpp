// The worker thread runs only the render jobs the renderer hands it: decoding, resampling and
// mapping clip sources into buffers of their own. It never writes the output or the mix.

#include "audio/sources/mix_worker.hpp"

#include <utility>

namespace vc::audio {

MixWorker::MixWorker() : thread_([this] { loop(); }) {}

MixWorker::~MixWorker() {
    quit_.store(true, std::memory_order_release);
    requested_.fetch_add(1, std::memory_order_release);
    requested_.notify_one();
    thread_.join();
}

void MixWorker::start(std::function<void()> job) {
    job_ = std::move(job);
    error_ = nullptr;
    requested_.fetch_add(1, std::memory_order_release);
    requested_.notify_one();
}

void MixWorker::wait() {
    const std::uint32_t target = requested_.load(std::memory_order_relaxed);
    for (std::uint32_t seen = done_.load(std::memory_order_acquire); seen != target;
         seen = done_.load(std::memory_order_acquire))
        done_.wait(seen, std::memory_order_acquire);
    if (error_) std::rethrow_exception(std::exchange(error_, nullptr));
}

void MixWorker::loop() {
    std::uint32_t handled = 0;
    for (;;) {
        requested_.wait(handled, std::memory_order_acquire);
        handled = requested_.load(std::memory_order_acquire);
        if (quit_.load(std::memory_order_acquire)) return;
        try {
            job_();
        } catch (...) {
            error_ = std::current_exception();
        }
        done_.store(handled, std::memory_order_release);
        done_.notify_one();
    }
}

}  // namespace vc::audio
