// GET /api/villages against the real daemon and Debian's snapserver with two snapclients: the
// receivers with their village, 502 naming snapserver's address while it is away, and nothing
// to ask on a station without Snapcast.

#include <catch2/catch.hpp>

#include <thread>

#include "tests/control/control_fixture.hpp"
#include "tests/support/run_command.hpp"
#include "tests/support/snapcast_server.hpp"

using nlohmann::json;
using vc::test::ControlStation;

TEST_CASE(
    "the console's villages: each receiver snapserver knows, its village and connection, and "
    "snapserver away is a health alarm and a row of the log until it answers") {
    const std::uint16_t control = vc::test::free_port();
    const std::uint16_t receivers = vc::test::free_port();
    ControlStation s("", "[snapcast]\ncontrol_port = " + std::to_string(control) +
                             "\nstream_port = " + std::to_string(vc::test::free_port()) +
                             "\n[[zone]]\nname = \"王家村\"\noutput = \"snapcast:wangjia\"\n");
    s.start();
    auto alarm_of = [](const json& status) {
        for (const auto& a : status["health"]["alarms"])
            if (a.get<std::string>().find("snapserver") != std::string::npos)
                return a.get<std::string>();
        return std::string();
    };
    const auto alarmed = s.wait_status([&](const json& st) { return !alarm_of(st).empty(); },
                                       std::chrono::seconds(10));
    CHECK(alarm_of(alarmed).find("cannot reach snapserver's control port 127.0.0.1:" +
                                 std::to_string(control)) == 0);
    CHECK(alarm_of(alarmed).find("which village receivers hear an airing is unknown") !=
          std::string::npos);
    auto away = s.get("/api/villages", s.viewer);
    CHECK(away.status == 502);
    CHECK(away.json()
              .value("error", "")
              .find("cannot reach snapserver's control port "
                    "127.0.0.1:" +
                    std::to_string(control)) == 0);

    const auto config = vc::test::villagecast({"snapcast", "config", s.root().string()});
    REQUIRE(config.exit_code == 0);
    vc::test::TempDir dir;
    vc::test::SnapServer server(dir / "snapserver", config.out, control, receivers);
    vc::test::SnapClient pi(dir / "receivers", "wangjia-1", receivers);
    json got;
    for (int i = 0; i < 100; ++i) {
        auto r = s.get("/api/villages", s.viewer);
        REQUIRE(r.status == 200);
        got = r.json();
        if (!got["receivers"].empty()) break;
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    INFO(got.dump());
    CHECK(got["snapcast"] == true);
    REQUIRE(got["receivers"].size() == 1);
    const auto& r = got["receivers"][0];
    CHECK(r["receiver"] == "wangjia-1");
    CHECK(r["village"] == "王家村");
    CHECK(r["stream"] == "wangjia");
    CHECK(r["connected"] == true);
    CHECK(r["last_seen"].get<std::int64_t>() > 1'700'000'000);
    CHECK(s.get("/api/villages", "").status == 401);

    // snapserver answers: the alarm is gone, and the log says when it went and came.
    const auto cleared = s.wait_status([&](const json& st) { return alarm_of(st).empty(); },
                                       std::chrono::seconds(10));
    CHECK(alarm_of(cleared).empty());
    REQUIRE(s.stop() == 0);
    std::vector<std::string> said;
    for (const auto& e :
         vc::test::events_of(vc::test::audit_export(s.root(), {}, true), "system")) {
        const auto action = e["payload"]["action"].get<std::string>();
        if (action.starts_with("snapserver-")) said.push_back(action);
        if (action == "snapserver-lost") CHECK(e["payload"]["ok"] == false);
    }
    CHECK(said == std::vector<std::string>{"snapserver-lost", "snapserver-back"});
}

TEST_CASE("the console's villages on a station without Snapcast: nothing to ask") {
    ControlStation s;
    s.start();
    auto r = s.get("/api/villages", s.viewer);
    REQUIRE(r.status == 200);
    CHECK(r.json() == json{{"snapcast", false}, {"receivers", json::array()}});
}
