// Following receivers over time: each status and each connect/disconnect notification compared
// with what was known, every change timed when it was seen.

#include <catch2/catch.hpp>

#include "snapcast/receiver_tracker.hpp"

using nlohmann::json;
using vc::Instant;
using vc::snapcast::Receiver;
using vc::snapcast::ReceiverChange;
using vc::snapcast::ReceiverTracker;
using vc::snapcast::ServerStatus;

namespace {

Instant t(int seconds) {
    return Instant{} + std::chrono::seconds(1'796'485'000 + seconds);
}

Receiver receiver(const std::string& id, const std::string& stream, bool connected) {
    return Receiver{id, id, "192.168.1.2", "g-" + stream, stream, connected, 0};
}

ServerStatus status(std::vector<Receiver> receivers) {
    return ServerStatus{std::move(receivers), {"wangjia", "zhangjia"}, {}};
}

json notification(const std::string& method, const std::string& id) {
    return {{"jsonrpc", "2.0"},
            {"method", method},
            {"params",
             {{"id", id}, {"client", {{"id", id}, {"connected", method == "Client.OnConnect"}}}}}};
}

}  // namespace

TEST_CASE("receivers followed: the first status is no change, later ones say who came and went",
          "[snapcast]") {
    ReceiverTracker tracker;
    CHECK(tracker.status() == nullptr);
    CHECK(tracker
              .update(status({receiver("pi-wang-1", "wangjia", true),
                              receiver("pi-wang-2", "wangjia", false)}),
                      t(0))
              .empty());
    REQUIRE(tracker.status() != nullptr);
    // pi-wang-2 connects, pi-wang-1 vanishes from snapserver while connected, a new receiver
    // appears connected on the other stream.
    const auto changes = tracker.update(
        status({receiver("pi-wang-2", "wangjia", true), receiver("pi-zhang-1", "zhangjia", true)}),
        t(10));
    CHECK(changes == std::vector<ReceiverChange>{{t(10), "pi-wang-2", "wangjia", true},
                                                 {t(10), "pi-zhang-1", "zhangjia", true},
                                                 {t(10), "pi-wang-1", "wangjia", false}});
    CHECK(tracker.changes("wangjia", t(0), t(20)) ==
          std::vector<ReceiverChange>{{t(10), "pi-wang-2", "wangjia", true},
                                      {t(10), "pi-wang-1", "wangjia", false}});
    CHECK(tracker.changes("wangjia", t(11), t(20)).empty());
}

TEST_CASE(
    "receivers followed: a disconnect notification is a change at the instant it came, "
    "and what the tracker cannot follow alone asks for the status",
    "[snapcast]") {
    ReceiverTracker tracker;
    tracker.update(
        status({receiver("pi-wang-1", "wangjia", true), receiver("pi-wang-2", "wangjia", true)}),
        t(0));
    bool need = false;
    const auto left =
        tracker.notified(notification("Client.OnDisconnect", "pi-wang-2"), t(3), need);
    CHECK_FALSE(need);
    REQUIRE(left);
    CHECK(*left == ReceiverChange{t(3), "pi-wang-2", "wangjia", false});
    CHECK_FALSE(tracker.status()->find("pi-wang-2")->connected);
    // The same news twice is one change.
    CHECK_FALSE(tracker.notified(notification("Client.OnDisconnect", "pi-wang-2"), t(4), need));
    const auto back = tracker.notified(notification("Client.OnConnect", "pi-wang-2"), t(5), need);
    REQUIRE(back);
    CHECK(back->connected);
    // A status that agrees is no change.
    CHECK(tracker
              .update(status({receiver("pi-wang-1", "wangjia", true),
                              receiver("pi-wang-2", "wangjia", true)}),
                      t(6))
              .empty());
    CHECK(tracker.changes("wangjia", t(0), t(10)).size() == 2);

    // A receiver snapserver did not know, and a group changing stream: the whole status.
    CHECK_FALSE(tracker.notified(notification("Client.OnConnect", "pi-new"), t(7), need));
    CHECK(need);
    need = false;
    CHECK_FALSE(tracker.notified({{"jsonrpc", "2.0"},
                                  {"method", "Group.OnStreamChanged"},
                                  {"params", {{"id", "g"}, {"stream_id", "zhangjia"}}}},
                                 t(8), need));
    CHECK(need);
    // A stream starting or going idle says nothing of receivers.
    need = false;
    CHECK_FALSE(tracker.notified(
        {{"jsonrpc", "2.0"}, {"method", "Stream.OnUpdate"}, {"params", json::object()}}, t(9),
        need));
    CHECK_FALSE(need);
}

TEST_CASE(
    "receivers followed: while snapserver is lost nothing is known, and the next status is "
    "compared with the last one it gave",
    "[snapcast]") {
    ReceiverTracker tracker;
    tracker.update(status({receiver("pi-wang-1", "wangjia", true)}), t(0));
    tracker.lose();
    CHECK(tracker.status() == nullptr);
    bool need = false;
    // Notifications change nothing while the status is not known.
    CHECK_FALSE(tracker.notified(notification("Client.OnDisconnect", "pi-wang-1"), t(1), need));
    const auto changes = tracker.update(status({receiver("pi-wang-1", "wangjia", false)}), t(30));
    CHECK(changes == std::vector<ReceiverChange>{{t(30), "pi-wang-1", "wangjia", false}});
    REQUIRE(tracker.status() != nullptr);
}

TEST_CASE("receivers followed: only the newest changes are kept", "[snapcast]") {
    ReceiverTracker tracker(2);
    tracker.update(status({receiver("pi-wang-1", "wangjia", true)}), t(0));
    for (int i = 1; i <= 4; ++i)
        tracker.update(status({receiver("pi-wang-1", "wangjia", i % 2 == 0)}), t(i));
    const auto kept = tracker.changes("wangjia", t(0), t(10));
    REQUIRE(kept.size() == 2);
    CHECK(kept[0].at == t(3));
    CHECK(kept[1].at == t(4));
}
