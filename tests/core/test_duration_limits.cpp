// The longest duration a station file may give: beyond it, an error at the value's place
// instead of an overflow later (a negative length in `render`, "failed" in `plan`).

#include <catch2/catch.hpp>

#include "core/duration.hpp"
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

TEST_CASE("a duration that parses is written back as text that parses to it") {
    // The parts add up past a billion hours, which one part alone was refused to say.
    auto d = parse_duration("999999899h99h50h");
    REQUIRE(d);
    CHECK(format_duration(*d) == "1000000048h0m");
    CHECK(parse_duration(format_duration(*d)) == d);
    // Still refused when the count itself cannot be held.
    CHECK_FALSE(parse_duration("99999999999999999999s"));
    CHECK_FALSE(parse_duration("1281023895h"));
    CHECK(parse_duration("1281023894h") == Millis(std::int64_t{1281023894} * 3'600'000));
}
