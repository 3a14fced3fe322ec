// [group]: groups of zones, "all", and resolving a broadcast's `zones` to the zones it reaches.

#include <catch2/catch.hpp>

#include "station/zone_resolution.hpp"
#include "tests/station/zones_support.hpp"

using namespace vc::test;
using vc::station::resolve_zones;
using Names = std::vector<std::string>;

namespace {

const std::string three_zones = R"([[zone]]
name = "李家村"
output = "default:1"
[[zone]]
name = "王家村"
output = "snapcast:wangjia"
[[zone]]
name = "村委会"
output = "default:2"
)";

}  // namespace

TEST_CASE("[group] names groups of zones, kept in the order written", "[zones]") {
    auto st = load_text(three_zones + R"(
[group]
west = ["村委会"]
all = ["村委会", "李家村", "王家村"]
east = ["李家村", "王家村"]
)");
    REQUIRE(st.groups.size() == 2);
    CHECK(st.groups[0] == vc::station::ZoneGroup{"west", {"村委会"}});
    CHECK(st.groups[1] == vc::station::ZoneGroup{"east", {"李家村", "王家村"}});
    CHECK(vc::station::group_zones(st).at("east") == Names{"李家村", "王家村"});
}

TEST_CASE("a broadcast's zones resolve to each zone once, in the order declared", "[zones]") {
    auto st = load_text(three_zones + R"(
[group]
east = ["王家村", "李家村"]
office = ["村委会"]
)");
    CHECK(resolve_zones(st, {"all"}) == Names{"李家村", "王家村", "村委会"});
    CHECK(resolve_zones(st, {"east"}) == Names{"李家村", "王家村"});
    CHECK(resolve_zones(st, {"村委会", "east"}) == Names{"李家村", "王家村", "村委会"});
    CHECK(resolve_zones(st, {"王家村", "east", "王家村"}) == Names{"李家村", "王家村"});
    CHECK(resolve_zones(st, {"office", "all"}) == Names{"李家村", "王家村", "村委会"});
    CHECK(resolve_zones(st, {"村委会"}) == Names{"村委会"});
    CHECK(resolve_zones(st, {}).empty());
    CHECK_THROWS_WITH(resolve_zones(st, {"north"}),
                      Catch::Contains("\"north\" is neither a zone nor a group") &&
                          Catch::Contains("李家村, 王家村, 村委会, east, office"));
    // zones = [...] resolves the same way; a station without zones has no names to give.
    auto old = load_text("zones = [\"羊市村\", \"大坪村\"]\n[group]\nup = [\"大坪村\"]\n");
    CHECK(resolve_zones(old, {"all"}) == Names{"羊市村", "大坪村"});
    CHECK(resolve_zones(old, {"up"}) == Names{"大坪村"});
    CHECK(resolve_zones(load_text(""), {"all"}).empty());
}

TEST_CASE("a wrong [group] names its place and the zones there are", "[zones]") {
    auto ds = errors_of(three_zones + R"(
[group]
"李家村" = ["王家村"]
east = ["李家村", "北村", "李家村", "all", "west"]
west = []
all = ["李家村", "王家村", "南村"]
south = 3
)");
    INFO(list_diagnostics(ds));
    check_errors_at(ds, {
                            {12, 1, "group `李家村` in [group] has the name of a zone"},
                            {13, 16,
                             "group `east` in [group]: \"北村\" is not a zone (the zones are "
                             "\"李家村\", \"王家村\", \"村委会\")"},
                            {13, 22, "group `east` in [group]: \"李家村\" is listed twice"},
                            {13, 29, "\"all\" is every zone already"},
                            {13, 36,
                             "\"west\" is not a zone (the zones are \"李家村\", \"王家村\", "
                             "\"村委会\"); a group lists zones, not other groups"},
                            {14, 8, "group `west` in [group] lists no zone"},
                            {15, 7,
                             "`all` in [group] is every zone whether written or not; written out, "
                             "it must list exactly every zone, each once (missing \"村委会\"; not "
                             "zones or listed twice: \"南村\")"},
                            {16, 9,
                             "`south` in [group] must be a string or a list of strings, not an "
                             "integer"},
                        });
    CHECK(error_count(ds) == 8);
    auto none = errors_of("[group]\neast = [\"东村\"]\n");
    INFO(list_diagnostics(none));
    check_errors_at(none, {{2, 9, "\"东村\" is not a zone (station.toml declares no zones)"}});
}

