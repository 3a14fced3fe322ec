// The commands that talk to a running daemon (status, broadcast, stop, reload, play) and the
// operators command, as a township office's technician runs them; and HTTPS.

#include <catch2/catch.hpp>

#include <fstream>

#include "tests/control/control_fixture.hpp"
#include "tests/support/run_command.hpp"

using nlohmann::json;
using vc::test::ControlStation;
using vc::test::villagecast;

namespace {

std::map<std::string, std::string> token_env(const std::string& token) {
    return {{"VILLAGECAST_TOKEN", token}};
}

}  // namespace

TEST_CASE("status, broadcast, stop, reload and play go through the running daemon") {
    ControlStation s;
    const auto dir = s.root().string();
    auto list = villagecast({"operator", "list", "-s", dir, "--format", "csv"});
    CHECK(list.exit_code == 0);
    CHECK(list.out.find("小李,viewer,") != std::string::npos);
    CHECK(list.out.find("王芳,operator,") != std::string::npos);
    CHECK(list.out.find("张主任,admin,") != std::string::npos);
    CHECK(villagecast({"operator", "add", "王芳", "--role", "viewer", "-s", dir}).exit_code == 1);
    CHECK(villagecast({"operator", "add", "x", "--role", "boss", "-s", dir}).exit_code == 2);

    auto none = villagecast({"status", "-s", dir, "--token", s.viewer});
    CHECK(none.exit_code == 1);
    CHECK(none.err.find("no daemon answers at http://127.0.0.1:" + std::to_string(s.port())) !=
          std::string::npos);

    s.start();
    auto no_token = villagecast({"status", "-s", dir});
    CHECK(no_token.exit_code == 1);
    CHECK(no_token.err.find("VILLAGECAST_TOKEN") != std::string::npos);
    auto st = villagecast({"status", "-s", dir}, token_env(s.viewer));
    INFO(st.out << st.err);
    // Exit 1 only for an alarm: here that can only be the machine's own clock, unsynchronised.
    const bool alarm = st.out.find("alarm:   ") != std::string::npos;
    CHECK(st.exit_code == (alarm ? 1 : 0));
    CHECK(st.out.find("clock:    ") != std::string::npos);
    CHECK(st.out.find("disk:     ") != std::string::npos);
    CHECK(st.out.find("as-run log: every event written") != std::string::npos);
    CHECK(st.out.find("on air:   nothing") != std::string::npos);
    CHECK(st.out.find("output:   null") != std::string::npos);

    auto b = villagecast({"broadcast", "long", "--priority", "routine", "-s", dir},
                         token_env(s.operator_));
    INFO(b.err);
    CHECK(b.exit_code == 0);
    CHECK(b.out.rfind("airing now as manual-", 0) == 0);
    s.wait_status([](const json& j) { return !j["on_air"].empty(); }, std::chrono::seconds(5));
    auto st2 = villagecast({"status", "-s", dir, "--format", "json"}, token_env(s.viewer));
    CHECK(json::parse(st2.out)["on_air"][0]["playlist"] == "long");
    auto emergency = villagecast({"broadcast", "--clip", "tone/a2", "--priority", "emergency", "-s",
                                  dir, "--token", s.operator_});
    CHECK(emergency.exit_code == 1);
    CHECK(emergency.err.find("refused (403)") != std::string::npos);
    auto stop = villagecast({"stop", "-s", dir}, token_env(s.operator_));
    CHECK(stop.exit_code == 0);
    CHECK(stop.out == "stopped what was airing\n");
    auto reload = villagecast({"reload", "-s", dir}, token_env(s.operator_));
    CHECK(reload.exit_code == 0);
    CHECK(reload.out.find("station.toml: taken\n") != std::string::npos);

    auto later = villagecast({"broadcast", "news", "--at", "2099-12-01 08:00", "-s", dir},
                             token_env(s.operator_));
    INFO(later.err);
    CHECK(later.exit_code == 0);
    CHECK(later.out == "added one-shot console-20991201-0800 at 2099-12-01T08:00:00.000+08:00\n");
    auto removed = villagecast({"broadcast", "--remove", "console-20991201-0800", "-s", dir},
                               token_env(s.operator_));
    CHECK(removed.exit_code == 0);

    // `play` while the daemon runs airs through it as a logged manual airing.
    auto play = villagecast({"play", "news", "-s", dir}, token_env(s.operator_));
    INFO(play.err);
    CHECK(play.exit_code == 0);
    CHECK(play.out.rfind("the station's daemon airs news as manual-", 0) == 0);
    auto manual = play.out.substr(play.out.find("manual-"));
    manual = manual.substr(0, manual.find(' '));
    CHECK(villagecast({"play", "news", "-s", dir}).exit_code == 1);  // no token

    // Removing an operator takes effect at once.
    CHECK(villagecast({"operator", "remove", "小李", "-s", dir}).exit_code == 0);
    CHECK(s.get("/api/whoami", s.viewer).status == 401);
    CHECK(s.get("/api/whoami", s.admin).status == 200);

    auto aired = vc::test::wait_for_log(
        s.root(),
        [&](const json& log) {
            auto rows = vc::test::rows_of(log, manual);
            return !rows.empty() && rows[0]["status"] == "aired";
        },
        std::chrono::seconds(15));
    auto rows = vc::test::rows_of(aired, manual);
    REQUIRE(rows.size() == 1);
    CHECK(rows[0]["trigger"] == "operator 王芳");
    CHECK(rows[0]["playlist"] == "news");
    CHECK(s.stop() == 0);
}

