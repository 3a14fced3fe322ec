#include "asrun/log_store.hpp"

#include <system_error>
#include <utility>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/atomic_file.hpp"

namespace vc::asrun {

namespace {

// The layout. Only `seq`, `payload`, `prev_hash` and `hash` are stored; the other columns are
// computed from the payload when read (VIRTUAL), so they can never disagree with it, and exist
// only to be indexed for the recovery queries.
constexpr const char* schema_sql = R"sql(
CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL);
INSERT INTO schema_version (version)
  SELECT 1 WHERE NOT EXISTS (SELECT 1 FROM schema_version);
CREATE TABLE IF NOT EXISTS events (
  seq       INTEGER PRIMARY KEY,
  payload   TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash      TEXT NOT NULL,
  kind      TEXT    GENERATED ALWAYS AS (json_extract(payload, '$.kind')) VIRTUAL,
  airing    TEXT    GENERATED ALWAYS AS (json_extract(payload, '$.airing')) VIRTUAL,
  broadcast TEXT    GENERATED ALWAYS AS (json_extract(payload, '$.broadcast')) VIRTUAL,
  scheduled INTEGER GENERATED ALWAYS AS (json_extract(payload, '$.scheduled')) VIRTUAL
);
CREATE INDEX IF NOT EXISTS events_by_airing ON events (kind, airing);
CREATE INDEX IF NOT EXISTS events_by_occurrence ON events (broadcast, scheduled, kind);
CREATE TRIGGER IF NOT EXISTS events_no_update BEFORE UPDATE ON events
  BEGIN SELECT RAISE(ABORT, 'the as-run log is append-only: rows cannot be changed'); END;
CREATE TRIGGER IF NOT EXISTS events_no_delete BEFORE DELETE ON events
  BEGIN SELECT RAISE(ABORT, 'the as-run log is append-only: rows cannot be deleted'); END;
)sql";

/// Whether every object schema_sql creates is already there.
bool has_whole_schema(sqlite3* db) {
    sqlite::Statement count(db,
                            "SELECT count(*) FROM sqlite_schema WHERE name IN ('schema_version', "
                            "'events', 'events_by_airing', 'events_by_occurrence', "
                            "'events_no_update', 'events_no_delete')");
    count.step();
    return count.integer(0) == 6;
}

constexpr const char* head_sql = "SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1";
constexpr const char* insert_sql =
    "INSERT INTO events (seq, payload, prev_hash, hash) VALUES (?1, ?2, ?3, ?4)";
constexpr const char* scan_sql =
    "SELECT seq, payload, prev_hash, hash FROM events WHERE seq BETWEEN ?1 AND ?2 ORDER BY seq";
constexpr const char* open_airings_sql = R"sql(
SELECT s.seq, s.payload FROM events AS s
WHERE s.kind = 'started'
  AND NOT EXISTS (SELECT 1 FROM events AS e
                  WHERE e.kind = 'ended' AND e.airing = s.airing AND e.seq > s.seq)
ORDER BY s.seq)sql";
constexpr const char* last_progress_sql =
    "SELECT seq, payload FROM events WHERE kind = 'progress' AND airing = ?1 "
    "ORDER BY seq DESC LIMIT 1";
constexpr const char* final_outcome_sql = R"sql(
SELECT seq, payload FROM events
WHERE broadcast = ?1 AND scheduled = ?2 AND kind = 'missed'
  AND (?3 = '' OR json_extract(payload, '$.zones[0]') = ?3)
UNION ALL
SELECT e.seq, e.payload FROM events AS s JOIN events AS e ON e.kind = 'ended' AND e.airing = s.airing
WHERE s.broadcast = ?1 AND s.scheduled = ?2 AND s.kind = 'started'
  AND (?3 = '' OR json_extract(s.payload, '$.zones[0]') = ?3)
  AND json_extract(e.payload, '$.final') = 1
ORDER BY 1 LIMIT 1)sql";

