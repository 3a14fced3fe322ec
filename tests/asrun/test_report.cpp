// The monthly broadcast record: counts, air time and manual airings from hand-made events whose
// outcomes are known, periods across the month boundary in Asia/Shanghai, and its three formats.

#include <catch2/catch.hpp>

#include "asrun/export_format.hpp"
#include "asrun/report.hpp"
#include "asrun/report_format.hpp"
#include "tests/asrun/asrun_samples.hpp"
#include "tests/support/fixtures.hpp"

using namespace vc;
using namespace vc::asrun;
using namespace std::chrono_literals;
using vc::asrun::samples::shanghai;

namespace {

/// 07:00 in Shanghai on day `d` of December 2026 (23:00 UTC the day before).
Instant morning(unsigned d) {
    return samples::utc(2026, 11, 30, 23, 0) + date::days(d - 1);
}

Missed missed_of(const std::string& broadcast, Instant scheduled, std::string trigger) {
    Missed m;
    m.broadcast = broadcast;
    m.playlist = broadcast;
    m.trigger = std::move(trigger);
    m.priority = "routine";
    m.scheduled = scheduled;
    m.reason = "late window passed while waiting for 天气";
    return m;
}

/// Writes a month's events whose outcomes are known (see the expected counts in the tests).
/// 早间新闻 airs daily at 07:00 (Shanghai), 晚间新闻 at the edges of the month, and operators
/// air clips by hand.
void write_month(LogStore& log) {
    using samples::ended;
    using samples::started;
    auto airing = [&](const std::string& id, const std::string& broadcast, Instant scheduled,
                      Instant start, Millis length, EndStatus status = EndStatus::aired) {
        log.append(scheduled - 1min, started(id, broadcast, scheduled));
        log.append(start + length, ended(id, status, true, "", start));
    };
    // November 30th: not in December.
    airing("n30", "早间新闻", morning(0), morning(0), 5min);
    // Dec 1: on time (20 ms); Dec 2: 1000 ms late is still on time; Dec 3: 1001 ms is late.
    airing("d1", "早间新闻", morning(1), morning(1) + 20ms, 5min);
    airing("d2", "早间新闻", morning(2), morning(2) + 1000ms, 5min);
    airing("d3", "早间新闻", morning(3), morning(3) + 1001ms, 5min);
    // Dec 4: interrupted by an operator's emergency after 2 minutes, then aired again in full
    // from 07:03: one occurrence, aired late; both airings are air time.
    log.append(morning(4) - 1min, started("d4a", "早间新闻", morning(4)));
    Started manual = started("m1", "manual-20261203T230200.000Z", morning(4) + 2min, "");
    manual.clip = "通知/停水";
    manual.trigger = "operator 王芳";
    manual.priority = "emergency";
    log.append(morning(4) + 2min, manual);
    log.append(morning(4) + 2min,
               ended("d4a", EndStatus::interrupted, false, "interrupted by 紧急通知", morning(4)));
    log.append(morning(4) + 2min + 50s, ended("m1", EndStatus::aired, true, "", morning(4) + 2min));
    Started again = started("d4b", "早间新闻", morning(4));
    again.planned_start = morning(4) + 3min;
    log.append(morning(4) + 2min + 55s, again);
    log.append(morning(4) + 8min, ended("d4b", EndStatus::aired, true, "", morning(4) + 3min));
    // Dec 5: missed. Dec 6: partial (4 minutes). Dec 7: failed before its first sample.
    log.append(morning(5) + 10min, missed_of("早间新闻", morning(5), "schedule"));
    airing("d6", "早间新闻", morning(6), morning(6), 4min, EndStatus::partial);
    log.append(morning(7) - 1min, started("d7", "早间新闻", morning(7)));
    log.append(morning(7), ended("d7", EndStatus::failed, true, "新闻/片头: cannot open", {}));
    // Dec 8: interrupted after a minute and waiting to air again; its late window passes:
    // interrupted for good.
    log.append(morning(8) - 1min, started("d8", "早间新闻", morning(8)));
    log.append(morning(8) + 1min,
               ended("d8", EndStatus::interrupted, false, "interrupted by 紧急通知", morning(8)));
    log.append(morning(8) + 11min,
               ended("d8", EndStatus::interrupted, true, "late window passed", morning(8)));
    // Dec 9: still on the air when the record is made: no final outcome.
    log.append(morning(9) - 1min, started("d9", "早间新闻", morning(9)));
    log.append(morning(9) + 1min, Progress{"d9", 1min, morning(9) + 5ms});

    // 晚间新闻 at the first instant of December (Dec 1 00:00 Shanghai), at 23:59:59.500 on
    // Dec 31 (starting 0.7 s later, in January: still December's), and at Jan 1 00:00.
    Instant dec1 = samples::utc(2026, 11, 30, 16, 0);
    Instant dec31 = samples::utc(2026, 12, 31, 15, 59, 59, 500);
    Instant jan1 = samples::utc(2026, 12, 31, 16, 0);
    airing("e1", "晚间新闻", dec1, dec1, 30s);
    airing("e31", "晚间新闻", dec31, dec31 + 700ms, 30s);
    airing("j1", "晚间新闻", jan1, jan1 + 700ms, 30s);

    // Manual airings: one missed by 李强 on Dec 20, one by the console in November.
    log.append(morning(20) + 10min,
               missed_of("manual-20261219T230000.000Z", morning(20), "operator 李强"));
    Started november = started("m0", "manual-20261128T230000.000Z", morning(0) - 1h, "");
    november.clip = "通知/停水";
    november.trigger = "operator 王芳";
    log.append(morning(0) - 1h, november);
    log.append(morning(0) - 1h + 50s, ended("m0", EndStatus::aired, true, "", morning(0) - 1h));
}

BroadcastCounts counts(std::string id, std::int64_t scheduled, std::int64_t on_time,
                       std::int64_t late, std::int64_t interrupted, std::int64_t partial,
                       std::int64_t missed, std::int64_t failed, std::int64_t open,
                       Millis air_time) {
    return {std::move(id), scheduled, on_time, late, interrupted,
            partial,       missed,    failed,  open, air_time};
}

struct MonthFixture {
    vc::test::TempDir dir;
    LogStore log = LogStore::open(dir / "audit.db");
    std::vector<AiringRow> rows;
    MonthFixture() {
        write_month(log);
        rows = join_airings(log.read());
    }
    MonthlyReport report(const ReportPeriod& period) {
        return build_report(rows, period, log.head());
    }
};

}  // namespace

