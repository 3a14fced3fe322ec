// The control API's parts that need no daemon: times and queries as clients send them, URL
// paths and upload names that must not leave their folder, the operators file, the console's
// one-shot file and the refused-login counter.

#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <fstream>

#include <date/tz.h>

#include "control/api_json.hpp"
#include "control/console_schedule.hpp"
#include "control/login_counter.hpp"
#include "control/operator_store.hpp"
#include "control/static_files.hpp"
#include "core/diagnostic.hpp"
#include "core/sha256.hpp"
#include "library/clip_store.hpp"
#include "station/listen_address.hpp"
#include "tests/e2e/station_builder.hpp"
#include "tests/support/fixtures.hpp"

using namespace vc;
using namespace vc::control;
using namespace std::chrono_literals;

namespace {

std::int64_t ms(std::optional<Instant> t) {
    REQUIRE(t.has_value());
    return t->time_since_epoch().count();
}

}  // namespace

TEST_CASE("at times: local in the station's zone, with an offset, or UTC") {
    const auto& zone = *date::locate_zone("Asia/Shanghai");
    // 2026-12-01T08:00 in Shanghai is 2026-12-01T00:00Z = 1796083200000 ms.
    CHECK(ms(parse_at_time("2026-12-01T08:00", zone)) == 1796083200000);
    CHECK(ms(parse_at_time("2026-12-01 08:00", zone)) == 1796083200000);
    CHECK(ms(parse_at_time("2026-12-01T08:00:30", zone)) == 1796083230000);
    CHECK(ms(parse_at_time("2026-12-01T08:00:30.250", zone)) == 1796083230250);
    CHECK(ms(parse_at_time("2026-12-01T08:00:00.000+08:00", zone)) == 1796083200000);
    CHECK(ms(parse_at_time("2026-12-01T00:00:00Z", zone)) == 1796083200000);
    CHECK(ms(parse_at_time("2026-12-01T02:00+0200", zone)) == 1796083200000);
    CHECK(ms(parse_at_time("2026-11-30T19:00-05:00", zone)) == 1796083200000);
    CHECK_FALSE(parse_at_time("2026-12-01", zone));
    CHECK_FALSE(parse_at_time("2026-13-01T08:00", zone));
    CHECK_FALSE(parse_at_time("2026-12-01T25:00", zone));
    CHECK_FALSE(parse_at_time("2026-12-01T08:00+8", zone));
    CHECK_FALSE(parse_at_time("2026-12-01T08:00 tomorrow", zone));
    CHECK_FALSE(parse_at_time("2026-12-01T08:00.", zone));
}

TEST_CASE("targets: the path stays encoded, the query is decoded") {
    auto t = split_target("/api/airings?from=2026-12-01&broadcast=%E6%97%A9%E9%97%B4+news&x");
    CHECK(t.ok);
    CHECK(t.path == "/api/airings");
    CHECK(t.query.at("from") == "2026-12-01");
    CHECK(t.query.at("broadcast") == "早间 news");
    CHECK(t.query.at("x").empty());
    CHECK_FALSE(split_target("/api/plan?days=%G1").ok);
    CHECK(url_decode("/a%2Fb%20c") == std::string("/a/b c"));
    CHECK_FALSE(url_decode("%00"));
    CHECK_FALSE(url_decode("%4"));
    CHECK_FALSE(url_decode("abc%"));
}

TEST_CASE("static files never leave the console's folder") {
    vc::test::TempDir dir;
    auto web = dir.path() / "web";
    vc::test::write_text(web / "index.html", "<p>hi</p>");
    vc::test::write_text(web / "css" / "style.css", "p{}");
    vc::test::write_text(web / ".secret", "no");
    vc::test::write_text(dir.path() / "station.toml", "name = \"x\"");
    std::filesystem::create_symlink(dir.path() / "station.toml", web / "link.toml");
    auto canon = std::filesystem::canonical(web);
    CHECK(resolve_static(web, "/") == canon / "index.html");
    CHECK(resolve_static(web, "/css/style.css") == canon / "css" / "style.css");
    CHECK(resolve_static(web, "/css/") == std::nullopt);  // no index.html there
    CHECK(resolve_static(web, "/../station.toml") == std::nullopt);
    CHECK(resolve_static(web, "/css/../../station.toml") == std::nullopt);
    CHECK(resolve_static(web, "/./index.html") == std::nullopt);
    CHECK(resolve_static(web, "/.secret") == std::nullopt);
    CHECK(resolve_static(web, "/..\\station.toml") == std::nullopt);
    CHECK(resolve_static(web, "/link.toml") == std::nullopt);  // a link out of the folder
    CHECK(resolve_static(web, "//etc/passwd") == std::nullopt);
    CHECK(resolve_static(web, "/nothing.html") == std::nullopt);
    CHECK(content_type_for("a/app.JS") == "text/javascript; charset=utf-8");
    CHECK(content_type_for("x.wav") == "audio/wav");
    CHECK(content_type_for("x.opus") == "audio/ogg");
    CHECK(content_type_for("x.bin") == "application/octet-stream");
}

