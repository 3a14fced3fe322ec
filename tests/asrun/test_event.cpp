#include <catch2/catch.hpp>

#include "asrun/chain.hpp"
#include "asrun/event.hpp"
#include "tests/asrun/asrun_samples.hpp"

using namespace vc;
using namespace vc::asrun;
using vc::asrun::samples::utc;

TEST_CASE("canonical encoding: sorted keys, no spaces, UTC milliseconds, version field") {
    Event e{utc(2025, 3, 1, 0, 0), DaemonStop{"SIGTERM"}};
    CHECK(e.canonical() == R"({"at":1740787200000,"kind":"daemon-stop","reason":"SIGTERM","v":1})");
    CHECK(e.kind() == EventKind::daemon_stop);
}

TEST_CASE("canonical encoding keeps Chinese as UTF-8 and escapes quotes and control bytes") {
    Event e{utc(2025, 3, 1, 0, 0, 0, 250), OperatorAction{"王芳", "停播", "a\"b\x1f"}};
    CHECK(e.canonical() ==
          "{\"action\":\"停播\",\"at\":1740787200250,\"detail\":\"a\\\"b\\u001f\","
          "\"kind\":\"operator\",\"operator\":\"王芳\",\"v\":1}");
}

TEST_CASE("chain hash is sha256 of the previous hash, a newline and the canonical bytes") {
    // Expected values computed independently (Python hashlib) from the documented rule.
    Event first{utc(2025, 3, 1, 0, 0), DaemonStop{"SIGTERM"}};
    std::string h1 = chain_hash(genesis_hash, first.canonical());
    CHECK(h1 == "72dd43f864517e73eb0c524de95d6d6848a20dac474966244d11d2efc456149c");
    Event second{utc(2025, 3, 1, 0, 0, 0, 250), OperatorAction{"王芳", "停播", "a\"b\x1f"}};
    CHECK(chain_hash(h1, second.canonical()) ==
          "9dd03d25f9a29b276411128ef0694ccb412f4dc7c2b8068e378c2221819a664d");
    CHECK(genesis_hash == std::string(64, '0'));
    CHECK(is_hash_text(h1));
    CHECK_FALSE(is_hash_text("72DD43"));
}

TEST_CASE("every event kind reads back equal from its canonical bytes") {
    Instant t = utc(2025, 3, 1, 8, 0);
    Started s = samples::started("早间新闻@x", "早间新闻", t);
    Ended en = samples::ended("早间新闻@x", EndStatus::interrupted, false,
                              "interrupted by 紧急通知", t + std::chrono::seconds(2));
    en.aircheck = AirCheck{"state/aircheck/1.flac", std::string(64, 'c')};
    Missed m;
    m.broadcast = "天气";
    m.clip = "天气/今日";
    m.priority = "notice";
    m.scheduled = t;
    m.reason = "late window passed while waiting for 早间新闻";
    std::vector<Event> events{
        {t, s},
        {t + std::chrono::minutes(1), Progress{"早间新闻@x", std::chrono::seconds(58), t}},
        {t + std::chrono::minutes(2), en},
        {t, m},
        {t, DaemonStart{"0.1.0", "/srv/station"}},
        {t, DaemonStop{"SIGTERM"}},
        {t, Reload{{{"schedule.toml", std::string(64, 'd'), true, ""},
                    {"playlists/晚间.toml", std::string(64, 'e'), false, "line 3: bad"}}}},
        {t, ClockStep{t, t - std::chrono::hours(1), 3}},
        {t, OperatorAction{"王芳", "play", "紧急通知"}},
        {t, SystemAction{"amp-before", "/usr/local/bin/amp on: exit 1", false}},
    };
    std::vector<EventKind> kinds;
    for (const auto& e : events) {
        Event back = Event::parse(e.canonical());
        CHECK(back == e);
        CHECK(back.canonical() == e.canonical());
        kinds.push_back(back.kind());
    }
    CHECK(kinds == std::vector<EventKind>{
                       EventKind::started, EventKind::progress, EventKind::ended, EventKind::missed,
                       EventKind::daemon_start, EventKind::daemon_stop, EventKind::reload,
                       EventKind::clock_step, EventKind::operator_action, EventKind::system});
    CHECK(to_string(EventKind::clock_step) == "clock-step");
    CHECK(parse_event_kind("operator") == EventKind::operator_action);
    CHECK_FALSE(parse_event_kind("operator_action").has_value());
}

