// POST /api/say: a notice typed in the console is spoken into the library, can be listened to,
// airs by its clip, and the as-run log names who spoke what.

#include <catch2/catch.hpp>

#include "tests/control/control_fixture.hpp"

using nlohmann::json;
using vc::test::ControlStation;

TEST_CASE("a typed notice is spoken into the library, listened to, aired and logged") {
    ControlStation s;
    s.start();
    const std::string notice = "各位村民请注意：今天下午3点在村委会领取补贴。";
    auto r = s.post("/api/say", s.operator_, json{{"text", notice}, {"rate", 140}}.dump());
    INFO(r.body);
    REQUIRE(r.status == 201);
    const json clip = r.json();
    const std::string id = clip["id"];
    CHECK(id.rfind("spoken/", 0) == 0);
    CHECK(id.size() == 7 + 64);
    CHECK(clip["text"] == notice);
    CHECK(clip["can_air"] == true);
    CHECK(clip["duration_ms"].get<std::int64_t>() > 3000);
    CHECK(clip["loudness"].get<double>() == Approx(-16.0).margin(1.0));

    // The preview: the clip's bytes, as the library keeps them.
    auto audio = s.get("/api/clips/" + id + "/audio", s.viewer);
    CHECK(audio.status == 200);
    CHECK(audio.body == vc::test::read_bytes(s.root() / "clips" / (id + ".wav")));
    // The same text again is the same clip, not spoken anew.
    auto again = s.post("/api/say", s.operator_, json{{"text", notice}, {"rate", 140}}.dump());
    CHECK(again.json()["id"] == id);
    // The daemon holds it: it airs.
    CHECK(s.post("/api/broadcast", s.operator_, json{{"clip", id}}.dump()).status == 202);

    // Refusals, each in words a clerk can act on; nothing is spoken.
    auto error_of = [](const vc::test::HttpResult& x) { return x.json().value("error", ""); };
    auto empty = s.post("/api/say", s.operator_, R"({"text": "  "})");
    CHECK(empty.status == 400);
    CHECK(error_of(empty) == "`text` is missing or empty: write the notice to say");
    auto fast = s.post("/api/say", s.operator_, R"({"text": "开会", "rate": 900})");
    CHECK(fast.status == 400);
    CHECK(error_of(fast).find("the text cannot be spoken: the rate 900 is outside 80-450") !=
          std::string::npos);
    auto voice = s.post("/api/say", s.operator_, R"({"text": "开会", "voice": "cmn"})");
    CHECK(voice.status == 400);
    CHECK(error_of(voice).find("reads the tone numbers aloud in English") != std::string::npos);
    CHECK(s.post("/api/say", s.operator_, R"({"text": "开会", "rate": "fast"})").status == 400);
    CHECK(s.post("/api/say", s.viewer, R"({"text": "开会"})").status == 403);
    CHECK(s.post("/api/say", "", R"({"text": "开会"})").status == 401);
    std::size_t spoken = 0;
    for (const auto& e : std::filesystem::directory_iterator(s.root() / "clips" / "spoken"))
        if (e.path().extension() == ".wav") ++spoken;
    CHECK(spoken == 1);
    CHECK(s.stop() == 0);

    std::vector<json> said;
    for (const auto& ev : vc::test::operator_events(s.root()))
        if (ev["action"] == "speak") said.push_back(ev);
    REQUIRE(said.size() == 2);
    CHECK(said[0]["operator"] == "王芳");
    CHECK(said[0]["detail"] == id + " \"" + notice + "\"");
}