// A person's request to air something now whose occurrence has no final outcome yet in some
// zone: each zone it was asked for gets exactly one (a `missed`, or a final `ended`).
constexpr const char* unsettled_requests_sql = R"sql(
SELECT r.seq, r.payload FROM events AS r
WHERE r.kind = 'operator' AND r.broadcast IS NOT NULL
  AND (SELECT count(*) FROM events AS m
       WHERE m.broadcast = r.broadcast AND m.scheduled = r.scheduled AND m.kind = 'missed')
    + (SELECT count(*) FROM events AS s JOIN events AS e ON e.kind = 'ended' AND e.airing = s.airing
       WHERE s.broadcast = r.broadcast AND s.scheduled = r.scheduled AND s.kind = 'started'
         AND json_extract(e.payload, '$.final') = 1)
    < max(1, coalesce(json_array_length(r.payload, '$.zones'), 0))
ORDER BY r.seq)sql";

void rollback_quietly(sqlite3* db) noexcept {
    if (!sqlite3_get_autocommit(db)) {
        sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
    }
}

std::string describe(const std::filesystem::path& file) {
    return file.string();
}

}  // namespace

struct LogStore::Statements {
    explicit Statements(sqlite3* db)
        : head(db, head_sql),
          insert(db, insert_sql),
          scan(db, scan_sql),
          open_airings(db, open_airings_sql),
          last_progress(db, last_progress_sql),
          final_outcome(db, final_outcome_sql),
          unsettled_requests(db, unsettled_requests_sql) {}
    sqlite::Statement head;
    sqlite::Statement insert;
    sqlite::Statement scan;
    sqlite::Statement open_airings;
    sqlite::Statement last_progress;
    sqlite::Statement final_outcome;
    sqlite::Statement unsettled_requests;
};

std::filesystem::path LogStore::path_in_station(const std::filesystem::path& station_dir) {
    return station_dir / "state" / "audit.db";
}

LogStore::LogStore(std::filesystem::path path, Access access, sqlite::DbPtr db)
    : path_(std::move(path)), access_(access), db_(std::move(db)) {
    if (access_ == Access::read_write) watch_fd_ = ::open(path_.c_str(), O_RDONLY | O_CLOEXEC);
}

LogStore::LogStore(LogStore&& other) noexcept
    : path_(std::move(other.path_)),
      access_(other.access_),
      db_(std::move(other.db_)),
      stmts_(std::move(other.stmts_)),
      watch_fd_(std::exchange(other.watch_fd_, -1)) {}

LogStore& LogStore::operator=(LogStore&& other) noexcept {
    if (this != &other) {
        stmts_.reset();  // statements before their connection
        if (watch_fd_ >= 0) ::close(watch_fd_);
        path_ = std::move(other.path_);
        access_ = other.access_;
        db_ = std::move(other.db_);
        stmts_ = std::move(other.stmts_);
        watch_fd_ = std::exchange(other.watch_fd_, -1);
    }
    return *this;
}

LogStore::~LogStore() {
    if (watch_fd_ >= 0) ::close(watch_fd_);
}

std::optional<std::string> LogStore::file_lost() const {
    if (watch_fd_ < 0) return std::nullopt;
    struct stat open_file {};
    if (::fstat(watch_fd_, &open_file) != 0) return std::nullopt;
    if (open_file.st_nlink == 0) return "deleted";
    struct stat on_disk {};
    if (::stat(path_.c_str(), &on_disk) != 0) return "gone";
    if (on_disk.st_dev != open_file.st_dev || on_disk.st_ino != open_file.st_ino)
        return "replaced by another file";
    return std::nullopt;
}

void LogStore::fail(const std::string& what, const sqlite::Error& e) const {
    throw UserError(what + " the as-run log " + describe(path_) + ": " + e.what());
}

