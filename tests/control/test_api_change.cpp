// Changes through the API against the real daemon: airing now, stopping, one-shots, reloads,
// uploads and deletions, every refusal, and the as-run events each writes.

#include <catch2/catch.hpp>

#include <cmath>
#include <fstream>
#include <thread>

#include "tests/control/control_fixture.hpp"
#include "tests/support/run_command.hpp"

using nlohmann::json;
using vc::test::ControlStation;

namespace {

std::string error_of(const vc::test::HttpResult& r) {
    return r.json().value("error", "");
}

bool on_air(const json& st, const std::string& broadcast) {
    for (const auto& a : st["on_air"])
        if (a["broadcast"] == broadcast) return true;
    return false;
}

/// "YYYY-MM-DDTHH:MM:SS" local to Shanghai, `seconds` from now.
std::string local_in(int seconds, std::chrono::sys_seconds* at = nullptr) {
    auto t = vc::test::seconds_from_now(seconds);
    if (at) *at = t;
    auto text = vc::test::shanghai_text(t);
    text[10] = 'T';
    return text;
}

std::vector<std::string> actions_of(const std::vector<json>& events) {
    std::vector<std::string> out;
    for (const auto& e : events)
        out.push_back(e.value("operator", "") + " " + e.value("action", ""));
    return out;
}

}  // namespace

TEST_CASE("airing now and stopping: the conflict rules, the roles and the log") {
    ControlStation s;
    s.start();

    // Every bad body is refused with a message naming the field.
    auto bad = [&](const std::string& body, int status, const std::string& starts) {
        auto r = s.post("/api/broadcast", s.operator_, body);
        INFO(body << " -> " << r.status << " " << r.body);
        CHECK(r.status == status);
        CHECK(error_of(r).rfind(starts, 0) == 0);
    };
    bad("{\"playlist\": ", 400, "the body is not valid JSON");
    bad("[\"news\"]", 400, "the body must be a JSON object");
    bad("{}", 400, "name either `playlist` or `clip`");
    bad(R"({"playlist": "news", "clip": "tone/a2"})", 400, "name either `playlist` or `clip`");
    bad(R"({"playlist": 5})", 400, "`playlist` must be a string");
    bad(R"({"playlist": "news", "priority": 3})", 400, "`priority` must be a string");
    bad(R"({"playlist": "news", "priority": "loud"})", 400, "`priority` must be emergency");
    bad(R"({"playlist": "news", "volume": 11})", 400, "unknown field `volume`");
    bad(R"({"playlist": "news", "late": "5m"})", 400, "`late` applies only with `at`");
    bad(R"({"playlist": "nope"})", 400, "nope cannot air");
    bad(R"({"clip": "tone/a2", "priority": "emergency"})", 403,
        "airing at emergency priority needs the admin role");

    auto r =
        s.post("/api/broadcast", s.operator_, R"({"playlist": "long", "priority": "routine"})");
    REQUIRE(r.status == 202);
    const auto broadcast = r.json()["broadcast"].get<std::string>();
    CHECK(broadcast.rfind("manual-", 0) == 0);
    auto st =
        s.wait_status([&](const json& j) { return on_air(j, broadcast); }, std::chrono::seconds(5));
    REQUIRE(st["on_air"].size() == 1);
    const auto& a = st["on_air"][0];
    CHECK(a["playlist"] == "long");
    CHECK(a["priority"] == "routine");
    CHECK(a["trigger"] == "operator 王芳");
    CHECK(a["length_ms"] == 30000);
    CHECK(st["output"]["open"] == true);

    // An admin's emergency clip cuts in; the routine airing is interrupted by it.
    auto e = s.post("/api/broadcast", s.admin, R"({"clip": "tone/a2", "priority": "emergency"})");
    REQUIRE(e.status == 202);
    const auto emergency = e.json()["broadcast"].get<std::string>();
    st = s.wait_status([&](const json& j) { return on_air(j, emergency) && !on_air(j, broadcast); },
                       std::chrono::seconds(5));
    CHECK(on_air(st, emergency));
    CHECK_FALSE(on_air(st, broadcast));

    auto stop = s.post("/api/stop", s.operator_);
    REQUIRE(stop.status == 200);
    CHECK(stop.json() == json{{"stopped", true}});
    st = s.wait_status([](const json& j) { return j["on_air"].empty(); }, std::chrono::seconds(5));
    CHECK(st["on_air"] == json::array());
    CHECK(s.post("/api/stop", s.operator_).json() == json{{"stopped", false}});
    CHECK(st["output"]["underruns"] == 0);
    CHECK(st["output"]["host_underflows"] == 0);
    CHECK(st["output"]["aircheck_dropped_frames"] == 0);
    CHECK(st["output"]["read_ahead_waits"].get<std::int64_t>() >= 0);
    // The feeder asked for real-time scheduling when the output opened, and says what it got.
    const auto scheduling = st["output"]["scheduling"].get<std::string>();
    INFO(scheduling);
    CHECK((scheduling.rfind("SCHED_FIFO priority 10", 0) == 0 ||
           scheduling.rfind("normal priority: SCHED_FIFO priority 10 was refused", 0) == 0));

    auto reload = s.post("/api/reload", s.operator_);
    REQUIRE(reload.status == 200);
    auto files = reload.json()["files"];
    REQUIRE_FALSE(files.empty());
    CHECK(files[0] == json{{"file", "station.toml"}, {"taken", true}, {"note", ""}});

    CHECK(s.stop() == 0);
    auto log = vc::test::audit_export(s.root());
    auto rows = vc::test::rows_of(log, emergency);
    REQUIRE(rows.size() == 1);
    CHECK(rows[0]["trigger"] == "operator 张主任");
    CHECK(rows[0]["priority"] == "emergency");
    CHECK(rows[0]["status"] == "interrupted");
    CHECK(rows[0]["reason"] == "stopped by operator 王芳");
    auto routine = vc::test::rows_of(log, broadcast);
    REQUIRE_FALSE(routine.empty());
    CHECK(routine[0]["status"] == "interrupted");
    CHECK(routine[0]["trigger"] == "operator 王芳");

    auto events = vc::test::operator_events(s.root());
    // The eleven refusals first (each names the request and why), then the changes in order.
    auto actions = actions_of(events);
    REQUIRE(actions.size() == 16);
    for (int i = 0; i < 11; ++i) CHECK(actions[static_cast<std::size_t>(i)] == "王芳 refused");
    CHECK(events[10]["detail"].get<std::string>().rfind("POST /api/broadcast: airing at emergency",
                                                        0) == 0);
    CHECK(std::vector<std::string>(actions.begin() + 11, actions.end()) ==
          std::vector<std::string>{"王芳 broadcast", "张主任 broadcast", "王芳 stop", "王芳 stop",
                                   "王芳 reload"});
    CHECK(events[11]["detail"] == "long now at routine");
    CHECK(events[12]["detail"] == "clip tone/a2 now at emergency");
    CHECK(events[14]["detail"] == "nothing was airing");
    CHECK(vc::test::villagecast({"audit", "verify", "-s", s.root().string()}).exit_code == 0);
}

