#include <catch2/catch.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <thread>

#include "asrun/log_store.hpp"
#include "tests/asrun/asrun_samples.hpp"
#include "tests/support/fixtures.hpp"

using namespace vc;
using namespace vc::asrun;
using vc::asrun::samples::utc;
using namespace std::chrono_literals;

TEST_CASE("appended events read back in order, chained, and survive reopening") {
    vc::test::TempDir dir;
    auto file = LogStore::path_in_station(dir.path());
    CHECK(file == dir.path() / "state" / "audit.db");
    Instant t = utc(2025, 3, 1, 0, 0);
    std::vector<Event> events{{t, DaemonStart{"0.1.0", dir.path().string()}},
                              {t + 1s, samples::started("a1", "早间新闻", t + 10min)},
                              {t + 2s, OperatorAction{"王芳", "stop", "早间新闻"}}};
    std::vector<RawRow> written;
    {
        LogStore log = LogStore::open(file);
        CHECK(log.head() == Head{});
        for (const auto& e : events) {
            written.push_back(log.append(e));
        }
        CHECK(samples::query_row(log.handle(), "PRAGMA journal_mode").text(0) == "wal");
        CHECK(samples::query_row(log.handle(), "PRAGMA synchronous").text(0) == "2");  // FULL
    }
    REQUIRE(std::filesystem::exists(file));
    LogStore log = LogStore::open(file, Access::read_only);
    auto back = log.read();
    REQUIRE(back.size() == 3);
    for (std::size_t i = 0; i < 3; ++i) {
        CHECK(back[i].row.seq == static_cast<std::int64_t>(i + 1));
        CHECK(back[i].event == events[i]);
        CHECK(back[i].row.payload == events[i].canonical());
        CHECK(back[i].row.hash == written[i].hash);
        CHECK(back[i].row.hash == chain_hash(back[i].row.prev_hash, back[i].row.payload));
    }
    CHECK(back[0].row.prev_hash == genesis_hash);
    CHECK(back[1].row.prev_hash == back[0].row.hash);
    CHECK(back[2].row.prev_hash == back[1].row.hash);
    CHECK(log.head() == Head{3, 3, back[2].row.hash});
    CHECK(log.read(2, 2).size() == 1);
    CHECK(log.read(2, 2)[0].event == events[1]);
}

TEST_CASE("the log refuses UPDATE and DELETE") {
    vc::test::TempDir dir;
    auto file = dir / "audit.db";
    {
        LogStore log = LogStore::open(file);
        log.append(utc(2025, 3, 1, 0, 0), DaemonStop{"SIGTERM"});
    }
    CHECK_THROWS_WITH(samples::tamper(file, "UPDATE events SET payload = '{}' WHERE seq = 1"),
                      "the as-run log is append-only: rows cannot be changed");
    CHECK_THROWS_WITH(samples::tamper(file, "DELETE FROM events"),
                      "the as-run log is append-only: rows cannot be deleted");
}

TEST_CASE("opening names the file and what is wrong") {
    vc::test::TempDir dir;
    CHECK_THROWS_WITH(LogStore::open(dir / "none.db", Access::read_only),
                      Catch::Contains("there is no as-run log at " + (dir / "none.db").string()));
    vc::test::write_bytes(dir / "junk.db", std::string(4096, 'x'));
    CHECK_THROWS_WITH(
        LogStore::open(dir / "junk.db"),
        "cannot open the as-run log " + (dir / "junk.db").string() + ": file is not a database");
    { LogStore::open(dir / "new.db"); }
    samples::tamper(dir / "new.db", "UPDATE schema_version SET version = 2");
    CHECK_THROWS_WITH(LogStore::open(dir / "new.db", Access::read_only),
                      Catch::Contains("has layout version 2; this villagecast reads version 1"));
}

TEST_CASE("appending through a read-only connection throws with SQLite's text") {
    vc::test::TempDir dir;
    auto file = dir / "audit.db";
    { LogStore::open(file).append(utc(2025, 3, 1, 0, 0), DaemonStop{"x"}); }
    LogStore log = LogStore::open(file, Access::read_only);
    try {
        log.append(utc(2025, 3, 1, 0, 1), DaemonStop{"y"});
        FAIL("append succeeded");
    } catch (const AppendError& e) {
        CHECK(std::string(e.what()) == "cannot write to the as-run log " + file.string() +
                                           ": attempt to write a readonly database");
        CHECK((e.sqlite_code() & 0xff) == SQLITE_READONLY);
    }
    CHECK(log.head().rows == 1);
}

TEST_CASE("two connections appending in turn keep one chain") {
    vc::test::TempDir dir;
    auto file = dir / "audit.db";
    LogStore daemon = LogStore::open(file);
    LogStore cli = LogStore::open(file);
    Instant t = utc(2025, 3, 1, 0, 0);
    for (int i = 0; i < 10; ++i) {
        auto a =
            daemon.append(t + std::chrono::seconds(i), Progress{"a1", std::chrono::seconds(i), t});
        auto b = cli.append(t + std::chrono::seconds(i),
                            OperatorAction{"王芳", "note", std::to_string(i)});
        CHECK(a.seq == 2 * i + 1);
        CHECK(b.seq == 2 * i + 2);
        CHECK(b.prev_hash == a.hash);
    }
    auto rows = daemon.read();
    REQUIRE(rows.size() == 20);
    for (std::size_t i = 1; i < rows.size(); ++i) {
        CHECK(rows[i].row.prev_hash == rows[i - 1].row.hash);
    }
}

