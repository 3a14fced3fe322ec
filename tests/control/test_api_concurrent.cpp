// Requests that arrive at the same moment: every one accepted gets its own id, and the as-run log
// holds exactly one final outcome for each.

#include <catch2/catch.hpp>

#include <mutex>
#include <set>
#include <thread>
#include <vector>

#include "tests/control/control_fixture.hpp"
#include "tests/e2e/station_builder.hpp"

using nlohmann::json;

TEST_CASE("manual broadcasts posted at the same moment each get their own id and one outcome",
          "[control]") {
    vc::test::ControlStation s;
    s.start();
    constexpr int posts = 40;
    std::mutex m;
    std::vector<std::string> ids;
    std::vector<int> statuses;
    std::vector<std::thread> threads;
    for (int i = 0; i < posts; ++i) {
        threads.emplace_back([&] {
            auto r = s.post("/api/broadcast", s.operator_,
                            R"({"clip": "tone/a2", "priority": "routine"})");
            std::lock_guard lock(m);
            statuses.push_back(r.status);
            if (r.status == 202) ids.push_back(r.json()["broadcast"].get<std::string>());
        });
    }
    for (auto& t : threads) t.join();
    REQUIRE(statuses.size() == posts);
    for (int status : statuses) CHECK(status == 202);
    const std::set<std::string> distinct(ids.begin(), ids.end());
    CHECK(distinct.size() == ids.size());
    CHECK(ids.size() == posts);
    // One airs; the rest wait behind it in turn. The stop gives each its final outcome.
    CHECK(s.stop() == 0);

    const json log = vc::test::audit_export(s.root());
    for (const auto& id : distinct) {
        INFO(id);
        int finals = 0;
        for (const auto& r : vc::test::rows_of(log, id)) finals += r.value("final", false) ? 1 : 0;
        CHECK(finals == 1);
    }
    // Each request is in the log once, naming the broadcast it became.
    std::multiset<std::string> requested;
    for (const auto& e : vc::test::operator_events(s.root()))
        if (e["action"] == "broadcast") requested.insert(e.value("broadcast", ""));
    CHECK(requested.size() == ids.size());
    CHECK(std::set<std::string>(requested.begin(), requested.end()) == distinct);
}