TEST_CASE("upload names: a file under clips/uploads/ and nothing else") {
    auto n = library::parse_upload_name("村委 通知-2.WAV");
    CHECK(n.stem == "村委 通知-2");
    CHECK(n.extension == ".wav");
    CHECK(n.id() == "uploads/村委 通知-2");
    CHECK(n.file_name() == "村委 通知-2.wav");
    CHECK(library::parse_upload_name("notice.v2.mp3").id() == "uploads/notice.v2");
    for (std::string bad : std::vector<std::string>{
             "", "notice", ".wav", "../x.wav", "a/b.wav", "a\\b.wav", "..wav", "x..y.wav",
             ".hidden.wav", " x.wav", "x.txt", "x.wav.exe", "a%2Fb.wav", "x\n.wav", "x:y.wav",
             "x..wav", "x. .wav", std::string(101, 'a') + ".wav"}) {
        INFO("name: " << bad);
        CHECK_THROWS_AS(library::parse_upload_name(bad), UserError);
    }
    CHECK_THROWS_WITH(library::parse_upload_name("a/b.wav"), Catch::Contains("`name`"));
}

TEST_CASE("upload analysis: silence and non-audio are refused with the reason") {
    vc::test::TempDir dir;
    vc::test::write_tone(dir / "tone.wav", 48000, 1, 1.0, 440.0, 0.3);
    vc::test::write_silence(dir / "quiet.wav", 48000, 1, 48000);
    vc::test::write_bytes(dir / "junk.wav", "this is not a wave file at all");
    CHECK(library::upload_problem(audio::analyse_clip(dir / "tone.wav")).empty());
    CHECK_THAT(library::upload_problem(audio::analyse_clip(dir / "quiet.wav")),
               Catch::StartsWith("the recording is silent"));
    CHECK_THAT(library::upload_problem(audio::analyse_clip(dir / "junk.wav")),
               Catch::StartsWith("not a clip villagecast can air"));
}

TEST_CASE("listen addresses and which are loopback") {
    auto a = station::parse_listen_address("127.0.0.1:8470");
    CHECK(a.host == "127.0.0.1");
    CHECK(a.port == 8470);
    CHECK(station::is_loopback(a));
    CHECK(station::is_loopback(station::parse_listen_address("127.1.2.3:1")));
    CHECK(station::is_loopback(station::parse_listen_address("[::1]:8470")));
    CHECK(station::is_loopback(station::parse_listen_address("localhost:0")));
    CHECK_FALSE(station::is_loopback(station::parse_listen_address("0.0.0.0:8470")));
    CHECK_FALSE(station::is_loopback(station::parse_listen_address("192.168.1.10:443")));
    CHECK(station::parse_listen_address("[::1]:8470").text() == "[::1]:8470");
    CHECK_THROWS_AS(station::parse_listen_address("127.0.0.1"), UserError);
    CHECK_THROWS_AS(station::parse_listen_address("127.0.0.1:70000"), UserError);
    CHECK_THROWS_AS(station::parse_listen_address("office-pc:8470"), UserError);
}

