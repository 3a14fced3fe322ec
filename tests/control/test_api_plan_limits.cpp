// GET /api/plan on a dense schedule: the span it covers, the rows it answers (those of
// `villagecast plan --format json`), one plan computed at a time while other requests go on, the
// budget over which it answers 503, and the daemon's memory after a large plan.

#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <future>
#include <string>
#include <thread>
#include <vector>

#include "tests/control/control_fixture.hpp"
#include "tests/support/child_process.hpp"
#include "tests/support/run_command.hpp"

using nlohmann::ordered_json;
using vc::test::ControlStation;
using vc::test::HttpResult;
using Steady = std::chrono::steady_clock;
using namespace std::chrono_literals;

namespace {

/// `per_day` daily broadcasts from 06:00 to 22:00, two at each time, spread evenly: in turn the
/// 2 s playlist news at routine, the 30 s playlist long at notice, the 6 s clip tone/a6 at
/// urgent and news again in the background. Each pair collides, so the conflict rules delay,
/// interrupt and miss some.
std::string dense_schedule(int per_day) {
    const char* what[] = {"playlist = \"news\"", "playlist = \"long\"", "clip = \"tone/a6\"",
                          "playlist = \"news\""};
    const char* priority[] = {"routine", "notice", "urgent", "background"};
    std::string out;
    for (int i = 0; i < per_day; ++i) {
        int second = 6 * 3600 + i / 2 * (16 * 3600 / ((per_day + 1) / 2));
        char at[16];
        std::snprintf(at, sizeof at, "%02d:%02d:%02d", second / 3600, second / 60 % 60,
                      second % 60);
        out += "[[broadcast]]\nid = \"b" + std::to_string(i) + "\"\n" + what[i % 4] + "\nat = \"" +
               at + "\"\npriority = \"" + priority[i % 4] + "\"\nlate = \"2m\"\n\n";
    }
    return out;
}

const std::string cap_target = "/api/plan?from=2030-03-04&days=62";

}  // namespace

TEST_CASE("the console's plan covers at most 62 days and says how to ask for more") {
    ControlStation s(dense_schedule(4));
    s.start();
    for (const std::string days : {"63", "366", "999"}) {
        INFO(days);
        auto r = s.get("/api/plan?from=2030-03-04&days=" + days, s.viewer);
        CHECK(r.status == 400);
        auto error = r.json()["error"].get<std::string>();
        CHECK(error.rfind("`days` must be a whole number from 1 to 62", 0) == 0);
        CHECK(error.find("`from`") != std::string::npos);
        CHECK(error.find("villagecast plan --days") != std::string::npos);
        CHECK(error.find("\"" + days + "\"") != std::string::npos);
    }
    auto at_cap = s.get(cap_target, s.viewer);
    REQUIRE(at_cap.status == 200);
    CHECK(at_cap.json()["occurrences"].size() == 4 * 62);
    CHECK(s.stop() == 0);
}

TEST_CASE("the plan at the cap is the rows of `villagecast plan --format json`, field for field") {
    ControlStation s(dense_schedule(40));
    s.start();
    auto r = s.get(cap_target, s.viewer);
    REQUIRE(r.status == 200);
    CHECK(r.headers["content-type"] == "application/json; charset=utf-8");
    CHECK(r.headers["content-length"] == std::to_string(r.body.size()));
    auto api = ordered_json::parse(r.body, nullptr, false);
    REQUIRE_FALSE(api.is_discarded());
    CHECK(api["from"] == "2030-03-04");
    CHECK(api["days"] == 62);
    CHECK(api["time_zone"] == "Asia/Shanghai");

    auto cli = vc::test::villagecast({"plan", "-s", s.root().string(), "--from", "2030-03-04",
                                      "--days", "62", "--format", "json"});
    REQUIRE(cli.exit_code == 0);
    auto rows = ordered_json::parse(cli.out, nullptr, false);
    REQUIRE_FALSE(rows.is_discarded());
    REQUIRE(rows.size() == 40 * 62);
    REQUIRE(api["occurrences"].size() == rows.size());
    int conflicts = 0;
    std::size_t different = 0;
    std::string first_difference;
    for (std::size_t i = 0; i < rows.size(); ++i) {
        auto o = api["occurrences"][i];
        bool conflict = rows[i]["outcome"] != "aired" || rows[i]["delay_ms"] != 0 ||
                        rows[i]["waited_for"] != "" || rows[i]["interrupted_by"] != "";
        conflicts += conflict ? 1 : 0;
        bool same = o["conflict"] == conflict && o["console"] == false;
        o.erase("conflict");
        o.erase("console");
        // The same fields in the same order: ordered_json compares the order too.
        if (!same || o != rows[i]) {
            if (different++ == 0)
                first_difference = "occurrence " + std::to_string(i) + ":\n  api " +
                                   api["occurrences"][i].dump() + "\n  cli " + rows[i].dump();
        }
    }
    INFO(first_difference);
    CHECK(different == 0);
    CHECK(conflicts > 0);  // the schedule is dense enough for the rules to matter
    CHECK(s.stop() == 0);
}

