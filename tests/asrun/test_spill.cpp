// Events that wait for a locked log are kept on disk beside it (state/audit.db.spill), so that a
// power cut or a kill while they wait loses none: the next start writes them, once each.

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <thread>

#include <catch2/catch.hpp>

#include "asrun/asrun_writer.hpp"
#include "asrun/spill_file.hpp"
#include "asrun/verify.hpp"
#include "core/clock.hpp"
#include "tests/support/fixtures.hpp"
#include "tests/support/log_lock.hpp"

using namespace vc;
using namespace vc::asrun;
using Catch::Matchers::Contains;
using namespace std::chrono_literals;

namespace {

Instant t(int s) {
    return Instant{std::chrono::seconds(1'800'000'000 + s)};
}

Event held(int i) {
    return Event{t(100 + i),
                 EventBody(OperatorAction{"王芳", "broadcast", "held " + std::to_string(i)})};
}

std::size_t lines_in(const std::filesystem::path& file) {
    std::ifstream in(file);
    std::size_t n = 0;
    for (std::string line; std::getline(in, line);) ++n;
    return n;
}

bool wait_until(const std::function<bool()>& done, std::chrono::milliseconds limit) {
    const auto until = std::chrono::steady_clock::now() + limit;
    while (!done()) {
        if (std::chrono::steady_clock::now() > until) return false;
        std::this_thread::sleep_for(20ms);
    }
    return true;
}

/// A log with two rows, written and closed.
std::filesystem::path log_with_two_rows(const test::TempDir& dir) {
    const auto file = dir.path() / "state" / "audit.db";
    auto log = LogStore::open(file);
    log.append(t(0), DaemonStart{"test", "station"});
    log.append(t(1), DaemonStop{"SIGTERM"});
    return file;
}

const SystemAction* system_row(const StoredEvent& row) {
    return std::get_if<SystemAction>(&row.event.body);
}

/// The daemon starting again at t(500) over `file` and writing what it puts back; the log's
/// rows once it has stopped.
std::vector<StoredEvent> start_again(const std::filesystem::path& file) {
    ManualClock clock(t(500));
    {
        AsrunWriter writer(file, clock);
        REQUIRE(writer.flush(10s));
    }
    return LogStore::open(file, Access::read_only).read();
}

}  // namespace

TEST_CASE("events waiting for a locked log survive a kill, and the next start writes them once",
          "[asrun]") {
    test::TempDir dir;
    const auto file = log_with_two_rows(dir);
    const auto spill = SpillFile::path_for(file);
    test::LogLock lock(file);

    // The daemon's process, killed outright while its three events wait for the lock.
    const pid_t child = ::fork();
    REQUIRE(child >= 0);
    if (child == 0) {
        SystemClock clock;
        AsrunWriter writer(file, clock);
        for (int i = 0; i < 3; ++i) writer.write_event(held(i));
        // Kept, and status says so (it is told just after the file is synced).
        if (wait_until(
                [&] {
                    return lines_in(spill) == 3 &&
                           writer.last_error().find("kept on disk in") != std::string::npos;
                },
                10s))
            ::kill(::getpid(), SIGKILL);
        ::_exit(1);  // not kept, or status did not say so
    }
    int status = 0;
    REQUIRE(::waitpid(child, &status, 0) == child);
    REQUIRE(WIFSIGNALED(status));
    CHECK(WTERMSIG(status) == SIGKILL);
    lock.release();
    REQUIRE(LogStore::open(file, Access::read_only).head().rows == 2);  // nothing reached it
    REQUIRE(lines_in(spill) == 3);

    ManualClock clock(t(500));
    {
        AsrunWriter writer(file, clock);
        REQUIRE(writer.flush(10s));
        CHECK(writer.written() == 0);  // rows of the writer's own, not events queued by this run
    }
    auto log = LogStore::open(file, Access::read_only);
    const auto rows = log.read();
    REQUIRE(rows.size() == 6);
    for (int i = 0; i < 3; ++i) CHECK(rows[2 + i].event == held(i));
    const auto* note = system_row(rows[5]);
    REQUIRE(note != nullptr);
    CHECK(note->action == "spill-recovered");
    CHECK(note->ok);
    CHECK_THAT(note->detail, Contains("3 event(s)") && Contains("audit.db.spill") &&
                                 Contains("0 of those it kept had reached the log already"));
    CHECK(rows[5].event.at == t(500));
    CHECK(verify(log).ok);
    CHECK_FALSE(std::filesystem::exists(spill));

    // A second start finds nothing to put back.
    { AsrunWriter again(file, clock); }
    CHECK(LogStore::open(file, Access::read_only).head().rows == 6);
}

TEST_CASE("a kept event that reached the log before the stop is not written twice", "[asrun]") {
    test::TempDir dir;
    const auto file = log_with_two_rows(dir);
    {
        // The power went after the log took the first two and before the file was removed.
        auto log = LogStore::open(file);
        log.append(held(0));
        log.append(held(1));
        SpillFile spill(SpillFile::path_for(file));
        const Event e0 = held(0), e1 = held(1), e2 = held(2);
        spill.append({&e0, &e1, &e2}, 2);
    }
    const auto rows = start_again(file);
    auto log = LogStore::open(file, Access::read_only);
    REQUIRE(rows.size() == 6);
    CHECK(rows[2].event == held(0));
    CHECK(rows[3].event == held(1));
    CHECK(rows[4].event == held(2));
    const auto* note = system_row(rows[5]);
    REQUIRE(note != nullptr);
    CHECK_THAT(note->detail, Contains("1 event(s)") &&
                                 Contains("2 of those it kept had reached the log already"));
    CHECK(verify(log).ok);
    CHECK_FALSE(std::filesystem::exists(SpillFile::path_for(file)));
}

TEST_CASE("a spill file whose events all reached the log is removed without a row", "[asrun]") {
    test::TempDir dir;
    const auto file = log_with_two_rows(dir);
    {
        auto log = LogStore::open(file);
        log.append(held(0));
        SpillFile spill(SpillFile::path_for(file));
        const Event e0 = held(0);
        spill.append({&e0}, 2);
    }
    CHECK(start_again(file).size() == 3);
    CHECK_FALSE(std::filesystem::exists(SpillFile::path_for(file)));
}

TEST_CASE("an unreadable spill line is named by file and line, and the file is kept aside",
          "[asrun]") {
    test::TempDir dir;
    const auto file = log_with_two_rows(dir);
    const auto spill_path = SpillFile::path_for(file);
    {
        SpillFile spill(spill_path);
        const Event e0 = held(0);
        spill.append({&e0}, 2);
        std::ofstream out(spill_path, std::ios::app);
        out << "{\"after\":2,\"event\":{\"kind\":\"nonsense\"}}\n";
        out << "not json at all\n";
    }
    {
        SpillFile spill(spill_path);
        const Event e1 = held(1);
        spill.append({&e1}, 2);
        std::ofstream out(spill_path, std::ios::app);
        out << "{\"after\":2,\"ev";  // the power went while this line was written
    }
    const auto rows = start_again(file);
    auto log = LogStore::open(file, Access::read_only);
    REQUIRE(rows.size() == 5);
    CHECK(rows[2].event == held(0));
    CHECK(rows[3].event == held(1));
    const auto* note = system_row(rows[4]);
    REQUIRE(note != nullptr);
    CHECK_FALSE(note->ok);
    const std::string name = spill_path.string();
    CHECK_THAT(note->detail, Contains(name + ":2: ") && Contains(name + ":3: ") &&
                                 Contains(name + ":5: an unfinished last line") &&
                                 Contains(".unreadable-"));
    CHECK_FALSE(std::filesystem::exists(spill_path));
    std::size_t aside = 0;
    for (const auto& entry : std::filesystem::directory_iterator(file.parent_path()))
        if (entry.path().filename().string().rfind("audit.db.spill.unreadable-", 0) == 0) ++aside;
    CHECK(aside == 1);
    CHECK(verify(log).ok);
}

TEST_CASE("while the log is locked, status says the waiting events are kept on disk", "[asrun]") {
    test::TempDir dir;
    const auto file = log_with_two_rows(dir);
    const auto spill = SpillFile::path_for(file);
    SystemClock clock;
    AsrunWriter writer(file, clock);
    {
        test::LogLock lock(file);
        writer.write_event(held(0));
        writer.write_event(held(1));
        REQUIRE(wait_until([&] { return lines_in(spill) == 2; }, 10s));
        CHECK(writer.pending() == 2);
        wait_until([&] { return writer.last_error().find("kept on disk") != std::string::npos; },
                   2s);
        CHECK_THAT(writer.last_error(), Contains("locked") && Contains("kept on disk in"));
        writer.write_event(held(2));
        REQUIRE(wait_until([&] { return lines_in(spill) == 3; }, 10s));
    }
    REQUIRE(writer.flush(10s));
    CHECK(writer.pending() == 0);
    CHECK(writer.last_error().empty());
    CHECK_FALSE(std::filesystem::exists(spill));
    const auto rows = writer.store().read();
    REQUIRE(rows.size() == 5);
    for (int i = 0; i < 3; ++i) CHECK(rows[2 + i].event == held(i));
}
