#include <catch2/catch.hpp>

#include "asrun/verify.hpp"
#include "tests/asrun/asrun_samples.hpp"
#include "tests/support/fixtures.hpp"

using namespace vc;
using namespace vc::asrun;
using vc::asrun::samples::utc;
using namespace std::chrono_literals;

namespace {

// Five rows: daemon-start, started, progress, ended, daemon-stop. Returns each row.
std::vector<RawRow> write_five(const std::filesystem::path& file) {
    LogStore log = LogStore::open(file);
    Instant t = utc(2025, 3, 1, 0, 0);
    std::vector<RawRow> rows;
    rows.push_back(log.append(t, DaemonStart{"0.1.0", "/srv/村"}));
    rows.push_back(log.append(t + 1s, samples::started("a1", "早间新闻", t + 1min)));
    rows.push_back(log.append(t + 2min, Progress{"a1", 1min, t + 1min}));
    rows.push_back(
        log.append(t + 3min, samples::ended("a1", EndStatus::aired, true, "", t + 1min)));
    rows.push_back(log.append(t + 4min, DaemonStop{"SIGTERM"}));
    return rows;
}

const std::string unlock = "DROP TRIGGER events_no_update; DROP TRIGGER events_no_delete; ";

/// A log of the five rows of write_five in a fresh folder.
struct FiveRows {
    vc::test::TempDir dir;
    std::filesystem::path file = dir / "audit.db";
    std::vector<RawRow> rows = write_five(file);

    /// Runs `sql` on the file by hand, then opens the log read-only.
    [[nodiscard]] LogStore tampered(const std::string& sql) const {
        samples::tamper(file, sql);
        return LogStore::open(file, Access::read_only);
    }
};

}  // namespace

TEST_CASE("an untouched chain verifies") {
    const FiveRows five;
    const auto& rows = five.rows;
    LogStore log = LogStore::open(five.file, Access::read_only);
    VerifyResult r = verify(log);
    CHECK(r.ok);
    CHECK(r.rows == 5);
    CHECK(r.head_seq == 5);
    CHECK(r.head_hash == rows[4].hash);
    CHECK_FALSE(r.first_bad_seq);
    CHECK(r.problem.empty());
    CHECK(r.summary() == "ok: 5 rows, head hash " + rows[4].hash);
}

TEST_CASE("an empty log verifies with the genesis hash") {
    vc::test::TempDir dir;
    LogStore log = LogStore::open(dir / "audit.db");
    VerifyResult r = verify(log);
    CHECK(r.ok);
    CHECK(r.rows == 0);
    CHECK(r.head_hash == genesis_hash);
    CHECK(verify(log, genesis_hash).ok);
}

TEST_CASE("a payload changed by hand is caught at its row") {
    const FiveRows five;
    const auto& rows = five.rows;
    LogStore log = five.tampered(unlock +
                                 "UPDATE events SET payload = replace(payload, '\"aired\"', "
                                 "'\"failed\"') WHERE seq = 4");
    VerifyResult r = verify(log);
    CHECK_FALSE(r.ok);
    CHECK(r.first_bad_seq == 4);
    CHECK_THAT(r.problem, Catch::StartsWith("row 4 was changed: its hash does not match its "
                                            "contents (stored " +
                                            rows[3].hash));
    CHECK(r.rows == 5);
    CHECK_THAT(r.summary(), Catch::StartsWith("FAILED at row 4: row 4 was changed"));
}

TEST_CASE("a changed row whose hash was recomputed breaks the next link") {
    const FiveRows five;
    const auto& rows = five.rows;
    std::string forged = Event{utc(2025, 3, 1, 0, 3),
                               samples::ended("a1", EndStatus::failed, true, "", std::nullopt)}
                             .canonical();
    std::string forged_hash = chain_hash(rows[2].hash, forged);
    LogStore log = five.tampered(unlock + "UPDATE events SET payload = '" + forged + "', hash = '" +
                                 forged_hash + "' WHERE seq = 4");
    VerifyResult r = verify(log);
    CHECK_FALSE(r.ok);
    CHECK(r.first_bad_seq == 5);
    CHECK(r.problem == "row 5 does not follow row 4: its previous hash is " + rows[3].hash +
                           ", row 4's hash is " + forged_hash);
}

TEST_CASE("a deleted middle row is caught as a gap") {
    const FiveRows five;
    LogStore log = five.tampered(unlock + "DELETE FROM events WHERE seq = 3");
    VerifyResult r = verify(log);
    CHECK_FALSE(r.ok);
    CHECK(r.first_bad_seq == 3);
    CHECK(r.problem == "row 3 is missing (the rows jump from 2 to 4)");
    CHECK(r.rows == 4);
}

TEST_CASE("cut-off newest rows pass plain verify but fail verify --head with the old head") {
    const FiveRows five;
    const auto& rows = five.rows;
    std::string printed_head = rows[4].hash;
    {
        LogStore log = LogStore::open(five.file, Access::read_only);
        VerifyResult before = verify(log, printed_head);
        CHECK(before.ok);
        CHECK(before.expected_head_seq == 5);
    }
    LogStore log = five.tampered(unlock + "DELETE FROM events WHERE seq >= 4");
    VerifyResult plain = verify(log);
    CHECK(plain.ok);
    CHECK(plain.rows == 3);

    VerifyResult with_head = verify(log, printed_head);
    CHECK_FALSE(with_head.ok);
    CHECK_FALSE(with_head.first_bad_seq);
    CHECK_FALSE(with_head.expected_head_seq);
    CHECK(with_head.problem == "no row of the log has the hash " + printed_head +
                                   ": rows were cut off or the log was replaced since that head "
                                   "was printed");

    // An older printed head (row 2) is still contained; upper case is accepted.
    std::string older = rows[1].hash;
    std::transform(older.begin(), older.end(), older.begin(), ::toupper);
    VerifyResult older_head = verify(log, older);
    CHECK(older_head.ok);
    CHECK(older_head.expected_head_seq == 2);

    CHECK_THROWS_WITH(verify(log, std::string_view("abc")),
                      Catch::StartsWith("\"abc\" is not a head hash"));
}

TEST_CASE("a head found only after a bad row does not count") {
    const FiveRows five;
    const auto& rows = five.rows;
    LogStore log = five.tampered(unlock +
                                 "UPDATE events SET payload = replace(payload, '村', 'X') "
                                 "WHERE seq = 1");
    VerifyResult r = verify(log, rows[3].hash);
    CHECK_FALSE(r.ok);
    CHECK(r.first_bad_seq == 1);
    CHECK_FALSE(r.expected_head_seq);
}

TEST_CASE("a row with a correct hash over bytes that are not canonical is named") {
    const FiveRows five;
    const auto& rows = five.rows;
    std::string loose = R"({"v": 1, "kind": "daemon-stop", "at": 1, "reason": "x"})";
    LogStore log =
        five.tampered("INSERT INTO events (seq, payload, prev_hash, hash) VALUES (6, '" + loose +
                      "', '" + rows[4].hash + "', '" + chain_hash(rows[4].hash, loose) + "')");
    VerifyResult r = verify(log);
    CHECK_FALSE(r.ok);
    CHECK(r.first_bad_seq == 6);
    CHECK(r.problem == "row 6: the payload is not in canonical form");
}
