#include <catch2/catch.hpp>

#include "core/text_width.hpp"

TEST_CASE("Chinese characters take two terminal columns") {
    CHECK(vc::display_width("abc") == 3);
    CHECK(vc::display_width("院坝会") == 6);
    CHECK(vc::display_width("通知/院坝会") == 11);
    CHECK(vc::display_width("（全角）") == 8);
    CHECK(vc::pad_right("院坝会", 8) == "院坝会  ");
    CHECK(vc::pad_left("ab", 4) == "  ab");
}

TEST_CASE("tables align columns that hold Chinese text") {
    auto t =
        vc::format_table({"id", "title", "n"}, {{"院坝会", "x", "1"}, {"ab", "长标题", "10"}}, {2});
    CHECK(t ==
          "id      title    n\n"
          "院坝会  x        1\n"
          "ab      长标题  10\n");
}