TEST_CASE("the record of December counts each occurrence once, by its final outcome") {
    MonthFixture f;
    auto r = f.report(month_period(date::year(2026) / date::December, shanghai()));
    CHECK(r.period.from == samples::utc(2026, 11, 30, 16, 0));
    CHECK(r.period.to == samples::utc(2026, 12, 31, 16, 0));
    REQUIRE(r.broadcasts.size() == 2);
    // Air time: 5 + 5 + 5 + (2 + 5) + 4 + 1 minutes (d1, d2, d3, d4 twice, d6, d8).
    CHECK(r.broadcasts[0] == counts("早间新闻", 8, 2, 2, 1, 1, 1, 1, 1, 27min));
    CHECK(r.broadcasts[1] == counts("晚间新闻", 2, 2, 0, 0, 0, 0, 0, 0, 60s));
    CHECK(r.total == counts("", 10, 4, 2, 1, 1, 1, 1, 1, 28min));
    const auto& t = r.total;
    CHECK(t.scheduled == t.on_time + t.late + t.interrupted + t.partial + t.missed + t.failed);
    CHECK(r.head == f.log.head());
    CHECK(r.head.rows == 33);
    // The example in docs/as-run-log.md ("The monthly record") shows this head.
    CHECK(r.head.hash == "b8dda8cde514219d10a024e5dc43d124845345ee5a2fd3c83e3820a39dcec870");

    REQUIRE(r.manual.size() == 2);
    const ManualEntry& m1 = r.manual[0];
    CHECK(m1.time == morning(4) + 2min);
    CHECK(m1.operator_name == "王芳");
    CHECK(m1.trigger == "operator 王芳");
    CHECK(m1.airing == "m1");
    CHECK(m1.clip == "通知/停水");
    CHECK(what_aired(m1) == "通知/停水");
    CHECK(m1.priority == "emergency");
    CHECK(m1.status == AiringStatus::aired);
    CHECK(m1.final);
    CHECK(m1.air_time == 50s);
    const ManualEntry& m2 = r.manual[1];
    CHECK(m2.time == morning(20));  // missed: its scheduled instant
    CHECK(m2.operator_name == "李强");
    CHECK(m2.airing.empty());
    CHECK(m2.status == AiringStatus::missed);
    CHECK(m2.air_time == 0s);
}

