#pragma once
// Another program holding the as-run log's write lock (as an office's backup tool or a person
// with the sqlite3 shell might), until release().

#include <filesystem>

#include <sqlite3.h>
#include <catch2/catch.hpp>

namespace vc::test {

/// A connection of this process that holds the log's write lock until release(). For tests that
/// link the as-run log's library (SQLite).
class LogLock {
  public:
    explicit LogLock(const std::filesystem::path& file) {
        REQUIRE(sqlite3_open(file.c_str(), &db_) == SQLITE_OK);
        sqlite3_busy_timeout(db_, 5000);  // the daemon may be writing its first rows
        char* error = nullptr;
        const int rc = sqlite3_exec(db_, "BEGIN EXCLUSIVE", nullptr, nullptr, &error);
        INFO((error ? error : ""));
        sqlite3_free(error);
        REQUIRE(rc == SQLITE_OK);
    }
    void release() {
        if (!db_) return;
        sqlite3_exec(db_, "COMMIT", nullptr, nullptr, nullptr);
        sqlite3_close(db_);
        db_ = nullptr;
    }
    ~LogLock() { release(); }
    LogLock(const LogLock&) = delete;
    LogLock& operator=(const LogLock&) = delete;

  private:
    sqlite3* db_ = nullptr;
};

}  // namespace vc::test
