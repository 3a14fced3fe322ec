// The longest duration a station file may give: beyond it, an error at the value's place
// instead of an overflow later (a negative length in `render`, "failed" in `plan`).

#include <catch2/catch.hpp>

#include "core/toml_reader.hpp"

using namespace vc;

TEST_CASE("a duration beyond ten years is refused where it is written") {
    Diagnostics d;
    auto parsed = parse_toml_text("silence = \"99999999h\"\nkeep = \"3660d\"\n", "p.toml", d);
    REQUIRE(parsed);
    TomlTable t(*parsed, "p.toml", d);
    CHECK_FALSE(t.get_duration("silence"));
    CHECK(t.get_duration("keep") == max_duration);
    REQUIRE(d.items().size() == 1);
    CHECK(d.items()[0].str() ==
          "p.toml:1:11: error: `silence`: \"99999999h\" is longer than villagecast takes (3660d, "
          "about ten years)");
}