TEST_CASE("the month boundary is midnight in the station's zone") {
    MonthFixture f;
    auto nov = f.report(month_period(date::year(2026) / date::November, shanghai()));
    REQUIRE(nov.broadcasts.size() == 1);
    CHECK(nov.broadcasts[0] == counts("早间新闻", 1, 1, 0, 0, 0, 0, 0, 0, 5min));
    REQUIRE(nov.manual.size() == 1);
    CHECK(nov.manual[0].airing == "m0");

    auto jan = f.report(month_period(date::year(2027) / date::January, shanghai()));
    REQUIRE(jan.broadcasts.size() == 1);
    CHECK(jan.broadcasts[0] == counts("晚间新闻", 1, 1, 0, 0, 0, 0, 0, 0, 30s));
    CHECK(jan.manual.empty());

    // The same instants read in UTC fall in other months: Dec 1 07:00 Shanghai is Nov 30 UTC.
    auto utc_dec =
        f.report(month_period(date::year(2026) / date::December, date::locate_zone("UTC")));
    REQUIRE(utc_dec.broadcasts.size() == 2);
    // d1 is November's in UTC: d2..d8 have final outcomes, d9 is open.
    CHECK(utc_dec.broadcasts[0] == counts("早间新闻", 7, 1, 2, 1, 1, 1, 1, 1, 22min));
    CHECK(utc_dec.broadcasts[1] == counts("晚间新闻", 2, 2, 0, 0, 0, 0, 0, 0, 60s));
}

TEST_CASE("a record of a few days: --from and --to are whole days, both included") {
    MonthFixture f;
    auto r = f.report(day_period(date::local_days(date::year(2026) / 12 / 3),
                                 date::local_days(date::year(2026) / 12 / 4), shanghai()));
    CHECK(r.period.from == samples::utc(2026, 12, 2, 16, 0));
    CHECK(r.period.to == samples::utc(2026, 12, 4, 16, 0));
    REQUIRE(r.broadcasts.size() == 1);
    CHECK(r.broadcasts[0] == counts("早间新闻", 2, 0, 2, 0, 0, 0, 0, 0, 12min));
    REQUIRE(r.manual.size() == 1);
    CHECK(r.manual[0].operator_name == "王芳");

    CHECK_THROWS_AS(day_period(date::local_days(date::year(2026) / 12 / 4),
                               date::local_days(date::year(2026) / 12 / 3), shanghai()),
                    std::invalid_argument);
}

TEST_CASE("on time means within 1 s of the scheduled instant, either way") {
    Instant t = samples::utc(2026, 12, 1, 0, 0);
    CHECK(is_on_time(t, t));
    CHECK(is_on_time(t, t + 1000ms));
    CHECK(is_on_time(t, t - 1000ms));
    CHECK_FALSE(is_on_time(t, t + 1001ms));
    CHECK_FALSE(is_on_time(t, t - 1001ms));
    CHECK_FALSE(is_on_time(t, std::nullopt));
    CHECK(on_time_tolerance == 1000ms);
}

