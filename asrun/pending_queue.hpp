#pragma once
// Events that could not be written yet (disk full, read-only, locked), kept in memory in the
// order they happened and written later in that order. Each event keeps its own time, so a row
// written late still says when the thing happened.

#include <cstddef>
#include <cstdint>
#include <deque>
#include <string>

#include "asrun/event.hpp"
#include "asrun/log_store.hpp"

namespace vc::asrun {

/// The daemon's loop thread only. Nothing is ever dropped: the daemon shows size() on the
/// console so that someone frees the disk.
class PendingQueue {
  public:
    /// Writes `event` after any events already waiting. Returns true when everything, this event
    /// included, is now in the log; false when it waits (last_error() says why). Never throws
    /// AppendError.
    bool append(LogStore& log, Event event);

    /// Writes waiting events in order until one fails or none is left. Returns how many were
    /// written. Never throws AppendError.
    std::size_t retry(LogStore& log);

    /// Keeps an event without trying to write it.
    void push(Event event) { waiting_.push_back(std::move(event)); }

    [[nodiscard]] bool empty() const { return waiting_.empty(); }
    [[nodiscard]] std::size_t size() const { return waiting_.size(); }
    [[nodiscard]] const std::deque<Event>& waiting() const { return waiting_; }
    /// The message of the last failed write (empty when the last try succeeded).
    [[nodiscard]] const std::string& last_error() const { return last_error_; }
    /// The seq of the newest row this queue wrote, or the one given to set_last_seq().
    [[nodiscard]] std::int64_t last_seq() const { return last_seq_; }
    void set_last_seq(std::int64_t seq) { last_seq_ = seq; }

  private:
    std::deque<Event> waiting_;
    std::string last_error_;
    std::int64_t last_seq_ = 0;
};

}  // namespace vc::asrun
