#include "asrun/backup.hpp"

#include <memory>
#include <system_error>

#include "core/atomic_file.hpp"

namespace vc::asrun {

namespace {

struct BackupFinisher {
    void operator()(sqlite3_backup* b) const noexcept { sqlite3_backup_finish(b); }
};

void copy_pages(const LogStore& log, sqlite3* dest, const BackupOptions& options) {
    std::unique_ptr<sqlite3_backup, BackupFinisher> backup(
        sqlite3_backup_init(dest, "main", log.handle(), "main"));
    if (!backup) {
        throw sqlite::Error(sqlite3_extended_errcode(dest), sqlite3_errmsg(dest));
    }
    int step = options.pages_per_step > 0 ? options.pages_per_step : -1;
    for (;;) {
        int rc = sqlite3_backup_step(backup.get(), step);
        if (options.on_step && (rc == SQLITE_OK || rc == SQLITE_DONE)) {
            options.on_step(sqlite3_backup_remaining(backup.get()),
                            sqlite3_backup_pagecount(backup.get()));
        }
        if (rc == SQLITE_DONE) {
            break;
        }
        if (rc == SQLITE_OK) {
            continue;
        }
        if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) {
            sqlite3_sleep(20);  // another connection holds a lock for a moment
            continue;
        }
        throw sqlite::Error(rc, sqlite3_errstr(rc));
    }
    int rc = sqlite3_backup_finish(backup.release());
    if (rc != SQLITE_OK) {
        throw sqlite::Error(rc, sqlite3_errmsg(dest));
    }
}

}  // namespace

VerifyResult backup(const LogStore& log, const std::filesystem::path& destination,
                    const BackupOptions& options) {
    std::error_code ec;
    if (std::filesystem::equivalent(log.path(), destination, ec)) {
        throw UserError("cannot back up the as-run log onto itself (" + destination.string() +
                        "): name another file");
    }
    std::filesystem::path part = destination;
    part += ".part";
    std::filesystem::remove(part, ec);
    if (destination.has_parent_path()) {
        std::filesystem::create_directories(destination.parent_path(), ec);
    }
    try {
        {
            sqlite::DbPtr dest = sqlite::open(part, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
            copy_pages(log, dest.get(), options);
            sqlite::exec(dest.get(), "PRAGMA journal_mode=DELETE");
        }
        VerifyResult result;
        {
            LogStore copy = LogStore::open(part, Access::read_only);
            result = verify(copy);
        }
        if (!result.ok) {
            std::filesystem::remove(part, ec);
            throw UserError("the backup copy of the as-run log does not verify: " +
                            result.summary() + " (run `villagecast audit verify` on the log)");
        }
        std::filesystem::rename(part, destination);
        fsync_directory(destination.has_parent_path() ? destination.parent_path()
                                                      : std::filesystem::path("."));
        return result;
    } catch (const UserError&) {
        std::filesystem::remove(part, ec);
        throw;
    } catch (const sqlite::Error& e) {
        std::filesystem::remove(part, ec);
        throw UserError("cannot back up the as-run log to " + destination.string() + ": " +
                        e.what());
    } catch (const std::filesystem::filesystem_error& e) {
        std::filesystem::remove(part, ec);
        throw UserError("cannot back up the as-run log to " + destination.string() + ": " +
                        e.code().message());
    }
}

}  // namespace vc::asrun