TEST_CASE("air time, operators, months and days are read and written one way") {
    CHECK(format_air_time(0ms) == "0:00:00");
    CHECK(format_air_time(1499ms) == "0:00:01");
    CHECK(format_air_time(1500ms) == "0:00:02");
    CHECK(format_air_time(27min) == "0:27:00");
    CHECK(format_air_time(25h + 1min + 1s) == "25:01:01");
    CHECK(operator_of("operator 王芳") == "王芳");
    CHECK(operator_of("console") == "console");
    CHECK(operator_of("operator ") == "operator ");
    CHECK(parse_month("2026-12") == date::year(2026) / date::December);
    CHECK(parse_month("2027-01") == date::year(2027) / date::January);
    CHECK_FALSE(parse_month("2026-13"));
    CHECK_FALSE(parse_month("2026-00"));
    CHECK_FALSE(parse_month("2026-1"));
    CHECK_FALSE(parse_month("-026-12"));
    CHECK_FALSE(parse_month("2026/12"));
    CHECK_FALSE(parse_month("2026-12-01"));
    CHECK(format_day(date::local_days(date::year(2026) / 2 / 28)) == "2026-02-28");
    auto feb = month_period(date::year(2028) / date::February, shanghai());
    CHECK(feb.last_day == date::local_days(date::year(2028) / 2 / 29));
    CHECK(parse_report_format("html") == ReportFormat::html);
    CHECK_FALSE(parse_report_format("json"));
}

TEST_CASE("the record as a table aligns Chinese ids and ends with the head line") {
    MonthFixture f;
    auto r = f.report(month_period(date::year(2026) / date::December, shanghai()));
    std::string text = format_report_table(r, "城关镇广播站");
    CHECK(text ==
          "Broadcast record of 城关镇广播站, 2026-12-01 to 2026-12-31 (Asia/Shanghai)\n"
          "\n"
          "broadcast  scheduled  on time  late  interrupted  partial  missed  failed  air time\n"
          "早间新闻           8        2     2            1        1       1       1   0:27:00\n"
          "晚间新闻           2        2     0            0        0       0       0   0:01:00\n"
          "(total)           10        4     2            1        1       1       1   0:28:00\n"
          "on time: the first sample went out within 1 s of the scheduled instant\n"
          "each occurrence counts once, by its final outcome\n"
          "not counted: 1 occurrence(s) with no final outcome yet (on the air, or to air again)\n"
          "\n"
          "Manual airings: 2\n"
          "time                 operator  playlist/clip                priority   outcome  "
          "air time  reason\n"
          "2026-12-04 07:02:00  王芳      通知/停水                    emergency  aired     "
          "0:00:50\n"
          "2026-12-20 07:00:00  李强      manual-20261219T230000.000Z  routine    missed    "
          "0:00:00  late window passed while waiting for 天气\n"
          "\n"
          "as-run log: 33 rows, head hash " +
              r.head.hash + "\n");
}

TEST_CASE("the record as CSV: a byte order mark, three sections, exact counts") {
    MonthFixture f;
    auto r = f.report(month_period(date::year(2026) / date::December, shanghai()));
    std::string csv = format_report_csv(r, "城关镇广播站");
    std::string expected =
        "\xEF\xBB\xBF"
        "record,station,first_day,last_day,time_zone,log_rows,head_hash,open\r\n"
        "broadcast record,城关镇广播站,2026-12-01,2026-12-31,Asia/Shanghai,33," +
        r.head.hash +
        ",1\r\n"
        "\r\n"
        "broadcast,scheduled,on_time,late,interrupted,partial,missed,failed,air_time\r\n"
        "早间新闻,8,2,2,1,1,1,1,0:27:00\r\n"
        "晚间新闻,2,2,0,0,0,0,0,0:01:00\r\n"
        "(total),10,4,2,1,1,1,1,0:28:00\r\n"
        "\r\n"
        "manual_time,operator,trigger,airing,broadcast,playlist,clip,priority,status,final,"
        "air_time,reason\r\n"
        "2026-12-04 07:02:00,王芳,operator 王芳,m1,manual-20261203T230200.000Z,,通知/停水,"
        "emergency,aired,true,0:00:50,\r\n"
        "2026-12-20 07:00:00,李强,operator 李强,,manual-20261219T230000.000Z,"
        "manual-20261219T230000.000Z,,routine,missed,true,0:00:00,"
        "late window passed while waiting for 天气\r\n";
    CHECK(csv == expected);
}

