#include <catch2/catch.hpp>

#include "core/toml_reader.hpp"

using namespace vc;

TEST_CASE("every problem of a table is reported with its line and column") {
    Diagnostics d;
    auto parsed = parse_toml_text("name = 3\ngap = \"3 s\"\nrepeat = 2\nrepaet = 4\n", "x.toml", d);
    REQUIRE(parsed);
    TomlTable t(*parsed, "x.toml", d);
    CHECK_FALSE(t.get_string("name"));
    CHECK_FALSE(t.get_duration("gap"));
    CHECK(t.get_integer("repeat") == 2);
    t.report_unknown_keys();
    REQUIRE(d.items().size() == 3);
    CHECK(d.items()[0].str() ==
          "x.toml:1:8: error: `name` must be a string in quotes, not an integer");
    CHECK(d.items()[1].line == 2);
    CHECK(d.items()[1].column == 7);
    CHECK(d.items()[1].message.find("\"90s\"") != std::string::npos);
    CHECK(d.items()[2].str() ==
          "x.toml:4:1: error: unknown key `repaet` (expected one of: gap, name, repeat)");
    CHECK_THROWS_AS(d.throw_if_errors(), DiagnosticError);
}

TEST_CASE("a syntax error names its place") {
    Diagnostics d;
    CHECK_FALSE(parse_toml_text("a = \"x\"\nb = = 2\n", "bad.toml", d));
    REQUIRE(d.items().size() == 1);
    CHECK(d.items()[0].file == "bad.toml");
    CHECK(d.items()[0].line == 2);
}

TEST_CASE("lists of tables carry their index in messages") {
    Diagnostics d;
    auto parsed = parse_toml_text("[[item]]\nclip = \"a\"\n[[item]]\nclip = 5\n", "p.toml", d);
    REQUIRE(parsed);
    TomlTable t(*parsed, "p.toml", d);
    auto items = t.get_tables("item");
    REQUIRE(items.size() == 2);
    CHECK(items[0].get_string("clip") == "a");
    CHECK_FALSE(items[1].get_string("clip"));
    REQUIRE(d.items().size() == 1);
    CHECK(d.items()[0].str() ==
          "p.toml:4:8: error: `clip` in [[item]] #2 must be a string in quotes, not an integer");
}
