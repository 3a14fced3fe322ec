#include <catch2/catch.hpp>

#include <sstream>

#include <nlohmann/json.hpp>

#include "asrun/export_format.hpp"
#include "core/text_width.hpp"
#include "tests/asrun/asrun_samples.hpp"
#include "tests/support/fixtures.hpp"

using namespace vc;
using namespace vc::asrun;
using namespace std::chrono_literals;
using vc::asrun::samples::shanghai;

namespace {

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) {
        out.push_back(line);
    }
    return out;
}

}  // namespace

TEST_CASE("times show in the station's zone to the millisecond") {
    Instant t = samples::utc(2025, 3, 1, 0, 0, 5, 7);
    CHECK(format_local_time(t, shanghai()) == "2025-03-01 08:00:05.007");
    CHECK(format_rfc3339(t, shanghai()) == "2025-03-01T08:00:05.007+08:00");
    CHECK(format_local_time(t, nullptr) == "2025-03-01 00:00:05.007");
    CHECK(format_rfc3339(t, nullptr) == "2025-03-01T00:00:05.007+00:00");
    CHECK(parse_export_format("csv") == ExportFormat::csv);
    CHECK_FALSE(parse_export_format("xlsx"));
}

TEST_CASE("CSV fields are quoted as RFC 4180 asks") {
    CHECK(csv_field("plain 中文") == "plain 中文");
    CHECK(csv_field("a,b") == "\"a,b\"");
    CHECK(csv_field("say \"hi\"") == "\"say \"\"hi\"\"\"");
    CHECK(csv_field("two\nlines") == "\"two\nlines\"");
    CHECK(csv_field("cr\r") == "\"cr\r\"");
    CHECK(csv_field("") == "");
}

TEST_CASE("airings as CSV: BOM, header, Chinese ids, quoting, CRLF") {
    vc::test::TempDir dir;
    LogStore log = LogStore::open(dir / "audit.db");
    Instant t0 = samples::write_morning(log);
    Ended odd = samples::ended("b1", EndStatus::failed, true, "clip \"天气\" failed, then\nstopped",
                               std::nullopt);
    log.append(t0 + 2h, samples::started("b1", "天气,晚", t0 + 2h));
    log.append(t0 + 2h + 1s, odd);
    auto rows = list_airings(log);
    std::string csv = format_airings(rows, ExportFormat::csv, shanghai(), log.head());
    REQUIRE(csv.rfind("\xEF\xBB\xBF", 0) == 0);
    std::string body = csv.substr(3);
    CHECK(body.rfind("seq,airing,broadcast,playlist,clip,trigger,priority,zones,scheduled,"
                     "planned_start,start,end,status,final,reason,clips,aircheck_path,"
                     "aircheck_sha256,end_seq\r\n",
                     0) == 0);
    CHECK(body.find("1,a1,早间新闻,早间新闻,,schedule,routine,村委会,2025-03-01 08:00:00.000,"
                    "2025-03-01 08:00:00.000,2025-03-01 08:00:00.020,2025-03-01 08:05:00.000,"
                    "aired,true,,新闻/片头 " +
                    std::string(64, 'a') + "; 天气 " + std::string(64, 'b') +
                    ",state/aircheck/a1.flac," + std::string(64, 'f') + ",2\r\n") !=
          std::string::npos);
    CHECK(body.find("9,,晚间新闻,晚间新闻,,schedule,routine,,2025-03-01 08:30:00.000,,,,missed,"
                    "true,late window passed while waiting for 天气,,,,\r\n") != std::string::npos);
    CHECK(body.find(",b1,\"天气,晚\",") != std::string::npos);
    CHECK(body.find(",failed,true,\"clip \"\"天气\"\" failed, then\nstopped\",") !=
          std::string::npos);
    // Seven rows and a header, each ending in CRLF (the quoted newline is a bare LF).
    std::size_t crlf = 0;
    for (std::size_t p = body.find("\r\n"); p != std::string::npos; p = body.find("\r\n", p + 2)) {
        ++crlf;
    }
    CHECK(crlf == 8);
}