TEST_CASE("one-shots: stored in schedule.d/console.toml, in the plan, aired, removed") {
    ControlStation s(vc::test::broadcast_toml({"by-file", "news", "", "08:00", "", "", ""}));
    s.start();
    std::chrono::sys_seconds soon{};
    auto r = s.post(
        "/api/broadcast", s.operator_,
        json{{"playlist", "news"}, {"priority", "urgent"}, {"at", local_in(7, &soon)}}.dump());
    REQUIRE(r.status == 201);
    const auto id = r.json()["broadcast"].get<std::string>();
    CHECK(id.rfind("console-", 0) == 0);
    CHECK(r.json()["scheduled_ms"] == vc::test::utc_ms(soon));
    const auto file = s.root() / "schedule.d" / "console.toml";
    CHECK(vc::test::read_bytes(file).find("id = \"" + id + "\"") != std::string::npos);

    auto later = s.post("/api/broadcast", s.operator_,
                        json{{"clip", "tone/a6"}, {"at", local_in(3600)}, {"late", "2m"}}.dump());
    REQUIRE(later.status == 201);
    const auto later_id = later.json()["broadcast"].get<std::string>();

    auto plan = s.get("/api/plan", s.viewer).json();
    bool found = false;
    for (const auto& o : plan["occurrences"])
        if (o["broadcast"] == later_id) {
            found = true;
            CHECK(o["console"] == true);
            CHECK(o["clip"] == "tone/a6");
            CHECK(o["priority"] == "notice");
        }
    CHECK(found);

    CHECK(s.del("/api/broadcast/" + later_id, s.viewer).status == 403);
    CHECK(s.del("/api/broadcast/" + later_id, s.operator_).status == 204);
    CHECK(vc::test::read_bytes(file).find(later_id) == std::string::npos);
    CHECK(s.del("/api/broadcast/" + later_id, s.operator_).status == 404);
    auto by_file = s.del("/api/broadcast/by-file", s.operator_);
    CHECK(by_file.status == 404);
    CHECK(error_of(by_file).find("schedule.d/console.toml") != std::string::npos);

    auto past = s.post("/api/broadcast", s.operator_,
                       json{{"playlist", "news"}, {"at", "2020-01-01T08:00"}}.dump());
    CHECK(past.status == 400);
    CHECK(error_of(past).rfind("`at`: the time has passed", 0) == 0);
    auto garbled = s.post("/api/broadcast", s.operator_,
                          json{{"playlist", "news"}, {"at", "next tuesday"}}.dump());
    CHECK(garbled.status == 400);
    CHECK(error_of(garbled).rfind("`at` must be a date and time", 0) == 0);
    CHECK(s.post("/api/broadcast", s.operator_,
                 json{{"playlist", "news"}, {"at", local_in(60)}, {"late", "soon"}}.dump())
              .status == 400);

    // It airs at its time, from the file, and then cannot be removed.
    auto aired = [&](const json& log) {
        auto rows = vc::test::rows_of(log, id);
        return !rows.empty() && rows[0]["status"] == "aired";
    };
    auto log = vc::test::wait_for_log(s.root(), aired, std::chrono::seconds(20));
    auto rows = vc::test::rows_of(log, id);
    REQUIRE(rows.size() == 1);
    CHECK(rows[0]["status"] == "aired");
    CHECK(rows[0]["priority"] == "urgent");
    CHECK(rows[0]["scheduled_ms"] == vc::test::utc_ms(soon));
    auto gone = s.del("/api/broadcast/" + id, s.operator_);
    CHECK(gone.status == 409);
    CHECK(error_of(gone).find("has already aired") != std::string::npos);

    // It survives a restart, and `villagecast plan` shows it like any broadcast.
    CHECK(s.stop() == 0);
    auto actions = actions_of(vc::test::operator_events(s.root()));
    CHECK(std::count(actions.begin(), actions.end(), "王芳 one-shot-add") == 2);
    CHECK(std::count(actions.begin(), actions.end(), "王芳 one-shot-remove") == 1);
    CHECK(std::count(actions.begin(), actions.end(), "小李 refused") == 1);
    CHECK(vc::test::read_bytes(file).find(id) != std::string::npos);
    auto check = vc::test::villagecast({"check", "-s", s.root().string()});
    CHECK(check.out.find("schedule.d/console.toml: ok, 1 broadcast") != std::string::npos);
}

