// Manual airings queued when the daemon stops: after a crash they air again (or are missed by
// the late rule) like scheduled occurrences; at a clean stop each gets its final outcome before
// daemon-stop. Either way every accepted request ends with exactly one final outcome.

#include <catch2/catch.hpp>

#include <csignal>
#include <thread>

#include "tests/control/control_fixture.hpp"
#include "tests/e2e/station_builder.hpp"

using nlohmann::json;

namespace {

/// Five urgent manual airings of the 2 s clip: the first airs, four wait behind it.
std::vector<std::string> queue_five(vc::test::ControlStation& s) {
    std::vector<std::string> ids;
    for (int i = 0; i < 5; ++i) {
        auto r =
            s.post("/api/broadcast", s.operator_, R"({"clip": "tone/a2", "priority": "urgent"})");
        INFO(r.body);
        REQUIRE(r.status == 202);
        ids.push_back(r.json()["broadcast"].get<std::string>());
    }
    s.wait_status([](const json& st) { return !st["on_air"].empty(); }, std::chrono::seconds(5));
    return ids;
}

int finals_of(const json& log, const std::string& id) {
    int n = 0;
    for (const auto& r : vc::test::rows_of(log, id)) n += r.value("final", false) ? 1 : 0;
    return n;
}

}  // namespace

TEST_CASE("queued manual airings survive a SIGKILL: each airs after the restart, once",
          "[control]") {
    vc::test::ControlStation s;
    s.start();
    const auto ids = queue_five(s);
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    s.daemon().signal(SIGKILL);
    REQUIRE(s.daemon().wait_for_exit(std::chrono::seconds(5)).has_value());

    s.start();
    // Five 2 s airings one after another.
    const json log = vc::test::wait_for_log(
        s.root(),
        [&](const json& l) {
            for (const auto& id : ids)
                if (finals_of(l, id) == 0) return false;
            return true;
        },
        std::chrono::seconds(30));
    CHECK(s.stop() == 0);
    INFO("log: " << log["airings"].dump(1));
    for (const auto& id : ids) {
        INFO(id);
        const auto rows = vc::test::rows_of(log, id);
        REQUIRE_FALSE(rows.empty());
        CHECK(finals_of(log, id) == 1);
        // Aired to the end after the restart, by the operator who asked.
        CHECK(rows.back()["status"] == "aired");
        CHECK(rows.back()["trigger"] == "operator 王芳");
    }
    // The one on the air at the kill was cut off and aired again from its start.
    const auto first = vc::test::rows_of(log, ids.front());
    REQUIRE(first.size() == 2);
    CHECK(first.front()["status"] == "interrupted");
    CHECK(first.front()["reason"] == "daemon stopped");
    CHECK(first.front()["final"] == false);
}

TEST_CASE("SIGTERM with manual airings queued: each has its final outcome before daemon-stop",
          "[control]") {
    vc::test::ControlStation s;
    s.start();
    const auto ids = queue_five(s);
    CHECK(s.stop() == 0);

    const json events = vc::test::audit_export(s.root(), {}, true);
    const auto stops = vc::test::events_of(events, "daemon-stop");
    REQUIRE(stops.size() == 1);
    const auto stop_seq = stops.front()["seq"].get<std::int64_t>();
    for (const auto& kind : {"ended", "missed"})
        for (const auto& e : vc::test::events_of(events, kind)) CHECK(e["seq"] < stop_seq);

    const json log = vc::test::audit_export(s.root());
    INFO("log: " << log["airings"].dump(1));
    for (std::size_t i = 0; i < ids.size(); ++i) {
        INFO(ids[i]);
        CHECK(finals_of(log, ids[i]) == 1);
        const auto rows = vc::test::rows_of(log, ids[i]);
        REQUIRE(rows.size() == 1);
        if (i == 0) {
            CHECK(rows.front()["status"] == "interrupted");
        } else {
            CHECK(rows.front()["status"] == "missed");
            CHECK(rows.front()["reason"] == "daemon stopped (SIGTERM) before it began");
        }
    }

    // A restart airs none of them again.
    s.start();
    std::this_thread::sleep_for(std::chrono::seconds(3));
    CHECK(s.stop() == 0);
    const json after = vc::test::audit_export(s.root());
    for (const auto& id : ids) CHECK(vc::test::rows_of(after, id).size() == 1);
}
