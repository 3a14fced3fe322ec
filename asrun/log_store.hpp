#pragma once
// The as-run log on disk: an append-only SQLite table of hash-chained events at state/audit.db.
// Rows are only ever inserted; triggers refuse UPDATE and DELETE. Every append is its own
// transaction (BEGIN IMMEDIATE; read head; insert; COMMIT) with synchronous=FULL in WAL mode, so a
// row that append() returned survives a power cut, and two processes appending (the daemon and a
// CLI operator action) keep one chain.

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "asrun/chain.hpp"
#include "asrun/event.hpp"
#include "asrun/sqlite.hpp"
#include "core/diagnostic.hpp"

namespace vc::asrun {

/// Version of the database layout, kept in the table schema_version.
inline constexpr int schema_version = 1;

/// append() could not write the event. what() names the log file and carries SQLite's text
/// ("database or disk is full", "attempt to write a readonly database", "database is locked").
/// The event was not written: keep it (PendingQueue) and try again later.
class AppendError : public UserError {
  public:
    AppendError(const std::string& message, int sqlite_code)
        : UserError(message), sqlite_code_(sqlite_code) {}
    /// SQLite's extended result code (SQLITE_FULL, SQLITE_READONLY, SQLITE_BUSY, ...).
    [[nodiscard]] int sqlite_code() const { return sqlite_code_; }

  private:
    int sqlite_code_;
};

/// One stored row as it is on disk.
struct RawRow {
    std::int64_t seq = 0;
    std::string payload;    ///< the canonical bytes
    std::string prev_hash;  ///< the hash of row seq-1 (genesis_hash for row 1)
    std::string hash;       ///< chain_hash(prev_hash, payload)
};

/// One stored row and the event read from its payload.
struct StoredEvent {
    RawRow row;
    Event event;
};

/// The newest row: what a listing prints so that a later `verify --head` can prove that no rows
/// were cut off.
struct Head {
    std::int64_t rows = 0;           ///< number of rows
    std::int64_t seq = 0;            ///< seq of the newest row (0 when empty)
    std::string hash{genesis_hash};  ///< its hash (genesis_hash when empty)
    bool operator==(const Head&) const = default;
};

/// An airing whose `started` has no `ended`: after a crash the daemon writes
/// `ended: interrupted (daemon stopped)` for each.
struct OpenAiring {
    std::int64_t seq = 0;  ///< the `started` row
    Instant at{};          ///< when `started` was written
    Started started;
    std::optional<Instant> actual_start;  ///< from the newest `progress`, if any
    Instant last_seen{};                  ///< the newest `progress` (or `started`) event's time
};

/// How an occurrence ended for good: a `missed`, or an `ended` with final=true.
struct FinalOutcome {
    std::int64_t seq = 0;  ///< the row that records it
    EventKind kind = EventKind::ended;
    std::string status;  ///< "missed" or the ended status
    std::string airing;  ///< empty for missed
    Instant at{};
};

/// A person's request to air something now whose occurrence has no final outcome yet: after a
/// crash the daemon airs it late or logs it missed, as it does a scheduled occurrence.
struct UnsettledRequest {
    std::int64_t seq = 0;  ///< the `operator` row
    Instant at{};          ///< when it was accepted
    std::string who;
    ManualRequest request;
};

/// How a log is opened.
enum class Access {
    read_write,  ///< creates the file, its folder and the tables when missing (the daemon, CLI
                 ///< actions)
    read_only,   ///< the file must exist; append() fails (listings, verify, backup)
};

/// The as-run log. Each object is one SQLite connection: use it from one thread (the daemon's
/// loop thread); other threads and processes open their own.
class LogStore {
  public:
    /// Where a station keeps its log: <station>/state/audit.db.
    static std::filesystem::path path_in_station(const std::filesystem::path& station_dir);

    /// Opens the log at `file`. read_write creates the folder, the file and the tables when
    /// missing, and sets WAL, synchronous=FULL and a busy timeout. Throws UserError naming the
    /// file with SQLite's text when it cannot be opened, is not an as-run log, or was written by
    /// a newer villagecast.
    static LogStore open(const std::filesystem::path& file, Access access = Access::read_write,
                         std::chrono::milliseconds busy_timeout = std::chrono::seconds(5));

    LogStore(LogStore&&) noexcept;
    LogStore& operator=(LogStore&&) noexcept;
    ~LogStore();

    /// Appends one event as the next row and returns the row. The row is on disk (synced) when
    /// this returns. Throws AppendError (nothing written) when SQLite cannot write: disk full,
    /// read-only file or connection, locked longer than the busy timeout.
    RawRow append(const Event& event);

    /// Convenience: appends an event of any kind at `at`. Throws AppendError.
    template <typename Body>
    RawRow append(Instant at, Body body) {
        return append(Event{at, EventBody(std::move(body))});
    }

    /// The newest row and the row count. Throws UserError.
    [[nodiscard]] Head head() const;

    /// Calls `visit` for each row with first_seq <= seq <= last_seq, in seq order, without
    /// reading the payloads (verify uses this). Throws UserError, or what `visit` throws.
    void scan(const std::function<void(const RawRow&)>& visit, std::int64_t first_seq = 1,
              std::int64_t last_seq = INT64_MAX) const;

    /// The rows first_seq..last_seq with their events. Throws UserError naming the row when a
    /// payload cannot be read as an event (run verify).
    [[nodiscard]] std::vector<StoredEvent> read(std::int64_t first_seq = 1,
                                                std::int64_t last_seq = INT64_MAX) const;

    /// Every `started` that has no `ended`, oldest first. Throws UserError.
    [[nodiscard]] std::vector<OpenAiring> open_airings() const;

    /// Every accepted request to air something now (an `operator` row with its occurrence) that
    /// has no final outcome, oldest first. Throws UserError.
    [[nodiscard]] std::vector<UnsettledRequest> unsettled_requests() const;

    /// The final outcome of occurrence (broadcast, scheduled) in `zone`, if it has one: a
    /// `missed` for it, or an `ended` with final=true of an airing whose `started` names it. The
    /// oldest such row. An empty `zone` matches any zone (the first zone's outcome when several
    /// have one). Throws UserError.
    [[nodiscard]] std::optional<FinalOutcome> final_outcome(std::string_view broadcast,
                                                            Instant scheduled,
                                                            std::string_view zone = {}) const;
    /// True when final_outcome() has a value: the occurrence must not air again.
    [[nodiscard]] bool has_final_outcome(std::string_view broadcast, Instant scheduled,
                                         std::string_view zone = {}) const;

    /// Why the file this connection writes is no longer the log at path(): "deleted" (its link
    /// count fell to 0: rows written now would vanish with the last descriptor), "replaced by
    /// another file", "gone"; nullopt while it is the log. Two system calls; any time.
    [[nodiscard]] std::optional<std::string> file_lost() const;

    [[nodiscard]] const std::filesystem::path& path() const { return path_; }
    [[nodiscard]] Access access() const { return access_; }
    /// The connection, for verify and backup inside asrun/.
    [[nodiscard]] sqlite3* handle() const { return db_.get(); }

  private:
    struct Statements;
    LogStore(std::filesystem::path path, Access access, sqlite::DbPtr db);
    [[noreturn]] void fail(const std::string& what, const sqlite::Error& e) const;

    std::filesystem::path path_;
    Access access_;
    sqlite::DbPtr db_;
    std::unique_ptr<Statements> stmts_;
    /// A descriptor on the file as opened, kept to see its link count (-1: not watched).
    int watch_fd_ = -1;
};

}  // namespace vc::asrun
