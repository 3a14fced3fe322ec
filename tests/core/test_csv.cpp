#include <catch2/catch.hpp>

#include "core/csv.hpp"

TEST_CASE("CSV quotes what spreadsheets would misread") {
    CHECK(vc::csv_row({"院坝会", "a,b", "say \"hi\"", "two\nlines", ""}) ==
          "院坝会,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\r\n");
    CHECK(vc::utf8_bom.size() == 3);
}
