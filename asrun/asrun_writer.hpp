#pragma once
// The daemon's side of the as-run log: every event is written and synced at once; an event that
// cannot be written (disk full, read-only) is kept in memory, retried, and raised in the log
// and status until it is written. No event is ever dropped.

#include <filesystem>
#include <optional>
#include <string>

#include "asrun/event.hpp"
#include "asrun/log_store.hpp"
#include "asrun/pending_queue.hpp"
#include "core/clock.hpp"

namespace vc::asrun {

/// Owned and used by the daemon's loop thread only.
class AsrunWriter {
  public:
    /// Opens (creating) the log at `file`. Throws UserError when it cannot be opened at all.
    AsrunWriter(const std::filesystem::path& file, const Clock& clock);

    /// Writes `body` as happening at `at` (or queues it when the write fails).
    template <typename Body>
    void write(Instant at, Body body) {
        write_event(asrun::Event{at, asrun::EventBody(std::move(body))});
    }
    void write_event(asrun::Event event);
    /// Tries the queued events again; returns true when none is left.
    bool retry();

    [[nodiscard]] std::size_t pending() const { return queue_.size(); }
    [[nodiscard]] const std::string& last_error() const { return queue_.last_error(); }
    [[nodiscard]] asrun::LogStore& store() { return store_; }

  private:
    asrun::LogStore store_;
    asrun::PendingQueue queue_;
    const Clock& clock_;
};

}  // namespace vc::asrun
