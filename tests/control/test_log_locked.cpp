// Another process holds the as-run log locked: the daemon's loop never waits on it. Requests are
// answered, airings start on time, status says how many rows wait and why, and once the lock
// is released every row is written, in order, with none lost.

#include <catch2/catch.hpp>

#include <csignal>
#include <filesystem>
#include <thread>

#include "tests/control/control_fixture.hpp"
#include "tests/e2e/station_builder.hpp"
#include "tests/support/log_lock.hpp"
#include "tests/support/run_command.hpp"

using nlohmann::json;
using namespace std::chrono;
using vc::test::LogLock;

namespace {

std::int64_t now_ms() {
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

/// An urgent clip asked for now; the request must be answered at once. Returns its id and the
/// wall time it was asked at.
std::pair<std::string, std::int64_t> air_urgent(vc::test::ControlStation& s) {
    const auto asked = now_ms();
    const auto sent = steady_clock::now();
    auto r = s.post("/api/broadcast", s.operator_, R"({"clip": "tone/a2", "priority": "urgent"})");
    const auto answered = steady_clock::now() - sent;
    INFO(r.body);
    REQUIRE(r.status == 202);
    // Well under SQLite's 5 s busy timeout: the request did not wait on the log.
    CHECK(answered < seconds(2));
    return {r.json()["broadcast"].get<std::string>(), asked};
}

/// After the lock is gone: the airing's one final row says it aired, starting at once after it
/// was asked for, not after the lock; the daemon stops cleanly and the log verifies.
void check_aired_at_once(vc::test::ControlStation& s, const std::string& id, std::int64_t asked) {
    const json log = vc::test::wait_for_final_row(s.root(), id, seconds(15));
    CHECK(s.stop() == 0);
    const auto rows = vc::test::rows_of(log, id);
    INFO(log["airings"].dump(1));
    REQUIRE(rows.size() == 1);
    CHECK(rows.front()["status"] == "aired");
    REQUIRE(rows.front()["start_ms"].is_number());
    CHECK(rows.front()["start_ms"].get<std::int64_t>() - asked < 1500);
    const auto verify = vc::test::villagecast({"audit", "verify", "-s", s.root().string()});
    INFO(verify.out << verify.err);
    CHECK(verify.exit_code == 0);
}

}  // namespace

// The lock is taken as soon as the console answers, which can be before the service has read
// what the last run left: that start-up read must not wait for the writing thread either.
TEST_CASE("a log locked by another process delays rows, never a request or an airing",
          "[control]") {
    vc::test::ControlStation s;
    s.start();
    LogLock lock(s.root() / "state" / "audit.db");
    const auto [id, asked] = air_urgent(s);

    // Status says that rows wait, and why.
    const json st = s.wait_status(
        [](const json& x) {
            return x["log"]["pending"].get<int>() > 0 &&
                   !x["log"]["error"].get<std::string>().empty();
        },
        seconds(10));
    INFO(st.dump(1));
    CHECK(st["log"]["pending"].get<int>() >= 2);  // the request and its `started` at least
    CHECK_THAT(st["log"]["error"].get<std::string>(), Catch::Matchers::Contains("locked"));
    // The airing went out (and ended) while the log stayed locked.
    std::this_thread::sleep_for(seconds(4));
    lock.release();
    check_aired_at_once(s, id, asked);
}

// The daemon starts (again) while another program already holds the log locked: it comes up,
// reads what the last run left, answers at once and airs; its rows wait for the lock.
TEST_CASE("a daemon starting under a locked log comes up and airs at once", "[control]") {
    vc::test::ControlStation s;
    s.start();
    CHECK(s.stop() == 0);
    LogLock lock(s.root() / "state" / "audit.db");
    s.start();
    const auto [id, asked] = air_urgent(s);
    std::this_thread::sleep_for(seconds(4));
    lock.release();
    check_aired_at_once(s, id, asked);
}

// A change answered with success is on record: the answer waits until the request's rows are on
// disk. A log held up for longer than a second does not hold the answer: it comes with a header
// that says the rows wait.
TEST_CASE("a change is answered once its rows are on disk, or after 1 s saying they wait",
          "[control]") {
    vc::test::ControlStation s;
    s.start();
    const auto db = s.root() / "state" / "audit.db";
    auto count_broadcasts = [&] {
        int n = 0;
        for (const auto& e : vc::test::operator_events(s.root()))
            if (e.value("action", "") == "broadcast") ++n;
        return n;
    };
    {
        LogLock lock(db);
        std::thread release([&] {
            std::this_thread::sleep_for(milliseconds(600));
            lock.release();
        });
        const auto sent = steady_clock::now();
        auto r =
            s.post("/api/broadcast", s.operator_, R"({"clip": "tone/a2", "priority": "urgent"})");
        const auto answered = steady_clock::now() - sent;
        release.join();
        INFO(r.body);
        REQUIRE(r.status == 202);
        CHECK(answered >= milliseconds(450));
        CHECK(r.headers.count("x-villagecast-logged") == 0);
        CHECK(count_broadcasts() == 1);
    }
    {
        LogLock lock(db);
        const auto sent = steady_clock::now();
        auto r = s.post("/api/broadcast", s.operator_, R"({"clip": "tone/a2"})");
        const auto answered = steady_clock::now() - sent;
        INFO(r.body);
        REQUIRE(r.status == 202);
        CHECK(answered >= milliseconds(900));
        CHECK(answered < milliseconds(3000));
        CHECK(r.headers["x-villagecast-logged"] == "pending");
        std::this_thread::sleep_for(milliseconds(500));
        lock.release();
    }
    const json log = vc::test::wait_for_log(
        s.root(), [&](const json&) { return count_broadcasts() == 2; }, seconds(10));
    (void)log;
    CHECK(count_broadcasts() == 2);
    CHECK(s.stop() == 0);
    const auto verify = vc::test::villagecast({"audit", "verify", "-s", s.root().string()});
    INFO(verify.out << verify.err);
    CHECK(verify.exit_code == 0);
}

// The power fails (here: SIGKILL) while another program holds the log: the rows that waited
// were kept on disk beside the log, and the next start writes them before anything else, so the
// request and its airing are on record and the log verifies.
TEST_CASE("a daemon killed while the log is locked loses no row: the next start writes them",
          "[control]") {
    vc::test::ControlStation s;
    s.start();
    const auto db = s.root() / "state" / "audit.db";
    const auto spill = db.string() + ".spill";
    auto count = [&](const std::string& action) {
        int n = 0;
        for (const auto& e : vc::test::operator_events(s.root()))
            if (e.value("action", "") == action) ++n;
        return n;
    };
    {
        LogLock lock(db);
        // A plain variable, not a structured binding: lambdas may capture it in C++17.
        const std::string id = air_urgent(s).first;
        // The request waits, kept on disk, and status says so.
        const json st = s.wait_status(
            [&](const json& x) {
                return x["log"]["error"].get<std::string>().find("kept on disk") !=
                           std::string::npos &&
                       vc::test::read_bytes(spill).find(id) != std::string::npos;
            },
            seconds(10));
        INFO(st.dump(1));
        REQUIRE(vc::test::read_bytes(spill).find(id) != std::string::npos);
        s.daemon().signal(SIGKILL);
        REQUIRE(s.daemon().wait_for_exit(seconds(5)).has_value());
        lock.release();
        REQUIRE(std::filesystem::exists(spill));
        CHECK(count("broadcast") == 0);  // none of it reached the log before the kill

        s.start();
        // The request is on record again, and the restarted daemon airs it (late, within its
        // window) as it does any accepted request a stop left without an outcome.
        const json log = vc::test::wait_for_final_row(s.root(), id, seconds(20));
        const auto rows = vc::test::rows_of(log, id);
        INFO(log.dump(1));
        INFO("the restarted daemon said:\n" << s.daemon().err());
        REQUIRE(!rows.empty());
        CHECK(rows.back()["trigger"] == "operator 王芳");
        CHECK(rows.back()["status"] == "aired");
    }
    CHECK(count("broadcast") == 1);
    const auto events = vc::test::events_of(vc::test::audit_export(s.root(), {}, true), "system");
    int recovered = 0;
    for (const auto& e : events)
        if (e["payload"].value("action", "") == "spill-recovered") ++recovered;
    CHECK(recovered == 1);
    CHECK_FALSE(std::filesystem::exists(spill));
    CHECK(s.stop() == 0);
    const auto verify = vc::test::villagecast({"audit", "verify", "-s", s.root().string()});
    INFO(verify.out << verify.err);
    CHECK(verify.exit_code == 0);
}