TEST_CASE("plans are computed one at a time while other requests are answered") {
    ControlStation s(dense_schedule(600));
    s.start();
    auto ask_plan = [&] {
        auto r = s.get(cap_target, s.viewer);
        return std::make_pair(r, Steady::now());
    };
    auto first = std::async(std::launch::async, ask_plan);
    auto second = std::async(std::launch::async, ask_plan);
    std::this_thread::sleep_for(200ms);
    auto asked = Steady::now();
    auto library = s.get("/api/library", s.viewer);
    auto answered = Steady::now();
    auto status = s.get("/api/status", s.viewer);
    auto [plan1, done1] = first.get();
    auto [plan2, done2] = second.get();

    CHECK(library.status == 200);
    CHECK(library.json()["clips"].size() == 3);
    CHECK(status.status == 200);
    for (const auto* plan : {&plan1, &plan2}) {
        REQUIRE(plan->status == 200);
        CHECK(plan->json()["occurrences"].size() == 600 * 62);
    }
    // The library did not wait for the plans: it was answered before either plan was.
    CHECK(answered < std::min(done1, done2));
    CHECK(answered - asked < 5s);
    CHECK(s.stop() == 0);
}

TEST_CASE("plans over the console's budget are refused with 503 and Retry-After") {
    ControlStation s(dense_schedule(600));
    s.start();
    std::vector<std::future<HttpResult>> plans;
    for (int i = 0; i < 7; ++i)
        plans.push_back(
            std::async(std::launch::async, [&] { return s.get(cap_target, s.viewer); }));
    int ok = 0;
    int busy = 0;
    for (auto& f : plans) {
        auto r = f.get();
        INFO(r.status << ": " << r.body.substr(0, 200));
        if (r.status == 200) {
            ++ok;
        } else {
            REQUIRE(r.status == 503);
            ++busy;
            CHECK(r.headers["retry-after"] == "5");
            CHECK(r.json()["error"].get<std::string>().find("try again in a few seconds") !=
                  std::string::npos);
        }
    }
    CHECK(ok >= 1);
    CHECK(busy >= 1);
    // Once they are answered, the console takes plans again.
    CHECK(s.get(cap_target, s.viewer).status == 200);
    CHECK(s.stop() == 0);
}

TEST_CASE("after a large plan the daemon's memory returns near its idle size") {
    ControlStation s(dense_schedule(600));
    s.start();
    REQUIRE(s.get("/api/plan?from=2030-03-04&days=1", s.viewer).status == 200);
    std::this_thread::sleep_for(500ms);
    long idle = vc::test::status_kb(s.daemon().pid(), "VmRSS");
    REQUIRE(idle > 0);
    auto r = s.get(cap_target, s.viewer);
    REQUIRE(r.status == 200);
    REQUIRE(r.body.size() > 10'000'000);
    std::this_thread::sleep_for(500ms);
    long after = vc::test::status_kb(s.daemon().pid(), "VmRSS");
    INFO("idle " << idle << " kB, after the plan " << after << " kB, the body "
                 << r.body.size() / 1024 << " kB");
    CHECK(after < idle + 8 * 1024);
    CHECK(s.stop() == 0);
}