LogStore LogStore::open(const std::filesystem::path& file, Access access,
                        std::chrono::milliseconds busy_timeout) {
    bool existed = std::filesystem::exists(file);
    if (access == Access::read_only && !existed) {
        throw UserError("there is no as-run log at " + describe(file) +
                        " (the daemon creates it when it first runs)");
    }
    if (access == Access::read_write && file.has_parent_path()) {
        std::error_code ec;
        std::filesystem::create_directories(file.parent_path(), ec);
        if (ec) {
            throw UserError("cannot create the folder " + describe(file.parent_path()) +
                            " for the as-run log: " + ec.message());
        }
    }
    try {
        int flags = access == Access::read_only ? SQLITE_OPEN_READONLY
                                                : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
        sqlite::DbPtr db = sqlite::open(file, flags);
        sqlite3* raw = db.get();
        sqlite::check(raw, sqlite3_busy_timeout(raw, static_cast<int>(busy_timeout.count())));
        if (access == Access::read_write) {
            // journal_mode answers with the mode in force; a file system without shared memory
            // would leave it in another mode, which is still safe but slower for readers.
            sqlite::exec(raw, "PRAGMA journal_mode=WAL");
            sqlite::exec(raw, "PRAGMA synchronous=FULL");
            // A log that already has every table, index and trigger needs no write to open: a
            // daemon starting while another program holds the log locked still comes up, and
            // its rows wait for the lock on the writing thread.
            if (!has_whole_schema(raw)) {
                sqlite::exec(raw, "BEGIN IMMEDIATE");
                try {
                    sqlite::exec(raw, schema_sql);
                    sqlite::exec(raw, "COMMIT");
                } catch (...) {
                    rollback_quietly(raw);
                    throw;
                }
            }
            if (!existed && file.has_parent_path()) {
                fsync_directory(file.parent_path());
            }
        }
        {
            sqlite::Statement has_table(
                raw,
                "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name IN "
                "('schema_version', 'events')");
            has_table.step();
            if (has_table.integer(0) != 2) {
                throw UserError(describe(file) + " is not a villagecast as-run log");
            }
        }
        sqlite::Statement version(raw, "SELECT max(version) FROM schema_version");
        version.step();
        std::int64_t v = version.integer(0);
        if (v != schema_version) {
            throw UserError("the as-run log " + describe(file) + " has layout version " +
                            std::to_string(v) + "; this villagecast reads version " +
                            std::to_string(schema_version) +
                            " (use the villagecast that wrote it)");
        }
        LogStore store(file, access, std::move(db));
        store.stmts_ = std::make_unique<Statements>(raw);
        return store;
    } catch (const sqlite::Error& e) {
        throw UserError("cannot open the as-run log " + describe(file) + ": " + e.what());
    }
}

RawRow LogStore::append(const Event& event) {
    RawRow row;
    row.payload = event.canonical();
    sqlite3* db = db_.get();
    try {
        sqlite::exec(db, "BEGIN IMMEDIATE");
        try {
            {
                sqlite::ResetGuard guard(stmts_->head);
                if (stmts_->head.step()) {
                    row.seq = stmts_->head.integer(0) + 1;
                    row.prev_hash = stmts_->head.text(1);
                } else {
                    row.seq = 1;
                    row.prev_hash = std::string(genesis_hash);
                }
            }
            row.hash = chain_hash(row.prev_hash, row.payload);
            {
                sqlite::ResetGuard guard(stmts_->insert);
                stmts_->insert.bind(1, row.seq)
                    .bind(2, row.payload)
                    .bind(3, row.prev_hash)
                    .bind(4, row.hash);
                stmts_->insert.step();
            }
            sqlite::exec(db, "COMMIT");
        } catch (...) {
            rollback_quietly(db);
            throw;
        }
    } catch (const sqlite::Error& e) {
        throw AppendError("cannot write to the as-run log " + describe(path_) + ": " + e.what(),
                          e.code());
    }
    return row;
}

Head LogStore::head() const {
    try {
        Head h;
        sqlite::Statement count(db_.get(), "SELECT count(*) FROM events");
        count.step();
        h.rows = count.integer(0);
        sqlite::ResetGuard guard(stmts_->head);
        if (stmts_->head.step()) {
            h.seq = stmts_->head.integer(0);
            h.hash = stmts_->head.text(1);
        }
        return h;
    } catch (const sqlite::Error& e) {
        fail("cannot read", e);
    }
}

void LogStore::scan(const std::function<void(const RawRow&)>& visit, std::int64_t first_seq,
                    std::int64_t last_seq) const {
    try {
        sqlite::ResetGuard guard(stmts_->scan);
        stmts_->scan.bind(1, first_seq).bind(2, last_seq);
        while (stmts_->scan.step()) {
            RawRow row{stmts_->scan.integer(0), stmts_->scan.text(1), stmts_->scan.text(2),
                       stmts_->scan.text(3)};
            visit(row);
        }
    } catch (const sqlite::Error& e) {
        fail("cannot read", e);
    }
}

