#include <catch2/catch.hpp>

#include "station/station.hpp"
#include "station/zone_resolution.hpp"
#include "tests/playlists/diag_match.hpp"
#include "tests/support/fixtures.hpp"

using namespace vc::test;

namespace {

std::vector<vc::Diagnostic> station_errors(const TempDir& dir) {
    try {
        (void)vc::station::load_station(dir.path());
    } catch (const vc::DiagnosticError& e) {
        return e.diagnostics();
    }
    FAIL("load_station did not throw");
    return {};
}

}  // namespace

TEST_CASE("station.toml with every key is read into plain data", "[station]") {
    TempDir dir;
    write_bytes(dir / "station.toml", R"(name = "羊市镇广播站"
timezone = "Asia/Shanghai"
chime = "chimes/dingdong"
loudness_target = -18.5
ceiling = -2
gap_between = "2.5s"
duck_db = -12.0
zones = ["东村", "西村"]
[output]
device = "wav:/tmp/air.wav"
sample_rate = 44100
channels = 1
[seasons.summer]
from = "05-01"
until = "09-30"
[seasons.winter]
from = "10-01"
until = "04-30"
)");
    auto st = vc::station::load_station(dir.path());
    CHECK(st.root == dir.path());
    CHECK(st.name == "羊市镇广播站");
    CHECK(st.timezone == "Asia/Shanghai");
    CHECK(st.chime == "chimes/dingdong");
    CHECK(st.chime_pos.line == 3);
    CHECK(st.chime_pos.column == 9);
    CHECK(st.loudness_target == -18.5);
    CHECK(st.ceiling == -2.0);
    CHECK(st.gap_between == vc::Millis(2500));
    CHECK(st.duck_db == -12.0);
    CHECK(vc::station::zone_names(st) == std::vector<std::string>{"东村", "西村"});
    CHECK(st.output.device == "wav:/tmp/air.wav");
    CHECK(st.output.sample_rate == 44100);
    CHECK(st.output.channels == 1);
    CHECK(st.output_format() == vc::audio::AudioFormat{44100, 1});
    REQUIRE(st.seasons.size() == 2);
    CHECK(st.seasons.at("summer") == vc::station::Season{{5, 1}, {9, 30}});
    CHECK(st.seasons.at("winter") == vc::station::Season{{10, 1}, {4, 30}});
    CHECK(st.clips_dir() == dir.path() / "clips");
    CHECK(st.playlists_dir() == dir.path() / "playlists");
    CHECK(st.state_dir() == dir.path() / "state");
}

TEST_CASE("an empty station.toml takes every default", "[station]") {
    TempDir dir;
    write_bytes(dir / "station.toml", "");
    auto st = vc::station::load_station(dir.path());
    CHECK(st.name == dir.path().filename().string());
    CHECK(st.timezone == "Asia/Shanghai");
    CHECK(st.chime.empty());
    CHECK(st.loudness_target == -16.0);
    CHECK(st.ceiling == -1.0);
    CHECK(st.gap_between == vc::Millis(2000));
    CHECK(st.duck_db == -15.0);
    CHECK(st.zones.empty());
    CHECK(st.output.device == "default");
    CHECK(st.output.sample_rate == 48000);
    CHECK(st.output.channels == 2);
    CHECK(st.seasons.empty());
}

TEST_CASE("a device may be given by number", "[station]") {
    TempDir dir;
    write_bytes(dir / "station.toml", "[output]\ndevice = 3\n");
    CHECK(vc::station::load_station(dir.path()).output.device == "3");
}

TEST_CASE("a folder without station.toml is not a station", "[station]") {
    TempDir dir;
    try {
        (void)vc::station::load_station(dir.path());
        FAIL("no error");
    } catch (const vc::UserError& e) {
        CHECK(std::string(e.what()) ==
              dir.path().string() +
                  " is not a station folder: station.toml is missing; use --station DIR or set "
                  "VILLAGECAST_STATION");
    }
}

