#pragma once
// A thin RAII layer over SQLite's C API: owned connections and statements, and errors that carry
// SQLite's own text. Used only inside asrun/. A connection and its statements belong to one
// thread at a time.

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include <sqlite3.h>

namespace vc::asrun::sqlite {

/// An SQLite call failed. what() is SQLite's message; code() the (extended) result code.
class Error : public std::runtime_error {
  public:
    Error(int code, const std::string& message) : std::runtime_error(message), code_(code) {}
    [[nodiscard]] int code() const { return code_; }

  private:
    int code_;
};

struct DbCloser {
    void operator()(sqlite3* db) const noexcept { sqlite3_close_v2(db); }
};
struct StmtFinalizer {
    void operator()(sqlite3_stmt* stmt) const noexcept { sqlite3_finalize(stmt); }
};
using DbPtr = std::unique_ptr<sqlite3, DbCloser>;

/// Opens a connection with sqlite3_open_v2 flags. Throws Error with SQLite's text.
DbPtr open(const std::filesystem::path& file, int flags);

/// Throws Error(code, SQLite's current message for `db`) when `rc` is not SQLITE_OK.
void check(sqlite3* db, int rc);

/// Runs one or more statements that return no rows. Throws Error.
void exec(sqlite3* db, const char* sql);

/// A prepared statement. Throws Error from every call that can fail.
class Statement {
  public:
    Statement(sqlite3* db, std::string_view sql);

    Statement& bind(int index, std::string_view text);
    Statement& bind(int index, std::int64_t value);
    Statement& bind_null(int index);

    /// Steps once: true when a row is ready, false when done.
    bool step();
    /// Resets the statement and clears its bindings, so that it can run again.
    void reset() noexcept;

    [[nodiscard]] std::int64_t integer(int column) const;
    [[nodiscard]] std::string text(int column) const;
    [[nodiscard]] bool is_null(int column) const;

  private:
    sqlite3* db_;
    std::unique_ptr<sqlite3_stmt, StmtFinalizer> stmt_;
};

/// Resets a statement when the scope ends, whatever happens.
class ResetGuard {
  public:
    explicit ResetGuard(Statement& s) : s_(s) {}
    ~ResetGuard() { s_.reset(); }
    ResetGuard(const ResetGuard&) = delete;
    ResetGuard& operator=(const ResetGuard&) = delete;

  private:
    Statement& s_;
};

}  // namespace vc::asrun::sqlite
