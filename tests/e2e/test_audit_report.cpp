// The monthly broadcast record of a simulated December whose counts are worked out by hand:
// `villagecast run --simulate` for the month, then `audit report` as CSV, table and HTML.

#include <catch2/catch.hpp>

#include <fstream>
#include <iterator>
#include <map>
#include <sstream>

#include "tests/e2e/station_builder.hpp"
#include "tests/support/fixtures.hpp"
#include "tests/support/run_command.hpp"

using vc::test::TempDir;
using vc::test::villagecast;

namespace {

/// December 2026 begins on a Tuesday; its Mondays are the 7th, 14th, 21st and 28th.
/// - daily      07:00 every day, a 5 s playlist: 31 on time, 31 x 5 s.
/// - weekly     08:00 on Mondays, a 3 s clip: 4 on time.
/// - long-talk  10:00:00 on Mondays, 21 s: 4 on time.
/// - squeezed   10:00:05 every day, 3 s, late window 5 s: on Mondays it waits for long-talk
///              (until 10:00:23, with the 2 s gap) and its window has passed: 4 missed, 27 on
///              time.
/// - waits      10:00:15 every day, 3 s: on Mondays it starts at 10:00:23: 4 late, 27 on time.
/// - noon       12:00:00 every day, 21 s; on the 10th an emergency alarm at 12:00:05
///              interrupts it and it airs again in full afterwards: 30 on time, 1 late;
///              31 x 21 s and the 5 s cut off.
/// - alarm      12:00:05 on the 10th, emergency, 2 s: 1 on time.
/// - brief      11:00:00 on the 20th, 21 s, late window 5 s, interrupted at 11:00:08 by
///              urgent-call: 1 interrupted for good, after 8 s on the air.
/// - urgent-call 11:00:08 on the 20th, urgent, 3 s: 1 on time.
/// - broken     13:00 on the 15th, a clip cut short on disk: 1 failed.
void make_month_station(const std::filesystem::path& root) {
    vc::test::write_station(root);
    vc::test::write_tones_and_playlists(root);
    vc::test::write_text(
        root / "schedule.toml",
        vc::test::schedule_toml({
            {"daily", "news", "", "07:00", "", "", ""},
            {"weekly", "", "tone/a3", "08:00", "", "", "days = [\"mon\"]"},
            {"long-talk", "long", "", "10:00:00", "", "", "days = [\"mon\"]"},
            {"squeezed", "", "tone/a3", "10:00:05", "", "5s", ""},
            {"waits", "", "tone/a3", "10:00:15", "", "", ""},
            {"noon", "long", "", "12:00:00", "", "", ""},
            {"alarm", "", "emergency/alarm", "12:00:05", "emergency", "",
             "dates = [\"2026-12-10\"]"},
            {"brief", "long", "", "11:00:00", "", "5s", "dates = [\"2026-12-20\"]"},
            {"urgent-call", "", "tone/a3", "11:00:08", "urgent", "", "dates = [\"2026-12-20\"]"},
            {"broken", "broken", "", "13:00", "", "", "dates = [\"2026-12-15\"]"},
        }));
}

/// The lines of a CSV text (CRLF line ends), without the byte order mark.
std::vector<std::string> csv_lines(const std::string& text) {
    REQUIRE(text.starts_with("\xEF\xBB\xBF"));
    std::vector<std::string> lines;
    std::string body = text.substr(3);
    std::size_t at = 0;
    while (at < body.size()) {
        auto end = body.find("\r\n", at);
        REQUIRE(end != std::string::npos);
        lines.push_back(body.substr(at, end - at));
        at = end + 2;
    }
    return lines;
}

/// The broadcast section of the record: id -> the rest of its line.
std::map<std::string, std::string> broadcast_lines(const std::vector<std::string>& lines) {
    std::map<std::string, std::string> out;
    auto header = std::find(lines.begin(), lines.end(),
                            "broadcast,scheduled,on_time,late,interrupted,partial,missed,failed,"
                            "air_time");
    REQUIRE(header != lines.end());
    for (auto it = header + 1; it != lines.end() && !it->empty(); ++it) {
        auto comma = it->find(',');
        out[it->substr(0, comma)] = it->substr(comma + 1);
    }
    return out;
}

}  // namespace

