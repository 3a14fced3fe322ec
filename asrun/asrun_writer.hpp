#pragma once
// The daemon's side of the as-run log: every event is written and synced at once; an event that
// cannot be written (disk full, read-only) is kept in memory, retried, and raised in the log
// and status until it is written. No event is ever dropped. When the log file is deleted or
// replaced under the daemon, a new log is started whose first row names the lost one.

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
    /// Checks that the open log is still the file at its path (before every write, and from
    /// the health check at least every minute). When it was deleted or replaced, starts a new
    /// log there whose first row (`system`, action "log-recreated", ok false) names the lost
    /// log's row count and head hash, and keeps the alarm for status. Returns true then.
    bool check_file(Instant now);
    /// The lost log's alarm as a sentence for status and the console, or "" when none was lost
    /// since the daemon started.
    [[nodiscard]] const std::string& lost_log_alarm() const { return lost_alarm_; }

    [[nodiscard]] std::size_t pending() const { return queue_.size(); }
    [[nodiscard]] const std::string& last_error() const { return queue_.last_error(); }
    [[nodiscard]] asrun::LogStore& store() { return store_; }

  private:
    asrun::LogStore store_;
    asrun::PendingQueue queue_;
    const Clock& clock_;
    std::string lost_alarm_;
};

}  // namespace vc::asrun
