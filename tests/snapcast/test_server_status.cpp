// Reading snapserver's Server.GetStatus answer (the shape Debian 12's snapserver 0.26 sends).

#include <catch2/catch.hpp>

#include "core/diagnostic.hpp"
#include "snapcast/server_status.hpp"

using nlohmann::json;
using vc::snapcast::parse_server_status;

namespace {

json client(const std::string& id, bool connected, const std::string& name) {
    return {{"config", {{"instance", 1}, {"latency", 0}, {"name", name}}},
            {"connected", connected},
            {"host", {{"ip", "192.168.1.21"}, {"name", "raspberrypi"}}},
            {"id", id},
            {"lastSeen", {{"sec", 1796485590}, {"usec", 686801}}}};
}

}  // namespace

TEST_CASE("snapserver's status: each receiver with its group's stream, name and last contact",
          "[snapcast]") {
    const json result = {
        {"server",
         {{"groups", json::array({{{"id", "g1"},
                                   {"stream_id", "wangjia"},
                                   {"clients", json::array({client("wangjia-1", true, ""),
                                                            client("wangjia-2", false, "村口")})}},
                                  {{"id", "g2"},
                                   {"stream_id", "zhangjia"},
                                   {"clients", json::array({client("zhangjia-1", true, "")})}}})},
          {"streams", json::array({{{"id", "wangjia"}}, {{"id", "zhangjia"}}})}}}};
    const auto status = parse_server_status(result);
    CHECK(status.streams == std::vector<std::string>{"wangjia", "zhangjia"});
    REQUIRE(status.receivers.size() == 3);
    CHECK(status.receivers[0] == vc::snapcast::Receiver{"wangjia-1", "raspberrypi", "192.168.1.21",
                                                        "g1", "wangjia", true, 1796485590});
    CHECK(status.receivers[1].name == "村口");  // a name given to it wins over its host's
    CHECK_FALSE(status.receivers[1].connected);
    CHECK(status.receivers[2].stream == "zhangjia");
    CHECK(status.find("村口") == &status.receivers[1]);
    CHECK(status.find("zhangjia-1") == &status.receivers[2]);
    CHECK(status.find("nobody") == nullptr);
}

TEST_CASE("an answer that is not snapserver's status says what is missing", "[snapcast]") {
    CHECK_THROWS_WITH(parse_server_status(json::object()),
                      "snapserver's status has no `server` in the answer");
    CHECK_THROWS_WITH(parse_server_status({{"server", {{"streams", json::array()}}}}),
                      "snapserver's status has no `groups` in `server`");
    CHECK_THROWS_WITH(
        parse_server_status(
            {{"server",
              {{"streams", json::array()},
               {"groups", json::array({{{"id", "g1"}, {"clients", json::array()}}})}}}}),
        "snapserver's status has no `stream_id` in group g1");
}

TEST_CASE("the daemon's own listeners are kept apart from the villages' receivers", "[snapcast]") {
    const std::string listener = vc::snapcast::listener_id("wangjia");
    CHECK(listener == "villagecast-listener-wangjia");
    const json result = {
        {"server",
         {{"groups", json::array({{{"id", "g1"},
                                   {"stream_id", "wangjia"},
                                   {"clients", json::array({client("wangjia-1", true, ""),
                                                            client(listener, true, "")})}}})},
          {"streams", json::array({{{"id", "wangjia"}}})}}}};
    const auto status = parse_server_status(result);
    REQUIRE(status.receivers.size() == 1);
    CHECK(status.receivers[0].id == "wangjia-1");
    REQUIRE(status.listeners.size() == 1);
    CHECK(status.listeners[0].id == listener);
    CHECK(status.listeners[0].stream == "wangjia");
    // By its ID (to move it onto its stream), never by a name.
    CHECK(status.find(listener) == &status.listeners[0]);
    CHECK(status.find("raspberrypi") == &status.receivers[0]);
}