namespace {

Event decode_row(const std::filesystem::path& file, std::int64_t seq, const std::string& payload) {
    try {
        return Event::parse(payload);
    } catch (const std::exception& e) {
        throw UserError("row " + std::to_string(seq) + " of the as-run log " + file.string() +
                        " cannot be read: " + e.what() +
                        " (run `villagecast audit verify` to check the log)");
    }
}

}  // namespace

std::vector<StoredEvent> LogStore::read(std::int64_t first_seq, std::int64_t last_seq) const {
    std::vector<StoredEvent> out;
    scan(
        [&](const RawRow& row) {
            Event e = decode_row(path_, row.seq, row.payload);
            out.push_back(StoredEvent{row, std::move(e)});
        },
        first_seq, last_seq);
    return out;
}

std::vector<OpenAiring> LogStore::open_airings() const {
    std::vector<OpenAiring> out;
    try {
        {
            sqlite::ResetGuard guard(stmts_->open_airings);
            while (stmts_->open_airings.step()) {
                std::int64_t seq = stmts_->open_airings.integer(0);
                Event e = decode_row(path_, seq, stmts_->open_airings.text(1));
                const auto* started = std::get_if<Started>(&e.body);
                if (!started) {
                    continue;
                }
                out.push_back(OpenAiring{seq, e.at, *started, std::nullopt, e.at});
            }
        }
        for (auto& open : out) {
            sqlite::ResetGuard guard(stmts_->last_progress);
            stmts_->last_progress.bind(1, open.started.airing);
            if (!stmts_->last_progress.step()) {
                continue;
            }
            Event e =
                decode_row(path_, stmts_->last_progress.integer(0), stmts_->last_progress.text(1));
            if (const auto* p = std::get_if<Progress>(&e.body)) {
                open.actual_start = p->actual_start;
                open.last_seen = e.at;
            }
        }
    } catch (const sqlite::Error& e) {
        fail("cannot read", e);
    }
    return out;
}

std::vector<UnsettledRequest> LogStore::unsettled_requests() const {
    std::vector<UnsettledRequest> out;
    try {
        sqlite::ResetGuard guard(stmts_->unsettled_requests);
        while (stmts_->unsettled_requests.step()) {
            const std::int64_t seq = stmts_->unsettled_requests.integer(0);
            Event e = decode_row(path_, seq, stmts_->unsettled_requests.text(1));
            const auto* o = std::get_if<OperatorAction>(&e.body);
            if (o && o->request) out.push_back(UnsettledRequest{seq, e.at, o->name, *o->request});
        }
    } catch (const sqlite::Error& e) {
        fail("cannot read", e);
    }
    return out;
}

std::optional<FinalOutcome> LogStore::final_outcome(std::string_view broadcast, Instant scheduled,
                                                    std::string_view zone) const {
    try {
        sqlite::ResetGuard guard(stmts_->final_outcome);
        stmts_->final_outcome.bind(1, broadcast).bind(2, to_millis(scheduled)).bind(3, zone);
        if (!stmts_->final_outcome.step()) {
            return std::nullopt;
        }
        std::int64_t seq = stmts_->final_outcome.integer(0);
        Event e = decode_row(path_, seq, stmts_->final_outcome.text(1));
        FinalOutcome out;
        out.seq = seq;
        out.kind = e.kind();
        out.at = e.at;
        if (const auto* ended = std::get_if<Ended>(&e.body)) {
            out.status = std::string(to_string(ended->status));
            out.airing = ended->airing;
        } else {
            out.status = "missed";
        }
        return out;
    } catch (const sqlite::Error& e) {
        fail("cannot read", e);
    }
}

bool LogStore::has_final_outcome(std::string_view broadcast, Instant scheduled,
                                 std::string_view zone) const {
    return final_outcome(broadcast, scheduled, zone).has_value();
}

}  // namespace vc::asrun