TEST_CASE("the record as HTML: one self-contained A4 page in Chinese, to sign") {
    MonthFixture f;
    // A reason that looks like markup is shown as text.
    Started s = samples::started("x1", "manual-x", morning(21), "");
    s.clip = "a<b>&\"c\"";
    s.trigger = "operator <王芳>";
    f.log.append(morning(21), s);
    f.log.append(morning(21) + 10s,
                 samples::ended("x1", EndStatus::failed, true, "<script>alert(1)</script>", {}));
    f.rows = join_airings(f.log.read());
    auto r = f.report(month_period(date::year(2026) / date::December, shanghai()));
    std::string html = format_report_html(r, "城关镇 <广播站> & 村委会");

    CHECK(html.starts_with("<!DOCTYPE html>\n<html lang=\"zh-CN\">"));
    CHECK(html.find("<meta charset=\"utf-8\">") != std::string::npos);
    CHECK(html.find("@page { size: A4;") != std::string::npos);
    CHECK(html.find("<h1>城关镇 &lt;广播站&gt; &amp; 村委会 广播播出台账</h1>") !=
          std::string::npos);
    CHECK(html.find("统计时段：2026-12-01 至 2026-12-31（Asia/Shanghai 时间）") !=
          std::string::npos);
    CHECK(html.find("<tr><td>早间新闻</td><td class=\"n\">8</td><td class=\"n\">2</td>"
                    "<td class=\"n\">2</td><td class=\"n\">1</td><td class=\"n\">1</td>"
                    "<td class=\"n\">1</td><td class=\"n\">1</td><td class=\"n\">0:27:00</td>"
                    "</tr>") != std::string::npos);
    CHECK(html.find("<tr class=\"total\"><td>合计</td><td class=\"n\">10</td>") !=
          std::string::npos);
    CHECK(html.find("另有 1 次尚无最终结果") != std::string::npos);
    CHECK(html.find("<td>王芳</td><td>通知/停水</td><td>紧急</td><td>已播出</td>") !=
          std::string::npos);
    CHECK(html.find("<td>李强</td>") != std::string::npos);
    CHECK(html.find("<td>漏播</td>") != std::string::npos);
    CHECK(html.find("<td>&lt;王芳&gt;</td><td>a&lt;b&gt;&amp;&quot;c&quot;</td>") !=
          std::string::npos);
    CHECK(html.find("&lt;script&gt;alert(1)&lt;/script&gt;") != std::string::npos);
    CHECK(html.find("<script") == std::string::npos);
    CHECK(html.find("共 " + std::to_string(r.head.rows) + " 行") != std::string::npos);
    CHECK(html.find("<code class=\"hash\">" + r.head.hash + "</code>") != std::string::npos);
    CHECK(html.find("制表人：") != std::string::npos);
    CHECK(html.find("审核人：") != std::string::npos);
    CHECK(html.find("日期：") != std::string::npos);
    // Self-contained: nothing is fetched from elsewhere.
    for (const char* external : {"http:", "https:", "src=", "href=", "url(", "@import"}) {
        INFO(external);
        CHECK(html.find(external) == std::string::npos);
    }
    CHECK(html.ends_with("</html>\n"));
}