TEST_CASE("uploads: analysed, stored under clips/uploads/, replaced by an admin, deleted") {
    ControlStation s;
    s.start();
    vc::test::TempDir tmp;
    vc::test::write_tone(tmp / "notice.wav", 48000, 1, 1.5, 440.0, 0.3);
    vc::test::write_silence(tmp / "quiet.wav", 48000, 1, 48000);
    vc::test::write_tone(tmp / "other.flac", 44100, 2, 0.5, 880.0, 0.3);
    const auto wav = vc::test::read_bytes(tmp / "notice.wav");
    auto upload = [&](const std::string& name_query, const std::string& token,
                      const std::string& bytes) {
        return vc::test::http_request(s.port(), "POST", "/api/clips?name=" + name_query, token,
                                      bytes, "audio/wav");
    };
    // 村委通知.wav, URL-encoded.
    const std::string name = "%E6%9D%91%E5%A7%94%E9%80%9A%E7%9F%A5.wav";
    auto r = upload(name, s.operator_, wav);
    INFO(r.body);
    REQUIRE(r.status == 201);
    auto clip = r.json();
    CHECK(clip["id"] == "uploads/村委通知");
    CHECK(clip["duration_ms"] == 1500);
    CHECK(clip["can_air"] == true);
    CHECK(clip["channels"] == 1);
    CHECK(vc::test::read_bytes(s.root() / "clips" / "uploads" / "村委通知.wav") == wav);
    // The daemon took it: it airs.
    CHECK(s.post("/api/broadcast", s.operator_, R"({"clip": "uploads/村委通知"})").status == 202);

    auto again = upload(name, s.operator_, wav);
    CHECK(again.status == 409);
    CHECK(error_of(again).find("needs the admin role") != std::string::npos);
    auto replaced = upload("%E6%9D%91%E5%A7%94%E9%80%9A%E7%9F%A5.flac", s.admin,
                           vc::test::read_bytes(tmp / "other.flac"));
    REQUIRE(replaced.status == 201);
    CHECK(replaced.json()["duration_ms"] == 500);
    CHECK_FALSE(std::filesystem::exists(s.root() / "clips" / "uploads" / "村委通知.wav"));

    for (const std::string evil : {"..%2Fevil.wav", "%2E%2E%2Fevil.wav", "a%2Fb.wav",
                                   "..%5Cevil.wav", "%2Fetc%2Fevil.wav", "evil.sh", ""}) {
        auto bad = upload(evil, s.operator_, wav);
        INFO(evil << " -> " << bad.body);
        CHECK(bad.status == 400);
        CHECK(error_of(bad).find("`name`") != std::string::npos);
    }
    CHECK_FALSE(std::filesystem::exists(s.root() / "clips" / "evil.wav"));
    CHECK_FALSE(std::filesystem::exists(s.root() / "evil.wav"));
    auto silent = upload("quiet.wav", s.operator_, vc::test::read_bytes(tmp / "quiet.wav"));
    CHECK(silent.status == 400);
    CHECK(error_of(silent) ==
          "`quiet.wav` the recording is silent (below -70 LUFS): check the microphone");
    auto junk = upload("junk.wav", s.operator_, "RIFF this is not audio");
    CHECK(junk.status == 400);
    CHECK(error_of(junk).rfind("`junk.wav` not a clip villagecast can air", 0) == 0);
    CHECK(upload("x.wav", s.viewer, wav).status == 403);
    CHECK(upload("x.wav", "", wav).status == 401);
    CHECK_FALSE(std::filesystem::exists(s.root() / "clips" / "uploads" / "quiet.wav"));
    CHECK_FALSE(std::filesystem::exists(s.root() / "clips" / "uploads" / "junk.wav"));

    auto lib = s.get("/api/library", s.viewer).json();
    std::vector<std::string> ids;
    for (const auto& c : lib["clips"]) ids.push_back(c["id"]);
    CHECK(ids == std::vector<std::string>{"tone/a2", "tone/a6", "tone/long", "uploads/村委通知"});

    CHECK(s.del("/api/clips/uploads%2F%E6%9D%91%E5%A7%94%E9%80%9A%E7%9F%A5", s.operator_).status ==
          403);
    CHECK(s.del("/api/clips/uploads%2F%E6%9D%91%E5%A7%94%E9%80%9A%E7%9F%A5", s.admin).status ==
          204);
    CHECK_FALSE(std::filesystem::exists(s.root() / "clips" / "uploads" / "村委通知.flac"));
    CHECK(s.del("/api/clips/uploads%2F%E6%9D%91%E5%A7%94%E9%80%9A%E7%9F%A5", s.admin).status ==
          404);
    CHECK(s.stop() == 0);

    auto events = vc::test::operator_events(s.root());
    std::vector<json> changes;
    for (const auto& ev : events)
        if (ev["action"] != "refused") changes.push_back(ev);
    REQUIRE(changes.size() == 4);
    CHECK(changes[0]["action"] == "upload");
    CHECK(changes[0]["operator"] == "王芳");
    CHECK(changes[0]["detail"].get<std::string>().rfind("uploads/村委通知 (村委通知.wav, sha256 ",
                                                        0) == 0);
    CHECK(changes[1]["action"] == "broadcast");
    CHECK(changes[2]["action"] == "replace");
    CHECK(changes[2]["operator"] == "张主任");
    CHECK(changes[3]["operator"] == "张主任");
    CHECK(changes[3]["action"] == "delete-clip");
    CHECK(changes[3]["detail"] == "uploads/村委通知 (村委通知.flac)");
    // Refused: the second upload, seven bad names, silence, junk, the viewer, the operator's delete
    // and the second delete.
    CHECK(events.size() - changes.size() == 13);
}

