#include <catch2/catch.hpp>

#include "asrun/backup.hpp"
#include "asrun/pending_queue.hpp"
#include "tests/asrun/asrun_samples.hpp"
#include "tests/support/fixtures.hpp"

using namespace vc;
using namespace vc::asrun;
using namespace std::chrono_literals;

TEST_CASE("a backup taken while another connection appends is a verified snapshot") {
    vc::test::TempDir dir;
    auto file = dir / "state" / "audit.db";
    LogStore log = LogStore::open(file);
    Instant t0 = samples::utc(2025, 3, 1, 0, 0);
    samples::append_filler(log, t0, 40);
    LogStore other = LogStore::open(file);

    int steps = 0;
    int appended = 0;
    BackupOptions options;
    options.pages_per_step = 2;
    options.on_step = [&](int remaining, int total) {
        ++steps;
        CHECK(remaining <= total);
        if (appended < 3) {  // the daemon keeps writing during the copy
            other.append(t0 + 1h, OperatorAction{"王芳", "note", std::to_string(appended)});
            ++appended;
        }
    };
    auto dest = dir / "backups" / "audit-2025-03-01.db";
    VerifyResult r = backup(log, dest, options);
    CHECK(r.ok);
    CHECK(steps > 3);
    CHECK(appended == 3);
    CHECK(r.rows >= 40);
    CHECK(r.rows <= 43);
    CHECK_FALSE(std::filesystem::exists(dest.string() + ".part"));

    LogStore copy = LogStore::open(dest, Access::read_only);
    CHECK(verify(copy).head_hash == r.head_hash);
    // Every row of the copy is the log's row with the same seq.
    auto copied = copy.read();
    auto original = log.read(1, r.head_seq);
    REQUIRE(copied.size() == original.size());
    CHECK(copied.back().row.hash == original.back().row.hash);
    sqlite::Statement mode(copy.handle(), "PRAGMA journal_mode");
    REQUIRE(mode.step());
    CHECK(mode.text(0) == "delete");
    CHECK(log.head().rows == 43);
}

TEST_CASE("a backup onto the log itself is refused") {
    vc::test::TempDir dir;
    LogStore log = LogStore::open(dir / "audit.db");
    CHECK_THROWS_WITH(backup(log, dir / "audit.db"),
                      Catch::StartsWith("cannot back up the as-run log onto itself"));
}

TEST_CASE("events that cannot be written wait in order and keep their own times") {
    vc::test::TempDir dir;
    LogStore log = LogStore::open(dir / "audit.db");
    Instant t0 = samples::utc(2025, 3, 1, 0, 0);
    log.append(t0, DaemonStart{"0.1.0", "/srv"});
    // Let the file grow no further: the next rows need new pages, as on a full disk.
    std::int64_t pages = samples::query_row(log.handle(), "PRAGMA page_count").integer(0);
    sqlite::exec(log.handle(), ("PRAGMA max_page_count = " + std::to_string(pages)).c_str());

    PendingQueue queue;
    std::string big(6000, 'z');
    CHECK_FALSE(queue.append(log, Event{t0 + 1min, OperatorAction{"王芳", "note", big}}));
    CHECK(queue.last_error() == "cannot write to the as-run log " + (dir / "audit.db").string() +
                                    ": database or disk is full");
    CHECK_FALSE(queue.append(log, Event{t0 + 2min, DaemonStop{"SIGTERM"}}));
    CHECK(queue.size() == 2);
    CHECK(queue.retry(log) == 0);
    CHECK(log.head().rows == 1);
    try {
        log.append(t0 + 3min, OperatorAction{"王芳", "note", big});
        FAIL("append succeeded");
    } catch (const AppendError& e) {
        CHECK((e.sqlite_code() & 0xff) == SQLITE_FULL);
    }

    sqlite::exec(log.handle(), "PRAGMA max_page_count = 1073741823");  // space freed
    CHECK(queue.retry(log) == 2);
    CHECK(queue.empty());
    CHECK(queue.last_error().empty());
    auto rows = log.read();
    REQUIRE(rows.size() == 3);
    CHECK(rows[1].event.at == t0 + 1min);
    CHECK(std::get<OperatorAction>(rows[1].event.body).detail == big);
    CHECK(rows[2].event.at == t0 + 2min);
    CHECK(rows[2].event.kind() == EventKind::daemon_stop);
    CHECK(verify(log).ok);
    CHECK(queue.append(log, Event{t0 + 4min, DaemonStop{"again"}}));
    CHECK(log.head().rows == 4);
}
