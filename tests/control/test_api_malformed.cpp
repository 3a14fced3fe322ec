// Requests no client should send, as raw bytes on a socket: each is answered with an error or
// the connection is closed; afterwards the daemon still answers, the as-run log verifies, and
// the refused logins are one `system` event per address and minute.

#include <catch2/catch.hpp>

#include "tests/control/control_fixture.hpp"
#include "tests/support/run_command.hpp"

using nlohmann::json;
using vc::test::ControlStation;

TEST_CASE("a malformed-request corpus leaves the daemon answering and the log intact") {
    ControlStation s;
    s.start();
    const std::string op = "Authorization: Bearer " + s.operator_ + "\r\n";
    // A whole POST /api/broadcast by the operator with this body.
    auto post = [&](const std::string& body) {
        return "POST /api/broadcast HTTP/1.1\r\n" + op +
               "Connection: close\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n" +
               body;
    };
    struct Case {
        std::string name;
        std::string bytes;
        std::string expect;  // the status line's start, or "" when the server may just close
        int refused_logins = 0;
    };
    std::vector<Case> corpus{
        {"garbage", "GARBAGE\r\n\r\n", "HTTP/1.1 400"},
        {"binary", std::string("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03", 11), "HTTP/1.1 400"},
        {"bad version", "GET / HTTP/9.9\r\nHost: x\r\n\r\n", "HTTP/1.1 400"},
        {"no target", "GET  HTTP/1.1\r\n\r\n", "HTTP/1.1 400"},
        {"NUL in the line", std::string("GET /\0 HTTP/1.1\r\n\r\n", 19), "HTTP/1.1 400"},
        {"bare LF", "GET / HTTP/1.1\nHost: x\n\n", "HTTP/1.1 400"},
        {"huge header",
         "GET /api/status HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(9000, 'a') + "\r\n\r\n",
         "HTTP/1.1 431"},
        {"many headers",
         [] {
             std::string r = "GET / HTTP/1.1\r\n";
             for (int i = 0; i < 2000; ++i) r += "X-" + std::to_string(i) + ": y\r\n";
             return r + "\r\n";
         }(),
         "HTTP/1.1 431"},
        {"bad header line", "GET / HTTP/1.1\r\nNo colon here\r\n\r\n", "HTTP/1.1 400"},
        {"two lengths",
         "POST /api/stop HTTP/1.1\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}",
         "HTTP/1.1 400"},
        {"negative length", "POST /api/stop HTTP/1.1\r\nContent-Length: -1\r\n\r\n",
         "HTTP/1.1 400"},
        {"chunked garbage",
         "POST /api/broadcast HTTP/1.1\r\n" + op +
             "Transfer-Encoding: chunked\r\n\r\nZZZ\r\nxx\r\n0\r\n\r\n",
         "HTTP/1.1 400"},
        {"chunk size overflow",
         "POST /api/broadcast HTTP/1.1\r\n" + op +
             "Transfer-Encoding: chunked\r\n\r\nFFFFFFFFFFFFFFFFF\r\n",
         "HTTP/1.1 4"},
        {"short body", "POST /api/broadcast HTTP/1.1\r\n" + op + "Content-Length: 100\r\n\r\n{",
         ""},
        {"bad JSON", post("{\"playlist\": "), "HTTP/1.1 400"},
        {"JSON of the wrong types", post(R"({"playlist":["a"],"priority":{}})"), "HTTP/1.1 400"},
        {"deep JSON", post(std::string(10000, '[') + std::string(10000, ']')), "HTTP/1.1 400"},
        {"invalid UTF-8 in JSON", post("{\"playlist\":\"\xff\xfe\"}"), "HTTP/1.1 400"},
        {"bad escape in the query",
         "GET /api/plan?days=%ZZ HTTP/1.1\r\n" + op + "Connection: close\r\n\r\n", "HTTP/1.1 400"},
        {"bad escape in a clip id",
         "GET /api/clips/%ZZ/audio HTTP/1.1\r\n" + op + "Connection: close\r\n\r\n",
         "HTTP/1.1 404"},
        {"unknown method", "BREW /api/status HTTP/1.1\r\n" + op + "Connection: close\r\n\r\n",
         "HTTP/1.1 405"},
        {"no token", "GET /api/status HTTP/1.1\r\nConnection: close\r\n\r\n", "HTTP/1.1 401", 1},
        {"a long wrong token",
         "GET /api/status HTTP/1.1\r\nAuthorization: Bearer " + std::string(6000, 'a') +
             "\r\nConnection: close\r\n\r\n",
         "HTTP/1.1 401", 1},
        {"another scheme",
         "GET /api/whoami HTTP/1.1\r\nAuthorization: Basic " + s.operator_ +
             "\r\nConnection: close\r\n\r\n",
         "HTTP/1.1 401", 1},
        {"nothing at all", "", ""},
    };
    int refused = 0;
    for (const auto& c : corpus) {
        auto answer = vc::test::raw_exchange(s.port(), c.bytes);
        INFO(c.name << " -> " << answer.substr(0, 200));
        if (!c.expect.empty()) CHECK(answer.rfind(c.expect, 0) == 0);
        refused += c.refused_logins;
        // After each one, a good request on a new connection is answered.
        CHECK(s.get("/api/whoami", s.viewer).status == 200);
    }
    // Several requests on one connection, one of them refused, are answered in order.
    auto pipelined = vc::test::raw_exchange(
        s.port(), "GET /api/whoami HTTP/1.1\r\nAuthorization: Bearer " + s.viewer +
                      "\r\n\r\nGET /api/nothing HTTP/1.1\r\nAuthorization: Bearer " + s.viewer +
                      "\r\n\r\nGET /api/whoami HTTP/1.1\r\nAuthorization: Bearer " + s.viewer +
                      "\r\nConnection: close\r\n\r\n");
    CHECK(pipelined.rfind("HTTP/1.1 200", 0) == 0);
    auto second = pipelined.find("HTTP/1.1 404");
    CHECK(second != std::string::npos);
    CHECK(pipelined.find("HTTP/1.1 200", second) != std::string::npos);

    for (int i = 0; i < 20; ++i) {
        CHECK(s.get("/api/status", "wrong-token").status == 401);
        ++refused;
    }
    auto st = s.status();
    CHECK(st["output"]["underruns"] == 0);
    CHECK(st["log"]["pending"] == 0);
    CHECK(s.stop() == 0);

    CHECK(vc::test::villagecast({"audit", "verify", "-s", s.root().string()}).exit_code == 0);
    auto exported = vc::test::audit_export(s.root(), {}, true);
    // The health monitor's events (the clock's synchronisation) are system events too.
    std::vector<nlohmann::json> system;
    for (const auto& e : vc::test::events_of(exported, "system"))
        if (e["payload"]["action"] == "login-refused") system.push_back(e);
    int counted = 0;
    for (const auto& e : system) {
        CHECK(e["payload"]["ok"] == false);
        auto detail = e["payload"]["detail"].get<std::string>();
        CHECK(detail.rfind("127.0.0.1: ", 0) == 0);
        counted += std::stoi(detail.substr(11));
    }
    // One event per minute at most (the test may straddle a minute).
    CHECK(system.size() >= 1);
    CHECK(system.size() <= 2);
    CHECK(counted == refused);
    // The refused changes by a known operator are logged with what was wrong.
    auto ops = vc::test::operator_events(s.root());
    REQUIRE(ops.size() == 4);
    for (const auto& e : ops) CHECK(e["action"] == "refused");
    CHECK(ops[0]["detail"] == "POST /api/broadcast: the body is not valid JSON");
    CHECK(ops[1]["detail"] == "POST /api/broadcast: `playlist` must be a string");
    CHECK(ops[2]["detail"] == "POST /api/broadcast: the body must be a JSON object, not array");
    CHECK(ops[3]["detail"] == "POST /api/broadcast: the body is not valid JSON");
}
