// A log file deleted or replaced under the writer: detected before the next write, and a new
// log started whose first row names the lost log's row count and head hash.

#include <filesystem>

#include <catch2/catch.hpp>

#include "asrun/asrun_writer.hpp"
#include "asrun/verify.hpp"
#include "core/clock.hpp"
#include "tests/support/fixtures.hpp"

using namespace vc;
using namespace vc::asrun;
using Catch::Matchers::Contains;

namespace {

Instant t(int s) {
    return Instant{std::chrono::seconds(1'800'000'000 + s)};
}

}  // namespace

TEST_CASE(
    "a deleted as-run log is noticed at the next write and started anew, naming the lost head",
    "[asrun]") {
    test::TempDir dir;
    const auto file = dir.path() / "state" / "audit.db";
    ManualClock clock(t(0));
    AsrunWriter writer(file, clock);
    for (int i = 0; i < 3; ++i) writer.write(t(i), DaemonStop{"row " + std::to_string(i)});
    const Head lost = writer.store().head();
    REQUIRE(lost.rows == 3);
    writer.check_file(t(3));
    REQUIRE(writer.flush());
    CHECK(writer.lost_log_alarm().empty());
    CHECK(LogStore::open(file, Access::read_only).head().rows == 3);

    std::filesystem::remove(file);
    writer.write(t(10), DaemonStop{"after"});
    REQUIRE(writer.flush());

    REQUIRE(std::filesystem::exists(file));
    auto fresh = LogStore::open(file, Access::read_only);
    const auto rows = fresh.read();
    REQUIRE(rows.size() == 2);
    const auto* first = std::get_if<SystemAction>(&rows[0].event.body);
    REQUIRE(first != nullptr);
    CHECK(first->action == "log-recreated");
    CHECK_FALSE(first->ok);
    CHECK_THAT(first->detail, Contains("had 3 rows") && Contains(lost.hash) && Contains("deleted"));
    CHECK(std::get<DaemonStop>(rows[1].event.body).reason == "after");
    CHECK_THAT(writer.lost_log_alarm(), Contains("deleted") && Contains(lost.hash.substr(0, 16)));
    CHECK(verify(fresh).ok);
    writer.check_file(t(11));  // the new log is the file at the path: nothing more to do
    REQUIRE(writer.flush());
    CHECK(LogStore::open(file, Access::read_only).head().rows == 2);
}

TEST_CASE("an as-run log replaced by another file is noticed too", "[asrun]") {
    test::TempDir dir;
    const auto file = dir.path() / "audit.db";
    ManualClock clock(t(0));
    AsrunWriter writer(file, clock);
    writer.write(t(1), DaemonStop{"one"});
    REQUIRE(writer.flush());
    const auto moved = dir.path() / "audit-old.db";
    std::filesystem::rename(file, moved);
    std::filesystem::copy_file(moved, file);  // same bytes, another file: rows would go astray
    writer.check_file(t(2));
    REQUIRE(writer.flush());
    CHECK_THAT(writer.lost_log_alarm(), Contains("replaced by another file"));
    // Rows go on in the file now at the path, after a row that names the log written until then.
    const auto rows = LogStore::open(file, Access::read_only).read();
    REQUIRE(rows.size() == 2);
    const auto& note = std::get<SystemAction>(rows[1].event.body);
    CHECK(note.action == "log-recreated");
    CHECK_THAT(note.detail, Contains("replaced by another file") && Contains("had 1 rows"));
}
