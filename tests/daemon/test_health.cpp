// Health: air-check retention by age, the disk alarm and the system clock's synchronisation.

#include <catch2/catch.hpp>

#include <date/date.h>
#include <sys/timex.h>

#include <boost/asio/io_context.hpp>

#include "asrun/asrun_writer.hpp"
#include "asrun/event.hpp"
#include "engine/aircheck_recorder.hpp"
#include "health/aircheck_pruner.hpp"
#include "health/clock_sync.hpp"
#include "health/disk_space.hpp"
#include "health/health_monitor.hpp"
#include "station/station.hpp"
#include "tests/support/fixtures.hpp"

using namespace vc;
using namespace vc;
using Catch::Matchers::EndsWith;
using Catch::Matchers::StartsWith;
using std::chrono::hours;
using std::chrono::microseconds;
using std::chrono::milliseconds;
using std::chrono::minutes;
using test::TempDir;

namespace {

/// 2026-12-01 plus an offset, UTC.
Instant dec1(Millis offset = Millis(0)) {
    return Instant(date::sys_days(date::year(2026) / 12 / 1)) + offset;
}
Instant utc(int y, unsigned m, unsigned d, Millis offset = Millis(0)) {
    return Instant(date::sys_days(date::year(y) / m / d)) + offset;
}

station::Station make_station(const TempDir& dir, const std::string& toml) {
    test::write_bytes(dir / "station.toml", toml);
    return station::load_station(dir.path());
}

/// The `system` events of the log, in order.
std::vector<asrun::SystemAction> system_events(asrun::AsrunWriter& audit) {
    std::vector<asrun::SystemAction> out;
    for (const auto& e : audit.store().read())
        if (const auto* s = std::get_if<asrun::SystemAction>(&e.event.body)) out.push_back(*s);
    return out;
}

/// Records 10 ms of output as airing `id` of `broadcast` planned at `planned`, as the daemon
/// does, and returns the recording's path.
std::filesystem::path record_airing(engine::AircheckRecorder& rec, audio::AiringId id,
                                    const std::string& broadcast, Instant planned) {
    std::vector<float> block(480, 0.25f);
    rec.start(id, asrun::make_airing_id(broadcast, planned), 0, 480);
    rec.record(0, block.data(), 480);
    auto check = rec.finish(id);
    REQUIRE(check);
    return check->path;
}

const health::ClockSync synced{true, microseconds(1500), microseconds(35'000)};
const health::ClockSync unsynced{false, microseconds(16'000'000), microseconds(16'000'000)};

}  // namespace

TEST_CASE("an air-check's airing time is read from the name the recorder gives it", "[health]") {
    CHECK(health::aircheck_aired_at(asrun::make_airing_id("morning", dec1(hours(7) + minutes(30))) +
                                    ".flac") == dec1(hours(7) + minutes(30)));
    CHECK(health::aircheck_aired_at("morning@20261201T073005.250Z.flac") ==
          dec1(hours(7) + minutes(30) + milliseconds(5250)));
    CHECK(health::aircheck_aired_at("morning@20261201T073005Z.flac") ==
          dec1(hours(7) + minutes(30) + std::chrono::seconds(5)));
    // A broadcast id may itself hold '@': the last one starts the time.
    CHECK(health::aircheck_aired_at("a@b@20240229T000000.000Z.flac") == utc(2024, 2, 29));
    CHECK(health::aircheck_aired_at("村委会_早间新闻@20260601T000000.000Z.flac") ==
          utc(2026, 6, 1));
    for (const char* other :
         {"notes.flac", "morning@20261201T073000.000Z.wav",
          "morning@20261201T073000.000Z.flac.part", "@20261201T073000.000Z.flac",
          "morning@20261301T073000.000Z.flac", "morning@20250229T000000.000Z.flac",
          "morning@20261201T243000.000Z.flac", "morning@20261201 073000.000Z.flac",
          "morning@20261201T073000.000.flac", "morning@2026121T073000.000Z.flac",
          "morning@20261201T073000,000Z.flac", ".flac"}) {
        INFO(other);
        CHECK_FALSE(health::aircheck_aired_at(other));
    }
}

TEST_CASE("air-checks older than aircheck_keep are deleted, each one a system event", "[health]") {
    TempDir dir;
    auto station = make_station(dir, "aircheck = true\naircheck_keep = \"180d\"\n");
    REQUIRE(station.aircheck_keep == hours(24 * 180));
    ManualClock clock(dec1());
    asrun::AsrunWriter audit(station.state_dir() / "audit.db", clock);
    engine::AircheckRecorder rec(station.aircheck_dir(), {48000, 1});
    // Two recordings past 180 days (by 183 days, and by 1 ms), one exactly 180 days old and
    // one recent. Every file was written a moment ago: the airing time in the name counts,
    // not the mtime.
    auto older = record_airing(rec, 1, "村委会/早间新闻", utc(2026, 6, 1));
    auto just_older = record_airing(rec, 2, "evening", dec1(-hours(24 * 180) - milliseconds(1)));
    auto boundary = record_airing(rec, 3, "evening", dec1(-hours(24 * 180)));
    auto recent = record_airing(rec, 4, "evening", dec1(-hours(24 * 10)));
    CHECK(older.filename() == "村委会_早间新闻@20260601T000000.000Z.flac");
    // What is not a recording the recorder made is never touched, however old its name says.
    const auto& folder = station.aircheck_dir();
    test::write_bytes(folder / "notes.flac", "office notes");
    test::write_tone(folder / "old@20200101T000000.000Z.wav", 8000, 1, 0.01);
    test::write_tone(folder / "sub/old@20200101T000000.000Z.flac", 8000, 1, 0.01);
    test::write_tone(dir / "outside/precious@20200101T000000.000Z.flac", 8000, 1, 0.01);
    std::filesystem::create_symlink(dir / "outside/precious@20200101T000000.000Z.flac",
                                    folder / "link@20200101T000000.000Z.flac");
    const auto older_bytes = std::filesystem::file_size(older);
    const auto just_older_bytes = std::filesystem::file_size(just_older);

    boost::asio::io_context io;
    health::HealthMonitor monitor(io, audit, station, &rec, clock);
    auto result = monitor.prune(dec1());

    REQUIRE(result.deleted.size() == 2);
    CHECK(result.problems.empty());
    CHECK(result.deleted[0].file == older);
    CHECK(result.deleted[0].aired == utc(2026, 6, 1));
    CHECK(result.deleted[0].bytes == older_bytes);
    CHECK(result.deleted[1].file == just_older);
    CHECK_FALSE(std::filesystem::exists(older));
    CHECK_FALSE(std::filesystem::exists(just_older));
    for (const auto& kept :
         {boundary, recent, folder / "notes.flac", folder / "old@20200101T000000.000Z.wav",
          folder / "sub/old@20200101T000000.000Z.flac",
          dir / "outside/precious@20200101T000000.000Z.flac"}) {
        INFO(kept);
        CHECK(std::filesystem::exists(kept));
    }
    CHECK(std::filesystem::is_symlink(folder / "link@20200101T000000.000Z.flac"));

    auto events = system_events(audit);
    REQUIRE(events.size() == 2);
    CHECK(events[0] ==
          asrun::SystemAction{"aircheck-deleted",
                              older.string() + " (aired 2026-06-01T00:00:00.000Z, " +
                                  health::format_bytes(older_bytes) + ", kept 180 days)",
                              true});
    CHECK(events[1] ==
          asrun::SystemAction{"aircheck-deleted",
                              just_older.string() + " (aired 2026-06-03T23:59:59.999Z, " +
                                  health::format_bytes(just_older_bytes) + ", kept 180 days)",
                              true});
    CHECK(monitor.status().last_prune == dec1());
    CHECK(monitor.status().last_prune_deleted == 2);

    // A day later the boundary recording has passed 180 days too; nothing is deleted twice.
    auto next = monitor.prune(dec1(hours(24)));
    REQUIRE(next.deleted.size() == 1);
    CHECK(next.deleted[0].file == boundary);
    CHECK(system_events(audit).size() == 3);
    CHECK(monitor.prune(dec1(hours(25))).deleted.empty());
    CHECK(system_events(audit).size() == 3);
}

TEST_CASE("start() checks the disk and the clock and prunes at once", "[health]") {
    TempDir dir;
    auto station = make_station(dir, "aircheck_keep = \"30d\"\ndisk_alarm = \"0B\"\n");
    ManualClock clock(dec1());
    asrun::AsrunWriter audit(station.state_dir() / "audit.db", clock);
    test::write_tone(station.aircheck_dir() / "noon@20261001T040000.000Z.flac", 8000, 1, 0.01);
    boost::asio::io_context io;
    health::HealthMonitor monitor(io, audit, station, nullptr, clock);
    monitor.start();
    CHECK_FALSE(std::filesystem::exists(station.aircheck_dir() / "noon@20261001T040000.000Z.flac"));
    auto s = monitor.status();
    CHECK(s.last_prune == dec1());
    CHECK(s.last_prune_deleted == 1);
    CHECK(s.last_check == dec1());
    CHECK(s.disk_available.has_value());
    CHECK(s.disk_capacity >= *s.disk_available);
    CHECK(s.state_dir == station.state_dir());
    CHECK(s.aircheck_keep == hours(24 * 30));
    CHECK((s.clock.has_value() || !s.clock_problem.empty()));
    monitor.stop();
}

TEST_CASE("the disk alarm raises below its threshold and clears only a tenth above it",
          "[health]") {
    health::DiskAlarm alarm(1000);
    CHECK(alarm.clear_above() == 1100);
    CHECK(alarm.update(1000) == health::DiskAlarm::Change::none);  // at the threshold: not below it
    CHECK(alarm.update(999) == health::DiskAlarm::Change::raised);
    CHECK(alarm.raised());
    CHECK(alarm.update(998) == health::DiskAlarm::Change::none);
    CHECK(alarm.update(1050) ==
          health::DiskAlarm::Change::none);  // hovering at the line: still raised
    CHECK(alarm.update(1100) == health::DiskAlarm::Change::none);
    CHECK(alarm.update(1101) == health::DiskAlarm::Change::cleared);
    CHECK_FALSE(alarm.raised());
    CHECK(alarm.update(1050) == health::DiskAlarm::Change::none);
    CHECK(alarm.update(0) == health::DiskAlarm::Change::raised);
    alarm.set_threshold(0);  // off: anything clears it and nothing raises it
    CHECK(alarm.update(1) == health::DiskAlarm::Change::cleared);
    CHECK(alarm.update(0) == health::DiskAlarm::Change::none);
}

TEST_CASE("sizes are shown in the units station.toml is written in", "[health]") {
    CHECK(health::format_bytes(999) == "999 B");
    CHECK(health::format_bytes(1500) == "1.50 kB");
    CHECK(health::format_bytes(999'999) == "1.00 MB");
    CHECK(health::format_bytes(1'950'000'000) == "1.95 GB");
    CHECK(health::format_bytes(2'000'000'000) == "2.00 GB");
    CHECK(health::format_bytes(78'233'157'632) == "78.23 GB");
}

TEST_CASE("low disk space pauses air-check recording and is logged once, and space back resumes it",
          "[health]") {
    TempDir dir;
    auto station = make_station(dir, "aircheck = true\n");
    CHECK(station.disk_alarm == 2'000'000'000);
    ManualClock clock(dec1());
    asrun::AsrunWriter audit(station.state_dir() / "audit.db", clock);
    engine::AircheckRecorder rec(station.aircheck_dir(), {48000, 1});
    const auto free = health::disk_space(station.state_dir()).available;
    REQUIRE(free > 100'000'000);
    // A threshold above the real free space: the alarm must go off.
    station.disk_alarm = free * 2;
    boost::asio::io_context io;
    health::HealthMonitor monitor(io, audit, station, &rec, clock);
    monitor.check(dec1(), synced);

    CHECK(rec.paused());
    auto s = monitor.status();
    CHECK(s.disk_low);
    CHECK(s.aircheck_paused);
    CHECK(s.disk_alarm == free * 2);
    REQUIRE(s.disk_available);
    auto events = system_events(audit);
    REQUIRE(events.size() == 1);
    CHECK(events[0].action == "disk-low");
    CHECK_FALSE(events[0].ok);
    CHECK_THAT(events[0].detail,
               EndsWith(" free under " + station.state_dir().string() + ", alarm below " +
                        health::format_bytes(free * 2) + "; air-check recording paused"));
    REQUIRE(s.alarms().size() == 1);
    CHECK_THAT(s.alarms()[0], StartsWith("disk space low: "));

    // An airing that starts while paused is not recorded.
    std::vector<float> block(480, 0.25f);
    rec.start(9, "paused@20261201T000000.000Z", 0, 480);
    rec.record(0, block.data(), 480);
    CHECK_FALSE(rec.finish(9));
    CHECK_FALSE(
        std::filesystem::exists(station.aircheck_dir() / "paused@20261201T000000.000Z.flac"));

    // Still low a minute later: no second event.
    monitor.check(dec1(minutes(1)), synced);
    CHECK(system_events(audit).size() == 1);

    // A threshold well below the free space (station.toml reloaded): cleared, recording resumes.
    station.disk_alarm = free / 4;
    monitor.set_station(station);
    monitor.check(dec1(minutes(2)), synced);
    CHECK_FALSE(rec.paused());
    CHECK_FALSE(monitor.status().disk_low);
    CHECK_FALSE(monitor.status().aircheck_paused);
    CHECK(monitor.status().alarms().empty());
    events = system_events(audit);
    REQUIRE(events.size() == 2);
    CHECK(events[1].action == "disk-ok");
    CHECK(events[1].ok);
    CHECK_THAT(events[1].detail, EndsWith(", alarm below " + health::format_bytes(free / 4) +
                                          "; air-check recording resumed"));
    auto path = record_airing(rec, 10, "after", dec1(minutes(2)));
    CHECK(std::filesystem::exists(path));
}

TEST_CASE("the clock is unsynchronised when the kernel says TIME_ERROR or STA_UNSYNC", "[health]") {
    timex tx{};
    tx.status = STA_PLL;
    tx.esterror = 1500;
    tx.maxerror = 35'000;
    CHECK(health::clock_sync_from(TIME_OK, tx) == synced);
    CHECK(
        health::clock_sync_from(TIME_INS, tx).synchronised);  // a leap second ahead: still in step
    CHECK_FALSE(health::clock_sync_from(TIME_ERROR, tx).synchronised);
    tx.status = STA_PLL | STA_UNSYNC;
    CHECK_FALSE(health::clock_sync_from(TIME_OK, tx).synchronised);
    tx.status = STA_UNSYNC;
    tx.esterror = 16'000'000;
    tx.maxerror = 16'000'000;
    CHECK(health::clock_sync_from(TIME_ERROR, tx) == unsynced);
    CHECK(health::describe(synced) == "synchronised, estimated error 1.5 ms, at most 35 ms");
    CHECK(health::describe(unsynced) ==
          "not synchronised (estimated error 16 s, at most 16 s): check that chrony, ntpd or "
          "systemd-timesyncd runs and reaches a time server");
    CHECK(health::describe(health::ClockSync{true, microseconds(250), microseconds(123'456)}) ==
          "synchronised, estimated error 250 us, at most 123 ms");
}

TEST_CASE("the kernel is asked about the clock without error", "[health]") {
    health::ClockSync sync;
    REQUIRE_NOTHROW(sync = health::read_clock_sync());
    timex tx{};
    int state = ::adjtimex(&tx);
    REQUIRE(state != -1);
    CHECK(sync.synchronised == (state != TIME_ERROR && (tx.status & STA_UNSYNC) == 0));
    CHECK(sync.max_error.count() >= 0);
    CHECK(sync.estimated_error.count() >= 0);
}

TEST_CASE("losing and regaining clock synchronisation is one system event each", "[health]") {
    TempDir dir;
    auto station = make_station(dir, "disk_alarm = \"0B\"\n");
    ManualClock clock(dec1());
    asrun::AsrunWriter audit(station.state_dir() / "audit.db", clock);
    boost::asio::io_context io;
    health::HealthMonitor monitor(io, audit, station, nullptr, clock);
    monitor.check(dec1(), synced);
    CHECK(system_events(audit).empty());  // in sync from the start: nothing to say
    monitor.check(dec1(minutes(1)), unsynced);
    monitor.check(dec1(minutes(2)), unsynced);
    CHECK(monitor.status().clock_alarm());
    REQUIRE(monitor.status().alarms().size() == 1);
    CHECK_THAT(monitor.status().alarms()[0], StartsWith("system clock not synchronised"));
    monitor.check(dec1(minutes(3)), std::nullopt);  // the kernel could not be asked
    CHECK(monitor.status().clock_alarm());
    monitor.check(dec1(minutes(4)), synced);
    CHECK_FALSE(monitor.status().clock_alarm());
    auto events = system_events(audit);
    REQUIRE(events.size() == 2);
    CHECK(events[0] ==
          asrun::SystemAction{"clock-unsynchronised",
                              "the kernel says the system clock is " + health::describe(unsynced),
                              false});
    CHECK(events[1] ==
          asrun::SystemAction{"clock-synchronised",
                              "the kernel says the system clock is " + health::describe(synced),
                              true});
    auto rows = audit.store().read();
    CHECK(rows[rows.size() - 2].event.at == dec1(minutes(1)));
    CHECK(rows.back().event.at == dec1(minutes(4)));
}

TEST_CASE("the health status reads as the control API's health object", "[health]") {
    health::HealthStatus s;
    s.state_dir = "/srv/yangshi/state";
    s.disk_available = 1'500'000'000;
    s.disk_capacity = 64'000'000'000;
    s.disk_alarm = 2'000'000'000;
    s.disk_low = true;
    s.aircheck_paused = true;
    s.clock = unsynced;
    s.last_check = dec1(minutes(1));
    s.last_prune = dec1();
    s.last_prune_deleted = 3;
    s.aircheck_keep = hours(24 * 180);
    s.snapcast_problem =
        "cannot reach snapserver's control port 127.0.0.1:1705: Connection refused";
    nlohmann::json j = s;
    CHECK(j == nlohmann::json::parse(R"({
        "disk": {"folder": "/srv/yangshi/state", "free_bytes": 1500000000,
                 "capacity_bytes": 64000000000, "alarm_bytes": 2000000000, "alarm": true,
                 "aircheck_paused": true, "problem": ""},
        "clock": {"synchronised": false, "estimated_error_us": 16000000,
                  "max_error_us": 16000000, "problem": ""},
        "aircheck": {"keep_ms": 15552000000, "last_prune_ms": 1796083200000,
                     "last_prune_deleted": 3},
        "log": {"problem": ""},
        "snapcast": {"problem": "cannot reach snapserver's control port 127.0.0.1:1705: Connection refused"},
        "last_check_ms": 1796083260000,
        "alarms": [
          "disk space low: 1.50 GB free under /srv/yangshi/state, below the alarm at 2.00 GB; air-check recording is paused. Free some space or move old air-checks elsewhere",
          "system clock not synchronised (estimated error 16 s, at most 16 s): check that chrony, ntpd or systemd-timesyncd runs and reaches a time server",
          "cannot reach snapserver's control port 127.0.0.1:1705: Connection refused"]})"));
    nlohmann::json unknown = health::HealthStatus{};
    CHECK(unknown["disk"]["free_bytes"].is_null());
    CHECK(unknown["clock"]["synchronised"].is_null());
    CHECK(unknown["aircheck"]["last_prune_ms"].is_null());
    CHECK(unknown["alarms"] == nlohmann::json::array());
}
