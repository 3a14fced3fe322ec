// The console's files and the API's reading endpoints against the real daemon, for each role.

#include <catch2/catch.hpp>

#include <fstream>

#include "tests/control/control_fixture.hpp"

using nlohmann::json;
using vc::test::ControlStation;

namespace {

std::string tomorrow_at_eight_schedule() {
    return vc::test::broadcast_toml({"morning", "news", "", "08:00", "routine", "", ""});
}

}  // namespace

TEST_CASE("the console's files are public and never leave their folder") {
    ControlStation s;
    s.start();
    auto index = s.get("/", "");
    CHECK(index.status == 200);
    CHECK(index.headers["content-type"] == "text/html; charset=utf-8");
    CHECK(index.body == "<!doctype html><title>console</title>\n");
    auto js = s.get("/js/app.js", "");
    CHECK(js.status == 200);
    CHECK(js.headers["content-type"] == "text/javascript; charset=utf-8");
    auto head = vc::test::http_request(s.port(), "HEAD", "/", "");
    CHECK(head.status == 200);
    CHECK(head.headers["content-length"] == std::to_string(index.body.size()));
    CHECK(head.body.empty());
    for (const std::string path :
         {"/../station.toml", "/%2e%2e/station.toml", "/js/..%2f..%2fstation.toml",
          "/js/%2E%2E/%2E%2E/station.toml", "/..%5cstation.toml", "/%00index.html",
          "/state/operators.toml", "/nothing.html", "/.hidden"}) {
        INFO(path);
        auto r = s.get(path, "");
        CHECK(r.status == 404);
        CHECK(r.body.find("token_sha256") == std::string::npos);
    }
    CHECK(s.post("/index.html", "").status == 405);
    CHECK(s.stop() == 0);
}