TEST_CASE("an empty period still gives a record with the head") {
    vc::test::TempDir dir;
    LogStore log = LogStore::open(dir / "audit.db");
    auto r =
        build_report({}, month_period(date::year(2026) / date::December, shanghai()), log.head());
    CHECK(r.broadcasts.empty());
    CHECK(r.total == BroadcastCounts{});
    CHECK(r.manual.empty());
    std::string text = format_report_table(r, "站");
    CHECK(text.find("(total)            0        0     0            0        0       0       0"
                    "   0:00:00\n") != std::string::npos);
    CHECK(text.find("Manual airings: none\n") != std::string::npos);
    CHECK(text.ends_with("as-run log: 0 rows, head hash " + std::string(64, '0') + "\n"));
    CHECK(format_report_html(r, "站").find("本时段无人工播出。") != std::string::npos);
}

TEST_CASE("a broadcast to three villages counts once in each, by each village's outcome") {
    vc::test::TempDir dir;
    LogStore log = LogStore::open(dir / "audit.db");
    using samples::ended;
    using samples::started;
    // 早间新闻 on Dec 1 in three villages: on time in 李家村, interrupted for good in 王家村,
    // missed in 张家村; on Dec 2 on time in 李家村 only.
    auto in_zone = [](Started s, const std::string& zone) {
        s.zones = {zone};
        return s;
    };
    log.append(morning(1) - 1min, in_zone(started("a1", "早间新闻", morning(1)), "李家村"));
    log.append(morning(1) - 1min, in_zone(started("a2", "早间新闻", morning(1)), "王家村"));
    log.append(morning(1) + 5min, ended("a1", EndStatus::aired, true, "", morning(1)));
    log.append(morning(1) + 2min,
               ended("a2", EndStatus::interrupted, true, "interrupted by 防汛", morning(1)));
    Missed m = missed_of("早间新闻", morning(1), "schedule");
    m.zones = {"张家村"};
    log.append(morning(1) + 10min, m);
    log.append(morning(2) - 1min, in_zone(started("b1", "早间新闻", morning(2)), "李家村"));
    log.append(morning(2) + 5min, ended("b1", EndStatus::aired, true, "", morning(2)));

    const auto r =
        build_report(join_airings(log.read()),
                     month_period(date::year(2026) / date::December, shanghai()), log.head());
    REQUIRE(r.broadcasts.size() == 1);
    CHECK(r.broadcasts[0] == counts("早间新闻", 4, 2, 0, 1, 0, 1, 0, 0, 12min));
    REQUIRE(r.zones.size() == 3);
    // In name order (UTF-8 bytes): 张 (E5 BC A0), 李 (E6 9D 8E), 王 (E7 8E 8B).
    CHECK(r.zones[0] == counts("张家村", 1, 0, 0, 0, 0, 1, 0, 0, 0min));
    CHECK(r.zones[1] == counts("李家村", 2, 2, 0, 0, 0, 0, 0, 0, 10min));
    CHECK(r.zones[2] == counts("王家村", 1, 0, 0, 1, 0, 0, 0, 0, 2min));

    const std::string table = format_report_table(r, "城关镇广播站");
    // As docs/as-run-log.md shows it.
    CHECK(table.find(
              "By village:\n"
              "village  scheduled  on time  late  interrupted  partial  missed  failed  air time\n"
              "张家村           1        0     0            0        0       1       0   0:00:00\n"
              "李家村           2        2     0            0        0       0       0   0:10:00\n"
              "王家村           1        0     0            1        0       0       0   "
              "0:02:00\n") != std::string::npos);
    CHECK(table.find("each occurrence counts once in each village it was for") !=
          std::string::npos);
    const std::string csv = format_report_csv(r, "城关镇广播站");
    CHECK(csv.find("village,scheduled,on_time,late,interrupted,partial,missed,failed,air_time\r\n"
                   "张家村,1,0,0,0,0,1,0,0:00:00\r\n李家村,2,2,0,0,0,0,0,0:10:00\r\n"
                   "王家村,1,0,0,1,0,0,0,0:02:00\r\n") != std::string::npos);
    const std::string html = format_report_html(r, "城关镇广播站");
    CHECK(html.find("<h3>各村</h3>") != std::string::npos);
}