TEST_CASE("a number far out of range is named as written, not in hundreds of digits", "[station]") {
    TempDir dir;
    write_bytes(dir / "station.toml", "loudness_target = 1e308\nceiling = -0.5e3\n");
    auto ds = station_errors(dir);
    INFO(list_diagnostics(ds));
    check_errors_at(ds,
                    {
                        {1, 19, "`loudness_target` must be between -40 and -5 LUFS, not 1e+308"},
                        {2, 11, "`ceiling` must be between -20 and 0 dBFS, not -500"},
                    });
}

TEST_CASE("every problem of station.toml is reported at once with line and column", "[station]") {
    TempDir dir;
    write_bytes(dir / "station.toml", R"(name = "羊市镇广播站"
timezone = "Mars/Olympus"
chime = "../chimes/dingdong"
loudness_target = "loud"
colour = "red"
gap_between = "2 seconds"
zones = ["东村", "all", "东村"]
ceiling = 3
[output]
sample_rate = 4000
channels = 33
volume = 3
[seasons.summer]
from = "13-01"
until = "09-31"
[seasons.winter]
from = "10-01"
)");
    auto ds = station_errors(dir);
    INFO(list_diagnostics(ds));
    const auto file = (dir / "station.toml").string();
    for (const auto& d : ds) CHECK(d.file == file);
    check_errors_at(ds, {
                            {2, 12, "\"Mars/Olympus\" is not a known time zone"},
                            {3, 9, "leaves the clips/ folder"},
                            {4, 19, "`loudness_target` must be a number, not a string"},
                            {5, 1, "unknown key `colour`"},
                            {6, 15, "\"2 seconds\" is not a duration"},
                            {7, 16, "zone \"all\" is implicit"},
                            {7, 23, "zone \"东村\" is listed twice"},
                            {8, 11, "`ceiling` must be between -20 and 0 dBFS, not 3"},
                            {10, 15, "between 8000 and 192000"},
                            {11, 12, "`channels` in [output] must be between 1 and 32, not 33"},
                            {12, 1, "unknown key `volume` in [output]"},
                            {14, 8, "\"13-01\" is not a date written MM-DD"},
                            {15, 9, "\"09-31\" is not a date written MM-DD"},
                            {16, 1, "[seasons.winter] needs `until`"},
                        });
    CHECK(ds.size() == 14);
}

TEST_CASE("wrong types in station.toml name the expected type", "[station]") {
    TempDir dir;
    write_bytes(dir / "station.toml", R"(name = 5
zones = "东村"
output = "default"
[seasons]
spring = "03-01"
)");
    auto ds = station_errors(dir);
    INFO(list_diagnostics(ds));
    check_errors_at(ds, {
                            {1, 8, "`name` must be a string in quotes, not an integer"},
                            {3, 10, "`output` must be a table ([output]), not a string"},
                            {5, 10, "season `spring` must be a table"},
                        });
    CHECK(ds.size() == 3);
}

TEST_CASE("a syntax error in station.toml names its place", "[station]") {
    TempDir dir;
    write_bytes(dir / "station.toml", "name = \"a\"\ntimezone = Asia/Shanghai\n");
    auto ds = station_errors(dir);
    REQUIRE(ds.size() == 1);
    CHECK(ds[0].line == 2);
    CHECK(ds[0].message.find("not valid TOML") == 0);
}

TEST_CASE("MM-DD accepts 29 February and rejects 30 February", "[station]") {
    TempDir dir;
    write_bytes(dir / "station.toml", "[seasons.a]\nfrom = \"02-29\"\nuntil = \"02-30\"\n");
    auto ds = station_errors(dir);
    INFO(list_diagnostics(ds));
    REQUIRE(ds.size() == 1);
    CHECK(has_error_at(ds, 3, 9, "\"02-30\""));
}

