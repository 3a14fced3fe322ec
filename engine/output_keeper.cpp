// Opening the output on demand, retrying with back-off, closing it when idle.

#include "engine/output_keeper.hpp"

#include <algorithm>

#include "core/log.hpp"

namespace vc::engine {

OutputKeeper::OutputKeeper(AirChain& chain, const Clock& clock, Millis idle_close, bool keep_open)
    : chain_(chain), clock_(clock), idle_close_(idle_close), keep_open_(keep_open) {}

void OutputKeeper::ensure_open(Instant now) {
    close_at_.reset();
    if (chain_.is_open()) return;
    try {
        chain_.open();
        if (!problem_.empty())
            log_line(clock_, Level::info, "output " + chain_.name() + " is back");
        problem_.clear();
        retry_at_.reset();
        backoff_ = Millis(1000);
    } catch (const std::exception& e) {
        if (problem_ != e.what())
            log_line(clock_, Level::error, std::string("output unavailable: ") + e.what());
        problem_ = e.what();
        retry_at_ = now + backoff_;
        backoff_ = std::min(backoff_ * 2, Millis(60'000));
    }
}

void OutputKeeper::retry_due(Instant now) {
    if (retry_at_ && now >= *retry_at_) ensure_open(now);
}

void OutputKeeper::reopen_after_loss(Instant at) {
    if (chain_.is_open()) chain_.close();
    ensure_open(at);
}

void OutputKeeper::close_when_idle(Instant now, bool quiet, std::optional<Instant> next_prepare) {
    if (keep_open_ || !chain_.is_open()) return;
    if (!quiet) {
        close_at_.reset();
        return;
    }
    if (next_prepare && *next_prepare <= now + idle_close_) {
        close_at_.reset();
        return;
    }
    if (!close_at_) {
        close_at_ = now + idle_close_;
        return;
    }
    if (now >= *close_at_) {
        chain_.close();
        close_at_.reset();
    }
}

void OutputKeeper::close() {
    if (chain_.is_open()) chain_.close();
}

std::optional<Instant> OutputKeeper::next_wakeup() const {
    if (retry_at_ && close_at_) return std::min(*retry_at_, *close_at_);
    return retry_at_ ? retry_at_ : close_at_;
}

std::string OutputKeeper::unavailable() const {
    return "output unavailable (" + chain_.name() + (problem_.empty() ? "" : ": " + problem_) + ")";
}

}  // namespace vc::engine
