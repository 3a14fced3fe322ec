// The station.toml examples of docs/zones.md load as the guide says.

#include <catch2/catch.hpp>

#include <fstream>

#include "station/zone_resolution.hpp"
#include "tests/station/zones_support.hpp"

namespace {

/// The ```toml blocks of docs/zones.md, in order.
std::vector<std::string> toml_blocks() {
    std::ifstream in(std::string(VC_SOURCE_DIR) + "/docs/zones.md");
    REQUIRE(in);
    std::vector<std::string> blocks;
    std::string line, block;
    bool inside = false;
    while (std::getline(in, line)) {
        if (!inside && line == "```toml") {
            inside = true;
            block.clear();
        } else if (inside && line == "```") {
            inside = false;
            blocks.push_back(block);
        } else if (inside) {
            block += line + "\n";
        }
    }
    return blocks;
}

}  // namespace

TEST_CASE("every station example in docs/zones.md loads with the zones it describes", "[zones]") {
    const auto blocks = toml_blocks();
    REQUIRE(blocks.size() == 3);
    const auto card = vc::test::load_text(blocks[0]);
    CHECK(vc::station::zone_names(card) ==
          std::vector<std::string>{"羊市村", "大坪村", "李家村", "村委会"});
    CHECK(vc::station::format_zone_output(card.zones[2].output) == "USB Audio:3+4");
    CHECK(vc::station::resolve_zones(card, {"east"}) ==
          std::vector<std::string>{"羊市村", "大坪村"});
    const auto pis = vc::test::load_text(blocks[1]);
    CHECK(vc::station::snapcast_streams(pis).size() == 3);
    CHECK(vc::station::resolve_zones(pis, {"villages", "村委会"}).size() == 4);
    const auto groups = vc::test::load_text(blocks[2]);
    CHECK(vc::station::resolve_zones(groups, {"east", "all"}) ==
          std::vector<std::string>{"李家村", "王家村", "村委会"});
}