TEST_CASE("two threads appending at once through their own connections keep one chain") {
    vc::test::TempDir dir;
    auto file = dir / "audit.db";
    { LogStore::open(file); }
    Instant t = utc(2025, 3, 1, 0, 0);
    auto writer = [&](const std::string& who) {
        LogStore log = LogStore::open(file);
        for (int i = 0; i < 50; ++i) {
            log.append(t, OperatorAction{who, "note", std::to_string(i)});
        }
    };
    std::thread a(writer, "a");
    std::thread b(writer, "b");
    a.join();
    b.join();
    LogStore log = LogStore::open(file, Access::read_only);
    auto rows = log.read();
    REQUIRE(rows.size() == 100);
    std::string prev(genesis_hash);
    int from_a = 0;
    for (std::size_t i = 0; i < rows.size(); ++i) {
        CHECK(rows[i].row.seq == static_cast<std::int64_t>(i + 1));
        CHECK(rows[i].row.prev_hash == prev);
        prev = rows[i].row.hash;
        if (std::get<OperatorAction>(rows[i].event.body).name == "a") {
            ++from_a;
        }
    }
    CHECK(from_a == 50);
}

TEST_CASE("after a crash, open_airings lists each started without an ended") {
    vc::test::TempDir dir;
    auto file = dir / "audit.db";
    Instant t = utc(2025, 3, 1, 0, 0);
    // A child process writes and dies without closing the database, as a crashed daemon would.
    pid_t pid = ::fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
        int code = 0;
        try {
            LogStore log = LogStore::open(file);
            log.append(t, samples::started("a1", "早间新闻", t + 1min));
            log.append(t + 1s, samples::started("a2", "天气", t + 2min, "天气预报"));
            log.append(t + 2min, samples::ended("a2", EndStatus::aired, true, "", t + 2min));
            log.append(t + 3min, Progress{"a1", 2min, t + 1min + 40ms});
            log.append(t + 4min, Progress{"a1", 3min, t + 1min + 40ms});
        } catch (...) {
            code = 1;
        }
        ::_exit(code);
    }
    int status = 0;
    REQUIRE(::waitpid(pid, &status, 0) == pid);
    REQUIRE(WIFEXITED(status));
    REQUIRE(WEXITSTATUS(status) == 0);

    LogStore log = LogStore::open(file);
    auto open = log.open_airings();
    REQUIRE(open.size() == 1);
    CHECK(open[0].seq == 1);
    CHECK(open[0].started.airing == "a1");
    CHECK(open[0].started.broadcast == "早间新闻");
    CHECK(open[0].at == t);
    CHECK(open[0].actual_start == t + 1min + 40ms);
    CHECK(open[0].last_seen == t + 4min);

    log.append(t + 5min, samples::ended("a1", EndStatus::interrupted, false, "daemon stopped",
                                        open[0].actual_start));
    CHECK(log.open_airings().empty());
}

TEST_CASE("an airing started again under the same id after a restart is open until its own ended") {
    // A daemon killed before an occurrence's first sample restarts before its instant: the
    // airing aired again has the same planned start, so the same id, as the one recovery closed.
    vc::test::TempDir dir;
    LogStore log = LogStore::open(dir / "audit.db");
    Instant t = utc(2025, 3, 1, 0, 0);
    log.append(t, samples::started("shot@t", "shot", t + 1s));
    log.append(t + 500ms, samples::ended("shot@t", EndStatus::interrupted, false, "daemon stopped",
                                         std::nullopt));
    CHECK(log.open_airings().empty());
    log.append(t + 600ms, samples::started("shot@t", "shot", t + 1s));
    auto open = log.open_airings();
    REQUIRE(open.size() == 1);
    CHECK(open[0].seq == 3);
    log.append(t + 3s, samples::ended("shot@t", EndStatus::aired, true, "", t + 1s));
    CHECK(log.open_airings().empty());
}

TEST_CASE("final outcome: missed, or an ended marked final, but not a re-queued interruption") {
    vc::test::TempDir dir;
    LogStore log = LogStore::open(dir / "audit.db");
    Instant t = utc(2025, 3, 1, 0, 0);
    Instant news = t + 10min;
    CHECK_FALSE(log.has_final_outcome("早间新闻", news));

    log.append(news, samples::started("a1", "早间新闻", news));
    CHECK_FALSE(log.has_final_outcome("早间新闻", news));  // airing, not ended
    log.append(news + 1min, samples::ended("a1", EndStatus::interrupted, false,
                                           "interrupted by 紧急通知", news));
    CHECK_FALSE(log.has_final_outcome("早间新闻", news));  // will air again

    log.append(news + 3min, samples::started("a2", "早间新闻", news));
    auto end =
        log.append(news + 8min, samples::ended("a2", EndStatus::aired, true, "", news + 3min));
    auto outcome = log.final_outcome("早间新闻", news);
    REQUIRE(outcome);
    CHECK(outcome->seq == end.seq);
    CHECK(outcome->status == "aired");
    CHECK(outcome->airing == "a2");
    CHECK(outcome->kind == EventKind::ended);
    CHECK_FALSE(log.has_final_outcome("早间新闻", news + 1ms));
    CHECK_FALSE(log.has_final_outcome("天气", news));

    Missed m;
    m.broadcast = "天气";
    m.scheduled = news;
    m.reason = "daemon down";
    auto missed = log.append(news + 11min, m);
    outcome = log.final_outcome("天气", news);
    REQUIRE(outcome);
    CHECK(outcome->seq == missed.seq);
    CHECK(outcome->status == "missed");
    CHECK(outcome->kind == EventKind::missed);
}
