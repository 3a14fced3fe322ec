#pragma once
// Events and helpers shared by the as-run log tests.

#include <chrono>
#include <filesystem>
#include <stdexcept>
#include <string>

#include <date/date.h>
#include <date/tz.h>
#include <sqlite3.h>
#include <catch2/catch.hpp>

#include "asrun/event.hpp"
#include "asrun/log_store.hpp"

namespace vc::asrun::samples {

/// A UTC instant from calendar fields.
inline Instant utc(int y, unsigned mo, unsigned d, int h, int mi, int s = 0, int ms = 0) {
    using namespace std::chrono;
    return Instant(date::sys_days(date::year(y) / date::month(mo) / date::day(d))) + hours(h) +
           minutes(mi) + seconds(s) + milliseconds(ms);
}

inline Started started(std::string airing, std::string broadcast, Instant scheduled,
                       std::string playlist = "早间新闻") {
    Started s;
    s.airing = std::move(airing);
    s.broadcast = std::move(broadcast);
    s.playlist = std::move(playlist);
    s.priority = "routine";
    s.scheduled = scheduled;
    s.planned_start = scheduled;
    s.zones = {"村委会"};
    s.clips = {{"新闻/片头", std::string(64, 'a'), ""}, {"天气", std::string(64, 'b'), ""}};
    return s;
}

inline Ended ended(std::string airing, EndStatus status, bool final, std::string reason,
                   std::optional<Instant> actual_start) {
    Ended e;
    e.airing = std::move(airing);
    e.status = status;
    e.final = final;
    e.reason = std::move(reason);
    e.actual_start = actual_start;
    return e;
}

/// The station's time zone in these tests.
inline const date::time_zone* shanghai() {
    return date::locate_zone("Asia/Shanghai");
}

/// Appends `rows` daemon-stop events of 1500 bytes each, a second apart from `t0`: rows that
/// fill pages, so that a copy of the log takes many steps.
inline void append_filler(LogStore& log, Instant t0, int rows) {
    for (int i = 0; i < rows; ++i)
        log.append(t0 + std::chrono::seconds(i), DaemonStop{std::string(1500, 'x')});
}

/// The one row `sql` answers on `db` (a PRAGMA, say), stepped to; REQUIREs that there is one.
inline sqlite::Statement query_row(sqlite3* db, const char* sql) {
    sqlite::Statement s(db, sql);
    REQUIRE(s.step());
    return s;
}

/// Runs SQL on its own raw connection: the test playing someone who edits the file by hand.
inline void tamper(const std::filesystem::path& db_file, const std::string& sql) {
    sqlite3* db = nullptr;
    if (sqlite3_open(db_file.c_str(), &db) != SQLITE_OK) {
        sqlite3_close(db);
        throw std::runtime_error("cannot open " + db_file.string());
    }
    char* message = nullptr;
    int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &message);
    std::string text = message ? message : "";
    sqlite3_free(message);
    sqlite3_close(db);
    if (rc != SQLITE_OK) {
        throw std::runtime_error(text);
    }
}

/// A morning of 2025-03-01 (08:00 in Asia/Shanghai is 00:00 UTC), eleven rows:
///  1 started a1 早间新闻 (scheduled 08:00)       2 ended a1 aired (08:00:00.020 to 08:05)
///  3 started a2 天气 (08:10)                     4 started e1 紧急通知, by operator 王芳 (08:12)
///  5 ended a2 interrupted, not final (08:12)    6 ended e1 aired (08:12 to 08:14)
///  7 started a3 天气 again (scheduled 08:10)     8 ended a3 aired (08:14 to 08:20)
///  9 missed 晚间新闻 (08:30, at 08:40)           10 started a4 广播体操 (09:00)
/// 11 progress a4 (actual start 09:00:00.015): a4 is still airing.
/// Returns 08:00.
inline Instant write_morning(LogStore& log) {
    using namespace std::chrono_literals;
    Instant t0 = utc(2025, 3, 1, 0, 0);
    Ended a1_end = ended("a1", EndStatus::aired, true, "", t0 + 20ms);
    a1_end.aircheck = AirCheck{"state/aircheck/a1.flac", std::string(64, 'f')};
    Started e1 = started("e1", "紧急通知", t0 + 12min, "");
    e1.clip = "通知/停水";
    e1.trigger = "operator 王芳";
    e1.priority = "emergency";
    e1.clips = {{"通知/停水", std::string(64, '1'), ""}};
    Started a3 = started("a3", "天气", t0 + 10min, "天气预报");
    a3.planned_start = t0 + 14min;
    Missed m;
    m.broadcast = "晚间新闻";
    m.playlist = "晚间新闻";
    m.priority = "routine";
    m.scheduled = t0 + 30min;
    m.reason = "late window passed while waiting for 天气";
    log.append(t0 - 1min, started("a1", "早间新闻", t0));
    log.append(t0 + 5min, a1_end);
    log.append(t0 + 9min, started("a2", "天气", t0 + 10min, "天气预报"));
    log.append(t0 + 12min, e1);
    log.append(t0 + 12min,
               ended("a2", EndStatus::interrupted, false, "interrupted by 紧急通知", t0 + 10min));
    log.append(t0 + 14min, ended("e1", EndStatus::aired, true, "", t0 + 12min));
    log.append(t0 + 14min, a3);
    log.append(t0 + 20min, ended("a3", EndStatus::aired, true, "", t0 + 14min));
    log.append(t0 + 40min, m);
    log.append(t0 + 59min, started("a4", "广播体操", t0 + 60min, "广播体操"));
    log.append(t0 + 61min, Progress{"a4", 1min, t0 + 60min + 15ms});
    return t0;
}

}  // namespace vc::asrun::samples