TEST_CASE("reading endpoints: status, plan, airings, library, playlists and clip audio") {
    ControlStation s(tomorrow_at_eight_schedule());
    s.start();

    SECTION("tokens and roles") {
        auto none = s.get("/api/whoami", "");
        CHECK(none.status == 401);
        CHECK(none.headers["www-authenticate"] == "Bearer");
        CHECK(none.json()["error"].get<std::string>().find("Authorization: Bearer") !=
              std::string::npos);
        CHECK(s.get("/api/whoami", "0123456789abcdef0123456789abcdef0123456789abcdef").status ==
              401);
        CHECK(vc::test::http_request(s.port(), "GET", "/api/status", s.viewer + "x").status == 401);
        CHECK(s.get("/api/whoami", s.viewer).json() == json{{"name", "小李"}, {"role", "viewer"}});
        CHECK(s.get("/api/whoami", s.operator_).json() ==
              json{{"name", "王芳"}, {"role", "operator"}});
        CHECK(s.get("/api/whoami", s.admin).json() == json{{"name", "张主任"}, {"role", "admin"}});
        auto stop = s.post("/api/stop", s.viewer);
        CHECK(stop.status == 403);
        CHECK(stop.json()["error"] ==
              "stopping an airing needs the operator role; 小李 is a viewer");
        CHECK(s.post("/api/broadcast", s.viewer, R"({"playlist": "news"})").status == 403);
        CHECK(s.post("/api/reload", s.viewer).status == 403);
        CHECK(s.del("/api/clips/tone%2Fa2", s.operator_).status == 403);
        CHECK(s.get("/api/nothing", s.viewer).status == 404);
        auto wrong = s.get("/api/stop", s.operator_);
        CHECK(wrong.status == 405);
        CHECK(wrong.headers["allow"] == "POST");
    }

    SECTION("status") {
        auto st = s.status();
        CHECK(st["station"] == "测试站");
        CHECK(st["version"] == VILLAGECAST_VERSION);
        CHECK(st["time_zone"] == "Asia/Shanghai");
        CHECK(st["on_air"] == json::array());
        CHECK(st["output"]["name"] == "null");
        CHECK(st["output"]["underruns"] == 0);
        CHECK(st["output"]["problem"] == "");
        CHECK(st["failed_files"] == json::array());
        // The start's rows reach the log soon after it answers; on a busy machine, not at once.
        const json written = s.wait_status([](const json& x) { return x["log"]["pending"] == 0; },
                                           std::chrono::seconds(10));
        CHECK(written["log"] == json{{"pending", 0}, {"error", ""}});
        REQUIRE(st["next"].is_object());
        CHECK(st["next"]["broadcast"] == "morning");
        CHECK(st["next"]["playlist"] == "news");
        CHECK(st["next"]["priority"] == "routine");
        CHECK(st["next"]["scheduled"].get<std::string>().substr(10) == "T08:00:00.000+08:00");
        CHECK(st["now"].get<std::string>().size() == 29);
        CHECK(st["uptime_s"].get<std::int64_t>() >= 0);
    }

    SECTION("plan") {
        auto plan = s.get("/api/plan?from=2030-03-04&days=2", s.viewer);
        REQUIRE(plan.status == 200);
        auto p = plan.json();
        CHECK(p["from"] == "2030-03-04");
        CHECK(p["days"] == 2);
        REQUIRE(p["occurrences"].size() == 2);
        const auto& o = p["occurrences"][0];
        CHECK(o["broadcast"] == "morning");
        CHECK(o["scheduled"] == "2030-03-04T08:00:00.000+08:00");
        CHECK(o["start"] == "2030-03-04T08:00:00.000+08:00");
        CHECK(o["end"] == "2030-03-04T08:00:02.000+08:00");
        CHECK(o["outcome"] == "aired");
        CHECK(o["conflict"] == false);
        CHECK(o["console"] == false);
        CHECK(p["occurrences"][1]["scheduled"] == "2030-03-05T08:00:00.000+08:00");
        CHECK(s.get("/api/plan", s.viewer).json()["days"] == 2);
        auto bad = s.get("/api/plan?days=0", s.viewer);
        CHECK(bad.status == 400);
        CHECK(bad.json()["error"].get<std::string>().rfind("`days`", 0) == 0);
        CHECK(s.get("/api/plan?days=abc", s.viewer).status == 400);
        CHECK(s.get("/api/plan?from=2030-02-30", s.viewer)
                  .json()["error"]
                  .get<std::string>()
                  .rfind("`from`", 0) == 0);
    }

    SECTION("airings") {
        // daemon-start is written on the log's own thread: the head counts it once written.
        s.wait_status([](const json& x) { return x["log"]["pending"] == 0; },
                      std::chrono::seconds(5));
        auto a = s.get("/api/airings", s.viewer);
        REQUIRE(a.status == 200);
        auto j = a.json();
        CHECK(j["airings"] == json::array());
        CHECK(j["head"]["rows"].get<int>() >= 1);
        CHECK(j["head"]["hash"].get<std::string>().size() == 64);
        CHECK(a.headers["x-villagecast-head"] == std::to_string(j["head"]["rows"].get<int>()) +
                                                     " " + j["head"]["hash"].get<std::string>());
        auto csv = s.get("/api/airings.csv?from=2020-01-01&to=2040-01-01", s.viewer);
        CHECK(csv.status == 200);
        CHECK(csv.body.rfind("\xEF\xBB\xBF", 0) == 0);
        CHECK(csv.headers["content-type"] == "text/csv; charset=utf-8");
        CHECK(csv.headers["content-disposition"] == "attachment; filename=\"airings.csv\"");
        auto bad = s.get("/api/airings?status=great", s.viewer);
        CHECK(bad.status == 400);
        CHECK(bad.json()["error"].get<std::string>().rfind("`status`", 0) == 0);
        CHECK(s.get("/api/airings?to=yesterday", s.viewer).status == 400);
    }

    SECTION("library, playlists and clip audio") {
        auto lib = s.get("/api/library", s.viewer).json();
        REQUIRE(lib["clips"].size() == 3);
        const auto& a2 = lib["clips"][0];
        CHECK(a2["id"] == "tone/a2");
        CHECK(a2["file"] == "tone/a2.wav");
        CHECK(a2["duration_ms"] == 2000);
        CHECK(a2["can_air"] == true);
        CHECK(a2["problem"] == "");
        CHECK(a2["sample_rate"] == 48000);
        CHECK(a2["channels"] == 2);
        CHECK(a2["loudness"].is_number());
        CHECK(lib["clips"][2]["id"] == "tone/long");
        CHECK(lib["clips"][2]["duration_ms"] == 30000);

        auto pls = s.get("/api/playlists", s.viewer).json();
        REQUIRE(pls["playlists"].size() == 2);
        CHECK(pls["playlists"][0] == json{{"name", "long"},
                                          {"title", "long"},
                                          {"duration_ms", 30000},
                                          {"problems", json::array()}});
        CHECK(pls["playlists"][1]["name"] == "news");
        CHECK(pls["playlists"][1]["duration_ms"] == 2000);

        auto wav = vc::test::read_bytes(s.root() / "clips" / "tone" / "a2.wav");
        for (const std::string target :
             {"/api/clips/tone%2Fa2/audio", "/api/clips/tone/a2/audio"}) {
            auto audio = s.get(target, s.viewer);
            CHECK(audio.status == 200);
            CHECK(audio.headers["content-type"] == "audio/wav");
            CHECK(audio.body == wav);
        }
        CHECK(s.get("/api/clips/tone/a2/audio", "").status == 401);
        CHECK(s.get("/api/clips/nothing/audio", s.viewer).status == 404);
        CHECK(s.get("/api/clips/..%2Fstation/audio", s.viewer).status == 404);
        CHECK(s.get("/api/clips/%2E%2E%2F..%2Fstation.toml/audio", s.viewer).status == 404);
    }
    CHECK(s.stop() == 0);
}