TEST_CASE("body limits: 413 for an upload over upload_limit and any other body over body_limit") {
    ControlStation s("", "upload_limit = \"100KB\"\nbody_limit = \"1KB\"\n");
    s.start();
    auto big_upload = vc::test::raw_exchange(
        s.port(), "POST /api/clips?name=big.wav HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " +
                      s.operator_ + "\r\nContent-Length: 100001\r\n\r\n");
    CHECK(big_upload.rfind("HTTP/1.1 413", 0) == 0);
    CHECK(big_upload.find("upload_limit (100000 bytes)") != std::string::npos);
    auto big_json = vc::test::raw_exchange(
        s.port(), "POST /api/broadcast HTTP/1.1\r\nHost: x\r\nContent-Length: 1001\r\n\r\n");
    CHECK(big_json.rfind("HTTP/1.1 413", 0) == 0);
    CHECK(big_json.find("body_limit (1000 bytes)") != std::string::npos);
    // Chunked bodies are held to the same limit as they arrive.
    std::string chunk(1500, 'x');
    auto chunked = vc::test::raw_exchange(
        s.port(), "POST /api/broadcast HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n" +
                      std::string("5DC\r\n") + chunk + "\r\n0\r\n\r\n");
    CHECK(chunked.rfind("HTTP/1.1 413", 0) == 0);
    // Just under the limit is read (and refused for the missing token).
    std::string small(999, ' ');
    auto ok = vc::test::raw_exchange(s.port(),
                                     "POST /api/broadcast HTTP/1.1\r\nHost: x\r\nContent-Length: "
                                     "999\r\nConnection: close\r\n\r\n" +
                                         small);
    CHECK(ok.rfind("HTTP/1.1 401", 0) == 0);
    CHECK(s.status()["output"]["underruns"] == 0);
    CHECK(s.stop() == 0);
}