TEST_CASE("operators: only the token's hash is stored, in a file only its owner reads") {
    vc::test::TempDir dir;
    auto file = dir.path() / "state" / "operators.toml";
    auto store = OperatorStore::load(file);
    CHECK(store.operators().empty());
    auto t1 = store.add("王芳", Role::operator_, "2026-12-01T00:00:00Z");
    auto t2 = store.add("admin", Role::admin, "");
    CHECK(t1.size() == 48);
    CHECK(t1 != t2);
    CHECK_THROWS_AS(store.add("王芳", Role::viewer, ""), UserError);
    CHECK_THROWS_AS(store.add("bad\"name", Role::viewer, ""), UserError);
    store.save();
    struct stat st {};
    REQUIRE(::stat(file.c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);
    const std::string text = vc::test::read_bytes(file);
    CHECK(text.find(t1) == std::string::npos);
    CHECK(text.find(sha256_hex(t1)) != std::string::npos);

    auto again = OperatorStore::load(file);
    REQUIRE(again.operators().size() == 2);
    REQUIRE(again.find_by_token(t1) != nullptr);
    CHECK(again.find_by_token(t1)->name == "王芳");
    CHECK(again.find_by_token(t1)->role == Role::operator_);
    CHECK(again.find_by_token(t2)->role == Role::admin);
    CHECK(again.find_by_token("") == nullptr);
    CHECK(again.find_by_token(t1.substr(1)) == nullptr);
    CHECK(again.remove("王芳"));
    CHECK_FALSE(again.remove("王芳"));
    CHECK(again.find_by_token(t1) == nullptr);
    CHECK(allows(Role::admin, Role::operator_));
    CHECK_FALSE(allows(Role::viewer, Role::operator_));

    vc::test::write_text(file, "[[operator]]\nname = \"x\"\nrole = \"boss\"\n");
    CHECK_THROWS_WITH(OperatorStore::load(file), Catch::Contains("operators.toml:3:8"));
}

TEST_CASE("console one-shots: the file keeps hand-written entries and gets unique ids") {
    vc::test::TempDir dir;
    auto file = dir.path() / "schedule.d" / "console.toml";
    vc::test::write_text(file,
                         "[[broadcast]]\nid = \"by-hand\"\nplaylist = \"news\"\n"
                         "at = [\"07:00\", \"19:00\"]\ndays = \"weekdays\"\n");
    auto c = ConsoleSchedule::load(file);
    REQUIRE(c.entries().size() == 1);
    CHECK_FALSE(c.entries()[0].at.has_value());
    auto at = date::local_days(date::year(2026) / 12 / 1) + 8h + 30min;
    auto id = ConsoleSchedule::make_id(at, [&](const std::string& s) { return c.find(s); });
    CHECK(id == "console-20261201-0830");
    OneShot s{id, "", "通知/停水", at, "urgent", {}};
    c.add(s, "5m");
    auto id2 = ConsoleSchedule::make_id(at, [&](const std::string& x) { return c.find(x); });
    CHECK(id2 == "console-20261201-0830-2");
    c.save();
    auto back = ConsoleSchedule::load(file);
    REQUIRE(back.entries().size() == 2);
    const auto* e = back.find(id);
    REQUIRE(e != nullptr);
    CHECK(e->clip == "通知/停水");
    CHECK(e->priority == "urgent");
    REQUIRE(e->at.has_value());
    CHECK(*e->at == at);
    CHECK(back.text().find("at = \"2026-12-01 08:30:00\"") != std::string::npos);
    CHECK(back.text().find("days = \"weekdays\"") != std::string::npos);
    CHECK(back.remove(id));
    CHECK_FALSE(back.remove(id));
    CHECK(back.entries().size() == 1);
    vc::test::write_text(file, "[[broadcast]\nid=");
    CHECK_THROWS_WITH(ConsoleSchedule::load(file), Catch::Contains("console.toml:1:"));
}

TEST_CASE("refused logins are counted per address and minute") {
    LoginCounter c;
    Instant t0 = Instant(std::chrono::milliseconds(1796083200000));  // a whole minute
    c.refuse("127.0.0.1", t0 + 1s);
    c.refuse("127.0.0.1", t0 + 59s);
    c.refuse("10.0.0.5", t0 + 30s);
    c.refuse("127.0.0.1", t0 + 61s);
    CHECK(c.take_finished(t0 + 59s).empty());
    auto done = c.take_finished(t0 + 62s);
    REQUIRE(done.size() == 2);
    CHECK(done[0].address == "10.0.0.5");
    CHECK(done[0].count == 1);
    CHECK(done[1].address == "127.0.0.1");
    CHECK(done[1].count == 2);
    CHECK(done[1].minute == t0);
    auto rest = c.take_all();
    REQUIRE(rest.size() == 1);
    CHECK(rest[0].count == 1);
    CHECK(rest[0].minute == t0 + 60s);
    CHECK(c.empty());
}
