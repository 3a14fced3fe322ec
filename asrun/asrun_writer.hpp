#pragma once
// The daemon's side of the as-run log. Events are written in the order they happen by a thread
// of its own, so that the daemon's loop never waits on the disk: a log locked by another
// process, a slow or full disk delays rows, never an airing. An event that cannot be written yet
// waits, is retried, and is shown in status (how many and why) until it is written. A waiting
// event is also kept on disk beside the log (asrun/spill_file.hpp) before the writer goes on, so
// that a power cut while the log is locked loses none: the next start puts it back. No event is
// ever dropped. When the log file is deleted or replaced under the daemon, a new log
// is started whose first row names the lost one.

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "asrun/event.hpp"
#include "asrun/log_store.hpp"
#include "asrun/pending_queue.hpp"
#include "asrun/spill_file.hpp"
#include "core/clock.hpp"

namespace vc::asrun {

/// Owned by the daemon's loop thread; every member is for that thread unless it says otherwise.
/// The writing happens on a thread the writer starts and joins.
class AsrunWriter {
  public:
    /// Opens (creating) the log at `file` and puts back, ahead of anything else, the events its
    /// spill file kept when the daemon last stopped with them unwritten (a power cut, a kill),
    /// followed by a `system` row "spill-recovered" saying how many. Throws UserError when the
    /// log cannot be opened at all.
    AsrunWriter(const std::filesystem::path& file, const Clock& clock);
    /// Writes what is still waiting, for up to `drain_limit` (see set_drain_limit), then stops
    /// the writing thread; what could not be written by then is named in the daemon's log.
    ~AsrunWriter();
    AsrunWriter(const AsrunWriter&) = delete;
    AsrunWriter& operator=(const AsrunWriter&) = delete;

    /// Queues `body` as happening at `at`; it is written (and synced) in order, at once unless
    /// the log is locked or the disk fails. Never blocks on the disk.
    template <typename Body>
    void write(Instant at, Body body) {
        write_event(asrun::Event{at, asrun::EventBody(std::move(body))});
    }
    void write_event(asrun::Event event);
    /// How many events have been queued by write() so far: the ticket of the last one. The
    /// loop's thread.
    [[nodiscard]] std::uint64_t queued() const { return queued_.load(); }
    /// How many of the events queued by write() are in the log, synced to disk: every event
    /// whose ticket is at most this is. Any thread.
    [[nodiscard]] std::uint64_t written() const { return written_.load(); }
    /// Asks for the waiting events to be tried again now; returns true when none is waiting.
    bool retry();
    /// Waits until every event queued so far is in the log, or `limit` passes. Returns true
    /// when none is waiting. Blocks: for the end of a run, commands and tests, never the loop
    /// while it runs.
    bool flush(std::chrono::milliseconds limit = std::chrono::hours(24));
    /// Asks the writing thread to check that the open log is still the file at its path (it
    /// also checks before every batch of rows). When it was deleted or replaced, the thread
    /// starts a new log there whose first row (`system`, action "log-recreated", ok false, at
    /// `now`) names the lost log's row count and head hash, and keeps the alarm for status.
    void check_file(Instant now);
    /// The lost log's alarm as a sentence for status and the console, or "" when none was lost
    /// since the daemon started.
    [[nodiscard]] std::string lost_log_alarm() const;

    /// Events that wait: queued and not in the log while a write has failed or has been held
    /// up for over a second (a row on its way in the usual few milliseconds does not count).
    [[nodiscard]] std::size_t pending() const;
    /// Why the last write failed, or why rows wait ("" when none does).
    [[nodiscard]] std::string last_error() const;
    /// A read-only connection to the log as the writing thread last left it, after waiting for
    /// everything queued so far (flush): for start-up and commands, not while airings run.
    [[nodiscard]] asrun::LogStore& store();
    /// The same connection without waiting: rows still queued are not in it yet.
    [[nodiscard]] asrun::LogStore& reader();
    /// How long the destructor keeps trying to write what waits (default 10 s).
    void set_drain_limit(std::chrono::milliseconds limit) { drain_limit_ = limit; }

  private:
    void run();
    /// Writing thread: writes `batch` after whatever waits; returns how many were written.
    std::size_t write_batch(std::deque<Event>& batch);
    /// Writing thread: starts a new log when the open one was lost; returns true then.
    bool replace_lost_file(Instant now);
    /// Constructor: puts the spill file's events that the log lacks at the front of `waiting_`.
    void recover_spill();
    /// Writing thread: keeps on disk the waiting events not kept yet, or removes the spill
    /// file once none waits.
    void update_spill();
    /// Writing thread: `written` rows left the front of `waiting_` for the log. Takes them off
    /// the writer's own rows and the spilled ones, updates the spill file, and returns how many
    /// of them were queued by write() (what written() counts).
    std::size_t settle_written(std::size_t written);
    /// Writing thread: adds a row of the writer's own (not counted by queued()) behind
    /// `waiting_`.
    void push_own_row(Event event);

    std::filesystem::path file_;
    const Clock& clock_;
    std::chrono::milliseconds drain_limit_{10'000};

    // The writing thread's own.
    LogStore writer_store_;
    PendingQueue waiting_;  ///< taken from `incoming_`, not yet written
    /// Rows the writer added itself (a lost log's first row), at the front of `waiting_`.
    std::size_t own_rows_ahead_ = 0;
    SpillFile spill_;
    std::size_t spilled_ = 0;  ///< the events at the front of `waiting_` the spill file holds
    bool spill_on_disk_ = false;
    std::string spill_note_;  ///< where the waiting events are kept, for last_error()

    // Shared, under `mutex_`.
    mutable std::mutex mutex_;
    std::condition_variable wake_;     ///< the writing thread: something to do
    std::condition_variable drained_;  ///< flush(): rows were written
    std::deque<Event> incoming_;
    std::optional<Instant> check_at_;  ///< check_file() was asked at this instant
    bool retry_now_ = false;
    bool stop_ = false;
    std::uint64_t asked_ = 0;    ///< requests made (writes, checks, retries)
    std::uint64_t handled_ = 0;  ///< requests the writing thread has acted on
    std::string last_error_;
    std::string lost_alarm_;
    std::atomic<std::size_t> unwritten_{0};
    std::atomic<std::uint64_t> queued_{0};      ///< events write() queued
    std::atomic<std::uint64_t> written_{0};     ///< of those, written and synced
    std::atomic<std::uint64_t> generation_{0};  ///< bumped when a new log file was started
    std::atomic<bool> failing_{false};          ///< the last write failed
    std::atomic<MonoTime::rep> busy_since_{0};  ///< when the current batch began (0: idle)

    // The loop thread's.
    std::optional<LogStore> reader_;
    std::uint64_t reader_generation_ = 0;

    std::thread thread_;
};

}  // namespace vc::asrun
