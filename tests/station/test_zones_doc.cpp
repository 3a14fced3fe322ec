// The station.toml examples of docs/zones.md load as the guide says.

#include <catch2/catch.hpp>

#include "station/schedule_wiring.hpp"
#include "station/zone_resolution.hpp"
#include "tests/station/zones_support.hpp"
#include "tests/support/doc_blocks.hpp"

TEST_CASE("every station example in docs/zones.md loads with the zones it describes", "[zones]") {
    const auto blocks = vc::test::doc_blocks("zones.md", "toml");
    REQUIRE(blocks.size() == 4);
    const auto card = vc::test::load_text(blocks[0]);
    CHECK(vc::station::zone_names(card) ==
          std::vector<std::string>{"羊市村", "大坪村", "李家村", "村委会"});
    CHECK(vc::station::format_zone_output(card.zones[2].output) == "USB Audio:3+4");
    CHECK(vc::station::resolve_zones(card, {"east"}) ==
          std::vector<std::string>{"羊市村", "大坪村"});
    const auto pis = vc::test::load_text(blocks[1]);
    CHECK(vc::station::snapcast_streams(pis).size() == 3);
    CHECK(vc::station::resolve_zones(pis, {"villages", "村委会"}).size() == 4);
    const auto groups = vc::test::load_text(blocks[3]);
    CHECK(vc::station::resolve_zones(groups, {"east", "all"}) ==
          std::vector<std::string>{"李家村", "王家村", "村委会"});
    // The whole station on one stream: its own source line, and starts committed a buffer and
    // one of snapserver's chunks earlier.
    const auto township = vc::test::load_text(blocks[2]);
    CHECK(vc::station::snapcast_streams(township) ==
          std::vector<vc::station::SnapcastStream>{{"", "township", 4953}});
    CHECK(vc::station::arbiter_config(township).output_latency == std::chrono::milliseconds(1050));
}
