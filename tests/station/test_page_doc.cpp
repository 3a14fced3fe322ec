// The [page] example of docs/paging.md loads with the settings it describes.

#include <catch2/catch.hpp>

#include "tests/station/zones_support.hpp"
#include "tests/support/doc_blocks.hpp"

TEST_CASE("the [page] example in docs/paging.md loads with its settings", "[page]") {
    const auto blocks = vc::test::doc_blocks("paging.md", "toml");
    REQUIRE(blocks.size() == 1);
    const auto st = vc::test::load_text(blocks[0]);
    CHECK(st.page.input == "USB");
    CHECK(st.page.page_max == std::chrono::minutes(3));
    CHECK(st.page.page_dropout == std::chrono::seconds(2));
    CHECK(st.page.high_pass);
    CHECK(st.page.noise_gate);
    CHECK(st.page.gain == 6.0);
}

TEST_CASE("wrong [page] settings are each named with their line and what is allowed", "[page]") {
    const auto ds = vc::test::errors_of(R"([page]
input = ""
page_max = "1s"
page_dropout = "5m"
gain = 40
noise_gate = "yes"
volume = 3
)");
    INFO(vc::test::list_diagnostics(ds));
    CHECK(vc::test::has_error_at(ds, 2, 9, "`input` in [page] must name a microphone"));
    CHECK(vc::test::has_error_at(ds, 3, 12, "must be between 5s and 1h"));
    CHECK(vc::test::has_error_at(ds, 4, 16, "must be between 200ms and 1m"));
    CHECK(vc::test::has_error_at(ds, 5, 8, "between -20 and 30"));
    CHECK(ds.size() == 6);  // noise_gate's type and the unknown key `volume` too
}
