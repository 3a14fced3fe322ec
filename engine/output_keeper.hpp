#pragma once
// Keeps the output open while something is due: opens it on demand, retries with a growing
// back-off while the device is away, reopens it after it was lost, and closes it when idle.

#include <optional>
#include <string>

#include "core/clock.hpp"
#include "core/duration.hpp"
#include "engine/air_chain.hpp"

namespace vc::engine {

/// Loop thread only.
class OutputKeeper {
  public:
    /// `idle_close`: close the output when nothing is due within this. `keep_open`: never close
    /// it for being idle (simulated runs).
    OutputKeeper(AirChain& chain, const Clock& clock, Millis idle_close, bool keep_open);

    /// Opens the output unless it is open; a failure is remembered (problem()) and retried
    /// later, waiting twice as long each time, up to a minute. Cancels a pending idle close.
    void ensure_open(Instant now);
    /// Retries opening if a retry is due at `now`.
    void retry_due(Instant now);
    /// The device was lost at `at`: closes the stream and reopens at once if the device is
    /// back, otherwise retries with back-off.
    void reopen_after_loss(Instant at);
    /// Closes the output once it has been idle for `idle_close`. `quiet`: nothing airs, waits
    /// or is held; `next_prepare`: when the next occurrence is prepared.
    void close_when_idle(Instant now, bool quiet, std::optional<Instant> next_prepare);
    /// Closes the output if it is open (the daemon stops).
    void close();

    /// The next retry or idle close, whichever is first.
    [[nodiscard]] std::optional<Instant> next_wakeup() const;
    [[nodiscard]] bool is_open() const { return chain_.is_open(); }
    /// Why the output could not be opened, or "".
    [[nodiscard]] const std::string& problem() const { return problem_; }
    /// "output unavailable (NAME: PROBLEM)": the reason an occurrence logs when it cannot air.
    [[nodiscard]] std::string unavailable() const;

  private:
    AirChain& chain_;
    const Clock& clock_;
    Millis idle_close_;
    bool keep_open_;
    std::optional<Instant> retry_at_;
    Millis backoff_{1000};
    std::string problem_;
    std::optional<Instant> close_at_;
};

}  // namespace vc::engine