TEST_CASE(
    "an airing's reception: heard by the receivers connected at its first and last "
    "sample, of all that were on the stream, and unknown when either end is unknown") {
    AiringRow row;
    row.broadcast = "通知";
    row.zones = {"王家村"};
    row.status = AiringStatus::aired;
    CHECK_FALSE(reception_entry(row).has_value());  // not a village on a Snapcast stream

    row.reception_start = Reception{true, {"pi-1", "pi-2"}, {"pi-3"}, ""};
    row.reception_end = Reception{true, {"pi-1", "pi-3"}, {"pi-2"}, ""};
    auto r = reception_entry(row);
    REQUIRE(r);
    CHECK(r->known);
    CHECK(r->village == "王家村");
    CHECK(r->heard == 1);  // pi-1 only was there from the first sample to the last
    CHECK(r->of == 3);
    CHECK(r->missing == std::vector<std::string>{"pi-2", "pi-3"});

    // pi-1 left between and came back: connected at both ends, yet it did not hear it all.
    row.drops = {ReceptionDrop{"pi-1", Instant{} + std::chrono::seconds(2),
                               Instant{} + std::chrono::seconds(3)}};
    r = reception_entry(row);
    REQUIRE(r);
    CHECK(r->heard == 0);
    CHECK(r->of == 3);
    CHECK(r->missing == std::vector<std::string>{"pi-1", "pi-2", "pi-3"});
    CHECK(r->drops == row.drops);
    row.drops.clear();

    row.reception_end = Reception{false, {}, {}, "cannot reach snapserver"};
    r = reception_entry(row);
    REQUIRE(r);
    CHECK_FALSE(r->known);
    CHECK(r->why == "cannot reach snapserver");
    CHECK(r->heard == 0);
}

TEST_CASE(
    "the report's three forms show each village's reception: heard by, away, and who left "
    "between and when") {
    MonthlyReport r;
    r.period = month_period(date::year(2026) / date::December, shanghai());
    ReceptionEntry heard;
    heard.time = morning(1);
    heard.village = "王家村";
    heard.broadcast = "早间新闻";
    heard.known = true;
    heard.heard = 1;
    heard.of = 3;
    heard.missing = {"pi-2", "pi-3"};
    heard.drops = {ReceptionDrop{"pi-3", morning(1) + 2s, morning(1) + 5s}};
    ReceptionEntry unknown = heard;
    unknown.village = "张家村";
    unknown.known = false;
    unknown.why = "cannot reach snapserver";
    r.reception = {heard, unknown};
    const std::string missing = "pi-2, pi-3 left " +
                                format_clock_time(morning(1) + 2s, r.period.zone) + " back " +
                                format_clock_time(morning(1) + 5s, r.period.zone);

    const std::string table = format_report_table(r, "城关镇广播站");
    CHECK(table.find("1 of 3    " + missing + "\n") != std::string::npos);
    CHECK(table.find("unknown   cannot reach snapserver\n") != std::string::npos);
    const std::string csv = format_report_csv(r, "城关镇广播站");
    CHECK(
        csv.find("reception_time,village,broadcast,status,known,heard_by,receivers,missing\r\n") !=
        std::string::npos);
    CHECK(csv.find(",王家村,早间新闻,aired,true,1,3,\"" + missing + "\"\r\n") != std::string::npos);
    CHECK(csv.find(",张家村,早间新闻,aired,false,,,cannot reach snapserver\r\n") !=
          std::string::npos);
    const std::string html = format_report_html(r, "城关镇广播站");
    CHECK(html.find("<h3>各村接收终端（Snapcast）</h3>") != std::string::npos);
    CHECK(html.find(">1 / 3</td><td>" + missing + "</td>") != std::string::npos);
    CHECK(html.find(">未知</td><td>cannot reach snapserver</td>") != std::string::npos);
}
