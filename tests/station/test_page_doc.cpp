// The [page] example of docs/paging.md loads with the settings it describes.

#include <catch2/catch.hpp>

#include "tests/station/zones_support.hpp"
#include "tests/support/doc_blocks.hpp"

TEST_CASE("the [page] and [output] examples in docs/paging.md load with their settings", "[page]") {
    const auto blocks = vc::test::doc_blocks("paging.md", "toml");
    REQUIRE(blocks.size() == 3);
    const auto st = vc::test::load_text(blocks[0]);
    CHECK(st.page.input == "USB");
    CHECK(st.page.page_max == std::chrono::minutes(3));
    CHECK(st.page.page_dropout == std::chrono::seconds(2));
    CHECK(st.page.high_pass);
    CHECK(st.page.noise_gate);
    CHECK(st.page.gain == 6.0);
    CHECK(st.page.chime == "chime/ding");
    CHECK(st.page.chime_pos.line == 9);
    // The push-to-talk key.
    const auto key = vc::test::load_text(blocks[1]);
    CHECK(key.page.push_to_talk == "/dev/input/by-id/usb-PCsensor_FootSwitch-event-kbd");
    CHECK(key.page.push_to_talk_key == "KEY_B");
    CHECK(key.page.push_to_talk_operator == "办公室话筒");
    // The lower sound-system buffer for quicker pages.
    const auto quick = vc::test::load_text(blocks[2]);
    CHECK(quick.output.latency == std::chrono::milliseconds(30));
}

TEST_CASE("wrong [page] settings are each named with their line and what is allowed", "[page]") {
    const auto ds = vc::test::errors_of(R"([page]
input = ""
page_max = "1s"
page_dropout = "5m"
gain = 40
noise_gate = "yes"
volume = 3
page_chime = "../ding"
push_to_talk = "dev/input/event3"
push_to_talk_key = "F12"
[output]
latency = "5ms"
)");
    INFO(vc::test::list_diagnostics(ds));
    CHECK(vc::test::has_error_at(ds, 2, 9, "`input` in [page] must name a microphone"));
    CHECK(vc::test::has_error_at(ds, 3, 12, "must be between 5s and 1h"));
    CHECK(vc::test::has_error_at(ds, 4, 16, "must be between 200ms and 1m"));
    CHECK(vc::test::has_error_at(ds, 5, 8, "between -20 and 30"));
    CHECK(vc::test::has_error_at(ds, 8, 14, "`page_chime` in [page]: "));
    CHECK(vc::test::has_error_at(ds, 9, 16, "`push_to_talk` in [page] must be an absolute path"));
    CHECK(vc::test::has_error_at(ds, 10, 20, "\"F12\" is not a key name; write e.g. \"KEY_F12\""));
    CHECK(vc::test::has_error_at(ds, 12, 11, "`latency` in [output] must be between 10ms and 1s"));
    CHECK(ds.size() == 10);  // noise_gate's type and the unknown key `volume` too
}