TEST_CASE("[snapcast] is read with its defaults, and its ports are checked", "[zones]") {
    auto defaults = load_text("");
    CHECK(defaults.snapcast.host == "127.0.0.1");
    CHECK(defaults.snapcast.control_port == 1705);
    CHECK(defaults.snapcast.buffer == vc::Millis(1000));
    CHECK(defaults.snapcast.stream_port == 4953);
    CHECK(defaults.snapcast.receiver_port == 1704);

    auto st = load_text(three_zones + R"([[zone]]
name = "张家村"
output = "snapcast:zhangjia"
[snapcast]
host = "192.168.1.10"
control_port = 1805
receiver_port = 1804
buffer = "1.5s"
stream_port = 5000
)");
    CHECK(st.snapcast.host == "192.168.1.10");
    CHECK(st.snapcast.control_port == 1805);
    CHECK(st.snapcast.receiver_port == 1804);
    CHECK(st.snapcast.buffer == vc::Millis(1500));
    CHECK(st.snapcast.stream_port == 5000);
    CHECK(vc::station::snapcast_streams(st) ==
          std::vector<vc::station::SnapcastStream>{{"王家村", "wangjia", 5000},
                                                   {"张家村", "zhangjia", 5001}});

    auto ds = errors_of(R"([snapcast]
host = "snapserver.local"
control_port = 0
buffer = "5ms"
stream_port = "4953"
colour = "red"
)");
    INFO(list_diagnostics(ds));
    check_errors_at(ds, {
                            {2, 8,
                             "`host` in [snapcast]: \"snapserver.local\" is not an IPv4 "
                             "address"},
                            {3, 16,
                             "`control_port` in [snapcast] must be between 1 and 65535, "
                             "not 0"},
                            {4, 10, "`buffer` in [snapcast] must be between 20ms and 60s"},
                            {5, 15, "`stream_port` in [snapcast] must be a whole number"},
                            {6, 1, "unknown key `colour` in [snapcast]"},
                        });
    CHECK(error_count(ds) == 5);

    auto clash = errors_of(three_zones +
                           "[[zone]]\nname = \"张家村\"\noutput = "
                           "\"snapcast:zhangjia\"\n[snapcast]\nstream_port = 1703\n");
    INFO(list_diagnostics(clash));
    check_errors_at(clash, {{14, 15,
                             "Snapcast zone \"张家村\": its stream would get TCP port "
                             "1704, which snapserver uses itself"}});
    // snapserver's receiver port where station.toml says it is.
    auto moved = errors_of(three_zones +
                           "[[zone]]\nname = \"张家村\"\noutput = "
                           "\"snapcast:zhangjia\"\n[snapcast]\nreceiver_port = 5001\n"
                           "stream_port = 5000\n");
    INFO(list_diagnostics(moved));
    check_errors_at(moved, {{15, 15,
                             "Snapcast zone \"张家村\": its stream would get TCP port "
                             "5001, which snapserver uses itself (5001 for the receivers"}});
    auto full = errors_of(three_zones +
                          "[snapcast]\nstream_port = 65535\n[[zone]]\nname = "
                          "\"张家村\"\noutput = \"snapcast:zhangjia\"\n");
    INFO(list_diagnostics(full));
    check_errors_at(full, {{11, 15, "Snapcast zone \"张家村\": there are no TCP ports left"}});
}