TEST_CASE("the record of a simulated December has the counts worked out by hand") {
    TempDir dir;
    const auto station = dir.path() / "station";
    make_month_station(station);
    const auto audit = dir.path() / "december.db";
    {
        auto run = villagecast({"run", "-s", station.string(), "--simulate",
                                "2026-12-01T00:00/2027-01-01T00:00", "--output", "null", "--audit",
                                audit.string()});
        INFO(run.err);
        REQUIRE(run.exit_code == 0);
    }
    auto verified =
        villagecast({"audit", "verify", "-s", station.string(), "--audit", audit.string()});
    REQUIRE(verified.exit_code == 0);
    // "ok: N rows, head hash H"
    const std::string head_hash = verified.out.substr(verified.out.find("head hash ") + 10, 64);

    auto csv = villagecast({"audit", "report", "--month", "2026-12", "-s", station.string(),
                            "--audit", audit.string(), "--format", "csv"});
    INFO(csv.out << csv.err);
    REQUIRE(csv.exit_code == 0);
    auto lines = csv_lines(csv.out);
    REQUIRE(lines.size() >= 2);
    CHECK(lines[0] == "record,station,first_day,last_day,time_zone,log_rows,head_hash,open");
    CHECK(lines[1].starts_with("broadcast record,测试站,2026-12-01,2026-12-31,Asia/Shanghai,"));
    CHECK(lines[1].ends_with("," + head_hash + ",0"));
    CHECK(csv.err.find("head hash " + head_hash) != std::string::npos);

    // scheduled, on time, late, interrupted, partial, missed, failed, air time
    const std::map<std::string, std::string> expected{
        {"daily", "31,31,0,0,0,0,0,0:02:35"},     {"weekly", "4,4,0,0,0,0,0,0:00:12"},
        {"long-talk", "4,4,0,0,0,0,0,0:01:24"},   {"squeezed", "31,27,0,0,0,4,0,0:01:21"},
        {"waits", "31,27,4,0,0,0,0,0:01:33"},     {"noon", "31,30,1,0,0,0,0,0:10:56"},
        {"alarm", "1,1,0,0,0,0,0,0:00:02"},       {"brief", "1,0,0,1,0,0,0,0:00:08"},
        {"urgent-call", "1,1,0,0,0,0,0,0:00:03"}, {"broken", "1,0,0,0,0,0,1,0:00:00"},
    };
    auto got = broadcast_lines(lines);
    CHECK(got.size() == expected.size() + 1);
    for (const auto& [id, counts] : expected) {
        INFO(id);
        CHECK(got[id] == counts);
    }
    CHECK(got["(total)"] == "136,125,5,1,0,4,1,0:18:14");
    // No manual airings in a simulated month: the section is only its header.
    CHECK(lines.back() ==
          "manual_time,operator,trigger,airing,broadcast,playlist,clip,priority,status,final,"
          "air_time,reason");

    {  // a week of it with --from and --to
        auto week =
            villagecast({"audit", "report", "--from", "2026-12-01", "--to", "2026-12-07", "-s",
                         station.string(), "--audit", audit.string(), "--format", "csv"});
        REQUIRE(week.exit_code == 0);
        auto w = broadcast_lines(csv_lines(week.out));
        CHECK(w["daily"] == "7,7,0,0,0,0,0,0:00:35");
        CHECK(w["weekly"] == "1,1,0,0,0,0,0,0:00:03");
        CHECK(w["squeezed"] == "7,6,0,0,0,1,0,0:00:18");
        CHECK(w["waits"] == "7,6,1,0,0,0,0,0:00:21");
        CHECK(w.count("alarm") == 0);
    }
    {  // the table for the terminal
        auto table = villagecast({"audit", "report", "--month", "2026-12", "-s", station.string(),
                                  "--audit", audit.string()});
        REQUIRE(table.exit_code == 0);
        CHECK(table.out.starts_with(
            "Broadcast record of 测试站, 2026-12-01 to 2026-12-31 (Asia/Shanghai)\n\n"
            "broadcast    scheduled  on time  late  interrupted  partial  missed  failed  air "
            "time\n"
            "alarm                1        1     0            0        0       0       0   "
            "0:00:02\n"));
        CHECK(table.out.find("Manual airings: none\n") != std::string::npos);
        CHECK(table.out.ends_with(" rows, head hash " + head_hash + "\n"));
    }
    {  // the HTML page to print and sign
        auto html = villagecast({"audit", "report", "--month", "2026-12", "-s", station.string(),
                                 "--audit", audit.string(), "--format", "html"});
        REQUIRE(html.exit_code == 0);
        CHECK(html.out.find("<h1>测试站 广播播出台账</h1>") != std::string::npos);
        CHECK(html.out.find("<code class=\"hash\">" + head_hash + "</code>") != std::string::npos);
        CHECK(html.out.find("size: A4") != std::string::npos);
        CHECK(html.out.find("制表人") != std::string::npos);
    }
    {  // wrong periods are refused with what to write
        auto bad = villagecast({"audit", "report", "--month", "2026-13", "-s", station.string(),
                                "--audit", audit.string()});
        CHECK(bad.exit_code == 2);
        CHECK(bad.err.find("--month wants a month like 2026-12, not '2026-13'") !=
              std::string::npos);
        auto none =
            villagecast({"audit", "report", "-s", station.string(), "--audit", audit.string()});
        CHECK(none.exit_code == 2);
        CHECK(none.err.find("name the period with --month YYYY-MM, or --from DATE --to DATE") !=
              std::string::npos);
        auto format = villagecast({"audit", "report", "--month", "2026-12", "--format", "json",
                                   "-s", station.string(), "--audit", audit.string()});
        CHECK(format.exit_code == 2);
    }
    {  // no record is made from a log whose chain is broken
        // Change one byte of a stored payload, as someone editing the file would.
        auto bytes = vc::test::read_bytes(audit);
        auto at = bytes.find("\"trigger\":\"schedule\"");
        REQUIRE(at != std::string::npos);
        bytes[at + 18] = 'f';
        const auto changed = dir.path() / "changed.db";
        std::ofstream(changed, std::ios::binary) << bytes;
        auto r = villagecast({"audit", "report", "--month", "2026-12", "-s", station.string(),
                              "--audit", changed.string()});
        CHECK(r.exit_code == 1);
        CHECK(r.err.find("FAILED at row") != std::string::npos);
        CHECK(r.err.find("no record made: the as-run log does not verify") != std::string::npos);
    }
}