TEST_CASE("amplifier commands in [output] are read, and a bad one names its place", "[station]") {
    TempDir dir;
    write_bytes(dir / "station.toml", R"([output]
before = ["/usr/local/bin/amp", "on"]
before_lead = "4s"
after = ["/usr/local/bin/amp", "off"]
after_delay = "45s"
)");
    auto st = vc::station::load_station(dir.path());
    CHECK(st.output.before == std::vector<std::string>{"/usr/local/bin/amp", "on"});
    CHECK(st.output.before_lead == std::chrono::seconds(4));
    CHECK(st.output.after == std::vector<std::string>{"/usr/local/bin/amp", "off"});
    CHECK(st.output.after_delay == std::chrono::seconds(45));
    CHECK(st.output.command_timeout == std::chrono::seconds(10));

    write_bytes(dir / "station.toml", R"([output]
before = "amp on"
before_lead = "2h"
after = []
)");
    auto ds = station_errors(dir);
    INFO(list_diagnostics(ds));
    check_errors_at(ds, {
                            {2, 10, "`before` in [output] must be a command as a list"},
                            {3, 15, "`before_lead` in [output] must be between 0s and 1m"},
                            {4, 9, "`after` in [output] must be a command as a list"},
                        });
    CHECK(ds.size() == 3);
}