TEST_CASE("HTTPS with the station's certificate, and plain HTTP beyond loopback refused at start") {
    vc::test::TempDir tls;
    auto gen = vc::test::run_command({"/usr/bin/openssl", "req", "-x509", "-newkey", "rsa:2048",
                                      "-nodes", "-keyout", (tls / "key.pem").string(), "-out",
                                      (tls / "cert.pem").string(), "-days", "2", "-subj",
                                      "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"});
    INFO(gen.err);
    REQUIRE(gen.exit_code == 0);
    ControlStation s("", "tls_cert = \"" + (tls / "cert.pem").string() + "\"\ntls_key = \"" +
                             (tls / "key.pem").string() + "\"\n");
    s.start();
    CHECK(s.daemon().err().find("console and control API at https://127.0.0.1:") !=
          std::string::npos);
    auto st = villagecast({"status", "-s", s.root().string()}, token_env(s.viewer));
    INFO(st.out << st.err);
    CHECK(st.exit_code == (st.out.find("alarm:   ") != std::string::npos ? 1 : 0));
    CHECK(st.out.find("at https://127.0.0.1:") != std::string::npos);
    auto curl =
        vc::test::run_command({"/usr/bin/curl", "-sS", "--cacert", (tls / "cert.pem").string(),
                               "-H", "Authorization: Bearer " + s.admin,
                               "https://127.0.0.1:" + std::to_string(s.port()) + "/api/whoami"});
    CHECK(curl.out == R"({"name":"张主任","role":"admin"})");
    // Plain HTTP to the TLS port gets no answer.
    auto plain = vc::test::raw_exchange(s.port(), "GET / HTTP/1.1\r\nHost: x\r\n\r\n");
    CHECK(plain.find("HTTP/1.1 200") == std::string::npos);
    CHECK(s.stop() == 0);

    // Listening on every address without a certificate: the daemon does not start.
    auto open = s.root().parent_path() / "open";
    vc::test::StationSettings settings;
    settings.extra =
        "[control]\nlisten = \"0.0.0.0:" + std::to_string(vc::test::free_port()) + "\"\n";
    vc::test::write_station(open, settings);
    auto run = villagecast({"run", "-s", open.string(), "--output", "null"});
    CHECK(run.exit_code == 1);
    CHECK(run.err.find("station.toml:6:10: error: `listen` in [control]") != std::string::npos);
    CHECK(run.err.find("must use HTTPS") != std::string::npos);
    auto check = villagecast({"check", "-s", open.string()});
    CHECK(check.exit_code == 1);
}