TEST_CASE("airings as JSON parse back with the head and local times") {
    vc::test::TempDir dir;
    LogStore log = LogStore::open(dir / "audit.db");
    samples::write_morning(log);
    Head head = log.head();
    auto j = nlohmann::json::parse(
        format_airings(list_airings(log), ExportFormat::json, shanghai(), head));
    CHECK(j["log"]["rows"] == 11);
    CHECK(j["log"]["head_hash"] == head.hash);
    CHECK(j["time_zone"] == "Asia/Shanghai");
    REQUIRE(j["airings"].size() == 6);
    const auto& a1 = j["airings"][0];
    CHECK(a1["airing"] == "a1");
    CHECK(a1["broadcast"] == "早间新闻");
    CHECK(a1["start"] == "2025-03-01T08:00:00.020+08:00");
    CHECK(a1["start_ms"] == 1740787200020);
    CHECK(a1["status"] == "aired");
    CHECK(a1["clips"][1]["clip"] == "天气");
    CHECK(a1["aircheck"]["sha256"] == std::string(64, 'f'));
    const auto& missed = j["airings"][4];
    CHECK(missed["status"] == "missed");
    CHECK(missed["start"].is_null());
    CHECK(missed["airing"] == "");
    CHECK(j["airings"][5]["status"] == "airing");
}

TEST_CASE("the airing table aligns columns after Chinese text and ends with the head") {
    vc::test::TempDir dir;
    LogStore log = LogStore::open(dir / "audit.db");
    samples::write_morning(log);
    Head head = log.head();
    auto lines = lines_of(format_airings(list_airings(log), ExportFormat::table, shanghai(), head));
    REQUIRE(lines.size() == 9);
    CHECK(lines[0].rfind("scheduled                start                    end", 0) == 0);
    CHECK(lines[1].rfind("2025-03-01 08:00:00.000  2025-03-01 08:00:00.020  "
                         "2025-03-01 08:05:00.000  aired",
                         0) == 0);
    // The priority column starts at the same display column on every line.
    int column = display_width(lines[0].substr(0, lines[0].find("priority")));
    for (std::size_t i = 1; i <= 6; ++i) {
        std::string line = lines[i];
        std::size_t at = std::string::npos;
        for (const char* p : {"routine", "emergency"}) {
            if (auto pos = line.find(p); pos != std::string::npos) {
                at = pos;
            }
        }
        REQUIRE(at != std::string::npos);
        CHECK(display_width(line.substr(0, at)) == column);
    }
    CHECK(lines[7] == "6 rows, times in Asia/Shanghai");
    CHECK(lines[8] == "as-run log: 11 rows, head hash " + head.hash);
}

TEST_CASE("raw events in the three formats") {
    vc::test::TempDir dir;
    LogStore log = LogStore::open(dir / "audit.db");
    samples::write_morning(log);
    Head head = log.head();
    auto events = list_events(log, {.kinds = {EventKind::missed}});
    REQUIRE(events.size() == 1);

    auto table = lines_of(format_events(events, ExportFormat::table, shanghai(), head));
    REQUIRE(table.size() == 4);
    CHECK(table[1] == "  9  2025-03-01 08:40:00.000  missed  " + events[0].row.hash.substr(0, 12) +
                          "  {\"broadcast\":\"晚间新闻\",\"clip\":\"\",\"playlist\":\"晚间新闻\","
                          "\"priority\":\"routine\",\"reason\":\"late window passed while waiting "
                          "for 天气\",\"scheduled\":1740789000000,\"trigger\":\"schedule\","
                          "\"zones\":[]}");
    CHECK(table[2] == "1 event, times in Asia/Shanghai");

    std::string csv = format_events(events, ExportFormat::csv, shanghai(), head);
    CHECK(csv.rfind("\xEF\xBB\xBFseq,at,kind,payload,prev_hash,hash\r\n9,2025-03-01 08:40:00.000,"
                    "missed,\"{\"\"at\"\":",
                    0) == 0);

    auto j = nlohmann::json::parse(format_events(events, ExportFormat::json, shanghai(), head));
    REQUIRE(j["events"].size() == 1);
    CHECK(j["events"][0]["seq"] == 9);
    CHECK(j["events"][0]["kind"] == "missed");
    CHECK(j["events"][0]["at"] == "2025-03-01T08:40:00.000+08:00");
    CHECK(j["events"][0]["payload"]["reason"] == "late window passed while waiting for 天气");
    CHECK(j["events"][0]["hash"] == events[0].row.hash);
    CHECK(j["events"][0]["payload"].dump() == events[0].row.payload);
}