TEST_CASE("aircheck_keep and disk_alarm are read, with their defaults", "[station]") {
    TempDir dir;
    write_bytes(dir / "station.toml", "");
    auto defaults = vc::station::load_station(dir.path());
    CHECK(defaults.aircheck_keep == std::chrono::hours(24 * 180));
    CHECK(defaults.disk_alarm == 2'000'000'000);
    write_bytes(dir / "station.toml",
                "aircheck = true\naircheck_keep = \"30d12h\"\n"
                "disk_alarm = \"2GiB\"\n");
    auto st = vc::station::load_station(dir.path());
    CHECK(st.aircheck_keep == std::chrono::hours(24 * 30 + 12));
    CHECK(st.disk_alarm == 2'147'483'648);
}

TEST_CASE("a bad aircheck_keep or disk_alarm names its place", "[station]") {
    TempDir dir;
    write_bytes(dir / "station.toml", R"(aircheck_keep = "6 months"
disk_alarm = "2G"
)");
    auto ds = station_errors(dir);
    INFO(list_diagnostics(ds));
    check_errors_at(ds, {
                            {1, 17,
                             "`aircheck_keep`: \"6 months\" is not a duration such as \"180d\", "
                             "\"30d\" or \"12h\""},
                            {2, 14,
                             "`disk_alarm`: \"2G\" is not a size such as \"2GB\", \"500MB\" or "
                             "\"2GiB\""},
                        });
    CHECK(ds.size() == 2);

    write_bytes(dir / "station.toml", "aircheck_keep = \"0s\"\ndisk_alarm = 2000000000\n");
    ds = station_errors(dir);
    INFO(list_diagnostics(ds));
    check_errors_at(ds, {
                            {1, 17, "`aircheck_keep` must be longer than 0s"},
                            {2, 14,
                             "`disk_alarm` must be a size such as \"2GB\", \"500MB\" or "
                             "\"2GiB\" in quotes, not an integer"},
                        });
    CHECK(ds.size() == 2);
}

TEST_CASE("sizes parse as people write them", "[station]") {
    using vc::station::parse_byte_size;
    CHECK(parse_byte_size("500MB") == 500'000'000u);
    CHECK(parse_byte_size("2GB") == 2'000'000'000u);
    CHECK(parse_byte_size("2GiB") == 2'147'483'648u);
    CHECK(parse_byte_size("1.5GB") == 1'500'000'000u);
    CHECK(parse_byte_size("750 kB") == 750'000u);
    CHECK(parse_byte_size("2gb") == 2'000'000'000u);
    CHECK(parse_byte_size("0B") == 0u);
    CHECK(parse_byte_size("1TiB") == 1'099'511'627'776u);
    CHECK(parse_byte_size("16777216TiB") == std::nullopt);  // 2^64: does not fit
    // A size reads the same in bytes as in a larger unit, up to what 64 bits hold.
    CHECK(parse_byte_size("50000000000MB") == 50'000'000'000'000'000u);
    CHECK(parse_byte_size("50000000000000000B") == 50'000'000'000'000'000u);
    CHECK(parse_byte_size("18446744073709551615B") == 18'446'744'073'709'551'615u);
    CHECK(parse_byte_size("18446744073709551616B") == std::nullopt);
    for (const char* bad : {"", "2", "2G", "GB", "-1GB", "2 GB ", "2  GB", "1.GB", "2Gb/s"}) {
        INFO(bad);
        CHECK_FALSE(parse_byte_size(bad).has_value());
    }
}

TEST_CASE("[control] is read, with its defaults", "[station]") {
    TempDir dir;
    write_bytes(dir / "station.toml", "name = \"x\"\n");
    auto st = vc::station::load_station(dir.path());
    CHECK(st.control.listen == "127.0.0.1:8470");
    CHECK(st.control.enabled());
    CHECK(st.control.tls_cert.empty());
    CHECK(st.control.upload_limit == 64'000'000u);
    CHECK(st.control.body_limit == 64'000u);
    CHECK(st.control.web_root.empty());

    write_bytes(dir / "tls" / "cert.pem", "-----BEGIN CERTIFICATE-----\n");
    write_bytes(dir / "tls" / "key.pem", "-----BEGIN PRIVATE KEY-----\n");
    write_bytes(dir / "web" / "index.html", "<p>");
    write_bytes(dir / "station.toml", R"([control]
listen = "0.0.0.0:443"
tls_cert = "tls/cert.pem"
tls_key = "tls/key.pem"
upload_limit = "16MiB"
body_limit = "8KB"
web_root = "web"
)");
    st = vc::station::load_station(dir.path());
    CHECK(st.control.listen == "0.0.0.0:443");
    CHECK(st.control.tls_cert == dir.path() / "tls" / "cert.pem");
    CHECK(st.control.tls_key == dir.path() / "tls" / "key.pem");
    CHECK(st.control.upload_limit == 16u * 1024 * 1024);
    CHECK(st.control.body_limit == 8000u);
    CHECK(st.control.web_root == dir.path() / "web");

    write_bytes(dir / "station.toml", "[control]\nlisten = \"off\"\n");
    CHECK_FALSE(vc::station::load_station(dir.path()).control.enabled());
    write_bytes(dir / "station.toml", "[control]\nlisten = \"[::1]:8470\"\n");
    CHECK(vc::station::load_station(dir.path()).control.listen == "[::1]:8470");
}

TEST_CASE("a bad [control] names its place, and plain HTTP beyond loopback is an error",
          "[station]") {
    TempDir dir;
    write_bytes(dir / "station.toml", R"([control]
listen = "192.168.1.5:8470"
upload_limit = "lots"
body_limit = 0
tls_cert = "missing.pem"
web_root = "nowhere"
port = 8470
)");
    auto ds = station_errors(dir);
    INFO(list_diagnostics(ds));
    check_errors_at(
        ds, {
                {2, 10,
                 "`listen` in [control]: \"192.168.1.5:8470\" is reachable from the network, "
                 "so the console must use HTTPS: set `tls_cert` and `tls_key` in [control], "
                 "or listen on \"127.0.0.1:PORT\" only"},
                {3, 16,
                 "`upload_limit` in [control] must be a size such as \"64MB\", \"500KB\" "
                 "or \"64MiB\""},
                {4, 14,
                 "`body_limit` in [control] must be a size such as \"64MB\", \"500KB\" or "
                 "\"64MiB\""},
                {5, 12,
                 "`tls_cert` in [control]: " + (dir.path() / "missing.pem").string() +
                     " is not a file (a path relative to the station folder, or absolute)"},
                {5, 12,
                 "[control] needs both `tls_cert` and `tls_key` (a PEM certificate and its "
                 "private key), or neither"},
                {6, 12,
                 "`web_root` in [control]: " + (dir.path() / "nowhere").string() +
                     " is not a folder (a path relative to the station folder, or "
                     "absolute)"},
            });
    CHECK(ds.size() == 7);  // and the unknown key `port`

    for (const char* bad : {"127.0.0.1", "127.0.0.1:99999", "office-pc:8470", ":8470", "8470"}) {
        write_bytes(dir / "station.toml", std::string("[control]\nlisten = \"") + bad + "\"\n");
        ds = station_errors(dir);
        INFO(bad << ": " << list_diagnostics(ds));
        CHECK(ds.size() == 1);
        CHECK(has_error_at(ds, 2, 10,
                           std::string("`listen` in [control]: \"") + bad +
                               "\" is not an address and port such as \"127.0.0.1:8470\", "
                               "\"[::1]:8470\" or \"0.0.0.0:8470\" (or \"off\")"));
    }
}