TEST_CASE("an upload may choose to air from its first sound to its last, and the file stays") {
    ControlStation s;
    s.start();
    vc::test::TempDir tmp;
    // 1.5 s of quiet, 2 s of tone, 1 s of quiet: a voice memo's shape.
    const int rate = 48000;
    std::vector<float> samples(static_cast<std::size_t>(rate * 9 / 2), 0.0f);
    for (int i = 0; i < 2 * rate; ++i)
        samples[static_cast<std::size_t>(rate * 3 / 2 + i)] =
            0.3f * static_cast<float>(std::sin(2 * 3.14159265358979 * 440.0 * i / rate));
    vc::test::write_audio(tmp / "memo.wav", rate, 1, rate * 9 / 2, [&](std::int64_t f, int) {
        return samples[static_cast<std::size_t>(f)];
    });
    const auto wav = vc::test::read_bytes(tmp / "memo.wav");
    auto r = vc::test::http_request(s.port(), "POST", "/api/clips?name=memo.wav&trim=1",
                                    s.operator_, wav, "audio/wav");
    INFO(r.body);
    REQUIRE(r.status == 201);
    CHECK(r.json()["trim"] == true);
    CHECK(r.json()["duration_ms"] == 4500);
    CHECK(vc::test::read_bytes(s.root() / "clips" / "uploads" / "memo.wav") == wav);
    auto plain = vc::test::http_request(s.port(), "POST", "/api/clips?name=memo2.wav", s.operator_,
                                        wav, "audio/wav");
    REQUIRE(plain.status == 201);
    CHECK(plain.json()["trim"] == false);
    auto bad = vc::test::http_request(s.port(), "POST", "/api/clips?name=memo3.wav&trim=yes",
                                      s.operator_, wav, "audio/wav");
    CHECK(bad.status == 400);
    CHECK(bad.json().value("error", "").find("`trim`") != std::string::npos);
    CHECK(s.stop() == 0);

    // What airs: the sound and 0.1 s of quiet on each side (audio::trimmed), 2.2 s; the other
    // upload airs whole.
    const auto out = tmp / "trimmed.wav";
    auto render = vc::test::villagecast(
        {"render", "-s", s.root().string(), "--clip", "uploads/memo", "-o", out.string()});
    INFO(render.err);
    REQUIRE(render.exit_code == 0);
    int out_rate = 0, channels = 0;
    const auto rendered = vc::test::read_audio(out, out_rate, channels);
    const auto frames = static_cast<std::int64_t>(rendered.size()) / channels;
    CHECK(frames == Approx(2.2 * out_rate).margin(0.02 * out_rate));
    const auto whole = tmp / "whole.wav";
    REQUIRE(vc::test::villagecast({"render", "-s", s.root().string(), "--clip", "uploads/memo2",
                                   "-o", whole.string()})
                .exit_code == 0);
    CHECK(static_cast<std::int64_t>(vc::test::read_audio(whole, out_rate, channels).size()) /
              channels ==
          static_cast<std::int64_t>(4.5 * out_rate));
    // The choice is a hidden mark beside the file, which the library does not list.
    CHECK_FALSE(std::filesystem::exists(s.root() / "clips" / "uploads" / ".memo2.wav.trim"));
    CHECK(std::filesystem::exists(s.root() / "clips" / "uploads" / ".memo.wav.trim"));
}