TEST_CASE("reading a payload names what is wrong") {
    CHECK_THROWS_WITH(Event::parse("not json"), "the payload is not valid JSON");
    CHECK_THROWS_WITH(Event::parse(R"({"at":1,"kind":"daemon-stop","v":1})"),
                      "field \"reason\" is missing");
    CHECK_THROWS_WITH(Event::parse(R"({"at":"x","kind":"daemon-stop","reason":"","v":1})"),
                      "field \"at\" should be an integer");
    CHECK_THROWS_WITH(Event::parse(R"({"at":1,"kind":"daemon-stop","reason":"","v":2})"),
                      Catch::Contains("payload version 2"));
    CHECK_THROWS_WITH(Event::parse(R"({"at":1,"kind":"lunch","v":1})"),
                      "unknown event kind \"lunch\"");
}

TEST_CASE("bytes that are not UTF-8 become U+FFFD instead of losing the row") {
    Event e{utc(2025, 3, 1, 0, 0), DaemonStop{std::string("bad\xff")}};
    CHECK(e.canonical() ==
          "{\"at\":1740787200000,\"kind\":\"daemon-stop\",\"reason\":\"bad\xEF\xBF\xBD\","
          "\"v\":1}");
}

TEST_CASE("airing ids name the broadcast and the planned start in UTC") {
    CHECK(make_airing_id("早间新闻", utc(2025, 3, 1, 0, 0, 5, 7)) ==
          "早间新闻@20250301T000005.007Z");
}

TEST_CASE(
    "an ended row carries its village's receivers at the first and last sample, known or "
    "not, and reads back equal, and without them the row is as before") {
    const Instant t = utc(2026, 12, 6, 8, 0);
    Ended plain = samples::ended("通知@王家村", EndStatus::aired, true, "", t);
    const std::string before = Event{t, plain}.canonical();
    CHECK(before.find("reception") == std::string::npos);

    Ended heard = plain;
    heard.reception_start = Reception{true, {"pi-1", "pi-2"}, {}, ""};
    heard.reception_end = Reception{true, {"pi-1"}, {"pi-2"}, ""};
    const Event e{t, heard};
    CHECK(e.canonical().find(R"("reception":{"end":{"connected":["pi-1"],"known":true,)"
                             R"("missing":["pi-2"]},"start":{"connected":["pi-1","pi-2"],)"
                             R"("known":true,"missing":[]}})") != std::string::npos);
    CHECK(Event::parse(e.canonical()) == e);
    CHECK(e.canonical().find("drops") == std::string::npos);

    // A receiver that left between, and came back; one that did not come back.
    Ended dropped = heard;
    dropped.drops = {
        ReceptionDrop{"pi-3", t + std::chrono::seconds(2), t + std::chrono::seconds(4)},
        ReceptionDrop{"pi-2", t + std::chrono::seconds(3), std::nullopt}};
    const Event d{t, dropped};
    CHECK(d.canonical().find(R"("drops":[{"back":1796544004000,"left":1796544002000,)"
                             R"("receiver":"pi-3"},{"back":null,"left":1796544003000,)"
                             R"("receiver":"pi-2"}])") != std::string::npos);
    CHECK(Event::parse(d.canonical()) == d);

    Ended unknown = plain;
    unknown.reception_end =
        Reception{false, {}, {}, "cannot reach snapserver's control port 127.0.0.1:1705"};
    const Event u{t, unknown};
    CHECK(u.canonical().find(R"("reception":{"end":{"known":false,"why":"cannot reach )") !=
          std::string::npos);
    CHECK(Event::parse(u.canonical()) == u);
    CHECK_THROWS_WITH(
        Event::parse(R"({"actual_start":null,"aircheck":null,"airing":"a","at":1,"final":true,)"
                     R"("kind":"ended","reason":"","reception":{"end":null,"start":{"known":)"
                     R"(true,"connected":"pi-1","missing":[]}},"status":"aired","v":1})"),
        Catch::Contains("field \"connected\" should be a list"));
}
