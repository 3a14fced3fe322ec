// A typed notice aired at once: `villagecast say --now` speaks it into the library and has the
// running daemon air it, as the office would use it for a notice that cannot wait.

#include <catch2/catch.hpp>

#include "tests/control/control_fixture.hpp"
#include "tests/support/run_command.hpp"

using nlohmann::json;
using vc::test::ControlStation;
using vc::test::villagecast;

TEST_CASE("say --now speaks a notice into the library and the running daemon airs it") {
    ControlStation s;
    s.start();
    const auto dir = s.root().string();
    const std::map<std::string, std::string> env{{"VILLAGECAST_TOKEN", s.operator_}};

    auto said = villagecast(
        {"say", "明天8:00到12:00停水，请提前储水。", "--now", "--priority", "urgent", "-s", dir},
        env);
    INFO(said.out << said.err);
    REQUIRE(said.exit_code == 0);
    CHECK(said.out.find("said into the library: spoken/") != std::string::npos);
    const auto at = said.out.find("airing now as ");
    REQUIRE(at != std::string::npos);
    const auto id = said.out.substr(at + 14, said.out.find_first_of(" \n", at + 14) - at - 14);
    CHECK(id.rfind("manual-", 0) == 0);

    const json log = vc::test::wait_for_final_row(s.root(), id, std::chrono::seconds(30));
    const auto rows = vc::test::rows_of(log, id);
    INFO(log["airings"].dump(1));
    REQUIRE(rows.size() == 1);
    CHECK(rows.front()["status"] == "aired");
    CHECK(rows.front()["clip"].get<std::string>().rfind("spoken/", 0) == 0);

    // The same text again: the clip is taken from the library, not spoken again.
    auto again = villagecast({"say", "明天8:00到12:00停水，请提前储水。", "--now", "-s", dir}, env);
    CHECK(again.exit_code == 0);
    CHECK(again.out.find("already in the library: spoken/") != std::string::npos);
    // Without a token the daemon is not asked; the clerk is told what is missing.
    auto no_token = villagecast({"say", "请到村委会开会", "--now", "-s", dir});
    CHECK(no_token.exit_code == 1);
    CHECK(no_token.err.find("VILLAGECAST_TOKEN") != std::string::npos);
    CHECK(villagecast({"say", "开会", "--now", "-o", "x.wav", "-s", dir}).exit_code == 2);
    CHECK(s.stop() == 0);
}
