#include <catch2/catch.hpp>

#include "asrun/airings.hpp"
#include "tests/asrun/asrun_samples.hpp"
#include "tests/support/fixtures.hpp"

using namespace vc;
using namespace vc::asrun;
using namespace std::chrono_literals;

namespace {

std::vector<std::string> ids(const std::vector<AiringRow>& rows) {
    std::vector<std::string> out;
    out.reserve(rows.size());
    for (const auto& r : rows) {
        out.push_back(r.airing.empty() ? "missed:" + r.broadcast : r.airing);
    }
    return out;
}

std::vector<std::int64_t> seqs(const std::vector<StoredEvent>& events) {
    std::vector<std::int64_t> out;
    out.reserve(events.size());
    for (const auto& e : events) {
        out.push_back(e.row.seq);
    }
    return out;
}

}  // namespace

TEST_CASE("airings join started with ended: interrupted then re-aired, missed, still airing") {
    vc::test::TempDir dir;
    LogStore log = LogStore::open(dir / "audit.db");
    Instant t0 = samples::write_morning(log);
    auto rows = list_airings(log);
    REQUIRE(ids(rows) == std::vector<std::string>{"a1", "a2", "e1", "a3", "missed:晚间新闻", "a4"});

    const AiringRow& a1 = rows[0];
    CHECK(a1.seq == 1);
    CHECK(a1.end_seq == 2);
    CHECK(a1.broadcast == "早间新闻");
    CHECK(a1.playlist == "早间新闻");
    CHECK(a1.trigger == "schedule");
    CHECK(a1.scheduled == t0);
    CHECK(a1.start == t0 + 20ms);
    CHECK(a1.end == t0 + 5min);
    CHECK(a1.status == AiringStatus::aired);
    CHECK(a1.final);
    CHECK(a1.clips.size() == 2);
    CHECK(a1.clips[0].clip == "新闻/片头");
    REQUIRE(a1.aircheck);
    CHECK(a1.aircheck->path == "state/aircheck/a1.flac");

    const AiringRow& a2 = rows[1];
    CHECK(a2.status == AiringStatus::interrupted);
    CHECK_FALSE(a2.final);
    CHECK(a2.reason == "interrupted by 紧急通知");
    CHECK(a2.start == t0 + 10min);
    CHECK(a2.end == t0 + 12min);

    const AiringRow& e1 = rows[2];
    CHECK(e1.trigger == "operator 王芳");
    CHECK(e1.priority == "emergency");
    CHECK(e1.playlist.empty());
    CHECK(e1.clip == "通知/停水");

    const AiringRow& a3 = rows[3];
    CHECK(a3.scheduled == t0 + 10min);
    CHECK(a3.planned_start == t0 + 14min);
    CHECK(a3.start == t0 + 14min);
    CHECK(a3.status == AiringStatus::aired);

    const AiringRow& missed = rows[4];
    CHECK(missed.seq == 9);
    CHECK(missed.status == AiringStatus::missed);
    CHECK(missed.final);
    CHECK(missed.reason == "late window passed while waiting for 天气");
    CHECK(missed.scheduled == t0 + 30min);
    CHECK_FALSE(missed.start);
    CHECK_FALSE(missed.end);

    const AiringRow& a4 = rows[5];
    CHECK(a4.status == AiringStatus::airing);
    CHECK_FALSE(a4.final);
    CHECK(a4.start == t0 + 60min + 15ms);
    CHECK_FALSE(a4.end);
    CHECK_FALSE(a4.end_seq);
}

TEST_CASE("airing filters: status, broadcast, and a range on the scheduled or actual start") {
    vc::test::TempDir dir;
    LogStore log = LogStore::open(dir / "audit.db");
    Instant t0 = samples::write_morning(log);

    CHECK(ids(list_airings(log, {.statuses = {AiringStatus::interrupted}})) ==
          std::vector<std::string>{"a2"});
    REQUIRE(parse_airing_status("open") == AiringStatus::airing);
    CHECK(ids(list_airings(log,
                           {.statuses = {*parse_airing_status("open"), AiringStatus::missed}})) ==
          std::vector<std::string>{"missed:晚间新闻", "a4"});
    CHECK_FALSE(parse_airing_status("played"));
    CHECK(ids(list_airings(log, {.broadcast = "天气"})) == std::vector<std::string>{"a2", "a3"});
    CHECK(ids(list_airings(log, {.from = t0 + 10min, .to = t0 + 13min})) ==
          std::vector<std::string>{"a2", "e1", "a3"});
    // a3 was scheduled at 08:10 but started at 08:14: found by its start.
    CHECK(ids(list_airings(log, {.from = t0 + 14min, .to = t0 + 15min})) ==
          std::vector<std::string>{"a3"});
    // `to` is exclusive.
    CHECK(ids(list_airings(log, {.from = t0 + 30min, .to = t0 + 60min})) ==
          std::vector<std::string>{"missed:晚间新闻"});
    CHECK(ids(list_airings(log, {.from = t0 + 30min, .broadcast = "广播体操"})) ==
          std::vector<std::string>{"a4"});
}

TEST_CASE("raw events filtered by time, kind and broadcast") {
    vc::test::TempDir dir;
    LogStore log = LogStore::open(dir / "audit.db");
    Instant t0 = samples::write_morning(log);
    CHECK(list_events(log).size() == 11);
    CHECK(seqs(list_events(log, {.broadcast = "天气"})) == std::vector<std::int64_t>{3, 5, 7, 8});
    CHECK(seqs(list_events(log, {.kinds = {EventKind::missed, EventKind::progress}})) ==
          std::vector<std::int64_t>{9, 11});
    CHECK(seqs(list_events(log, {.from = t0 + 12min, .to = t0 + 14min})) ==
          std::vector<std::int64_t>{4, 5});
}

TEST_CASE("an ended without its started still shows as a row") {
    vc::test::TempDir dir;
    LogStore log = LogStore::open(dir / "audit.db");
    Instant t0 = samples::utc(2025, 3, 1, 0, 0);
    log.append(t0, samples::ended("lost", EndStatus::failed, true, "decoder error", std::nullopt));
    auto rows = list_airings(log);
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].airing == "lost");
    CHECK(rows[0].status == AiringStatus::failed);
    CHECK_FALSE(rows[0].scheduled);
    CHECK(rows[0].end_seq == 1);
    CHECK_FALSE(rows[0].end);  // it failed before its first sample: no end on the air
}

TEST_CASE("a later ended settles an interrupted airing that could not air again") {
    vc::test::TempDir dir;
    LogStore log = LogStore::open(dir / "audit.db");
    Instant t0 = samples::utc(2025, 3, 1, 0, 0);
    log.append(t0, samples::started("a1", "天气", t0));
    log.append(t0 + 2min, samples::ended("a1", EndStatus::interrupted, false,
                                         "interrupted by 紧急通知", t0 + 5ms));
    CHECK_FALSE(log.has_final_outcome("天气", t0));
    log.append(t0 + 10min, samples::ended("a1", EndStatus::interrupted, true, "late window passed",
                                          std::nullopt));
    auto rows = list_airings(log);
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].status == AiringStatus::interrupted);
    CHECK(rows[0].final);
    CHECK(rows[0].reason == "interrupted by 紧急通知; late window passed");
    CHECK(rows[0].start == t0 + 5ms);
    CHECK(rows[0].end == t0 + 2min);
    CHECK(rows[0].end_seq == 2);
    auto outcome = log.final_outcome("天气", t0);
    REQUIRE(outcome);
    CHECK(outcome->seq == 3);
}
