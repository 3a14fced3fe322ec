// station.toml's [[zone]] tables, the older `zones = [...]`, and what they refuse, by line:col.

#include <catch2/catch.hpp>

#include <tuple>

#include "station/zone_routing.hpp"
#include "tests/station/zones_support.hpp"

using namespace vc::test;
using Kind = vc::station::ZoneOutput::Kind;

TEST_CASE("[[zone]] tables give each zone a name and an output, in file order", "[zones]") {
    auto st = load_text(R"([[zone]]
name = "李家村"
output = "default:1"
[[zone]]
name = "王家村"
output = "snapcast:wangjia"
[[zone]]
name = "村委会"
output = "USB Audio"
[[zone]]
name = "测试"
output = "wav:/tmp/测试.wav"
)");
    REQUIRE(st.zones.size() == 4);
    CHECK(st.zones[0].name == "李家村");
    CHECK(st.zones[0].output.device == "default");
    CHECK(st.zones[0].output.channels == std::vector<int>{1});
    CHECK(st.zones[0].pos.line == 2);
    CHECK(st.zones[0].pos.column == 8);
    CHECK(st.zones[1].output.kind == Kind::snapcast);
    CHECK(st.zones[2].output.device == "USB Audio");
    CHECK(st.zones[2].output.channels.empty());
    CHECK(st.zones[3].output.kind == Kind::wav);
    CHECK(st.groups.empty());
    CHECK(st.output.device == "default");  // [output] is not changed by the zones
}

TEST_CASE("zones = [...] still declares zones, each on the whole [output] device", "[zones]") {
    auto st = load_text("zones = [\"羊市村\", \"大坪村\"]\n[output]\ndevice = \"hw:0\"\n");
    REQUIRE(st.zones.size() == 2);
    CHECK(st.zones[0].name == "羊市村");
    CHECK(st.zones[1].name == "大坪村");
    for (const auto& z : st.zones) {
        CHECK(z.output.kind == Kind::device);
        CHECK(z.output.device == "hw:0");  // taken whole: ":0" is not a channel here
        CHECK(z.output.channels.empty());
    }
    auto file = load_text("zones = \"东村\"\n[output]\ndevice = \"wav:/tmp/a.wav\"\n");
    REQUIRE(file.zones.size() == 1);
    CHECK(file.zones[0].output.kind == Kind::wav);
    CHECK(load_text("").zones.empty());
}

TEST_CASE("a [[zone]] with a wrong name or output names its place", "[zones]") {
    auto ds = errors_of(R"([[zone]]
name = ""
output = "default:1"
[[zone]]
name = "all"
output = "default:2"
[[zone]]
name = "东村"
output = "default:0"
[[zone]]
name = "东村"
output = "default:4"
[[zone]]
output = "snapcast:西 村"
volume = 3
[[zone]]
name = "北村"
[[zone]]
name = 5
output = 7
)");
    INFO(list_diagnostics(ds));
    check_errors_at(ds, {
                            {2, 8, "`name` in [[zone]] #1: a zone name cannot be empty"},
                            {5, 8, "`name` in [[zone]] #2: zone \"all\" is implicit"},
                            {9, 10,
                             "`output` in [[zone]] #3: \"default:0\": channel 0 is not a "
                             "channel: channels count from 1 to 32"},
                            {11, 8, "`name` in [[zone]] #4: zone \"东村\" is listed twice"},
                            {14, 10, "a Snapcast stream's name is letters, digits"},
                            {13, 1, "[[zone]] #5 needs `name`"},
                            {15, 1, "unknown key `volume` in [[zone]] #5"},
                            {16, 1, "[[zone]] #6 needs `output`"},
                            {19, 8,
                             "`name` in [[zone]] #7 must be a string in quotes, not an "
                             "integer"},
                            {20, 10, "`output` in [[zone]] #7 must be a string in quotes"},
                        });
    CHECK(error_count(ds) == 10);
}

TEST_CASE("zones = [...] and [[zone]] together are refused", "[zones]") {
    auto ds = errors_of(R"(zones = ["东村"]
[[zone]]
name = "西村"
output = "default"
)");
    INFO(list_diagnostics(ds));
    REQUIRE(error_count(ds) == 1);
    check_errors_at(ds, {{1, 9,
                          "declares zones twice, in `zones = [...]` and in [[zone]] "
                          "tables: use one"}});
    auto old = errors_of("zones = [\"东村\", \"\", \"东村\"]\n");
    INFO(list_diagnostics(old));
    check_errors_at(old, {{1, 16, "`zones`: a zone name cannot be empty"},
                          {1, 20, "`zones`: zone \"东村\" is listed twice"}});
}

TEST_CASE("zones may not share a channel, a device, a stream or a file", "[zones]") {
    auto ds = errors_of(R"([[zone]]
name = "a"
output = "card:1+2"
[[zone]]
name = "b"
output = "card:2+3"
[[zone]]
name = "c"
output = "card"
[[zone]]
name = "d"
output = "office"
[[zone]]
name = "e"
output = "office:1"
[[zone]]
name = "f"
output = "office"
[[zone]]
name = "g"
output = "snapcast:east"
[[zone]]
name = "h"
output = "snapcast:east"
[[zone]]
name = "i"
output = "wav:/tmp/z.wav"
[[zone]]
name = "j"
output = "wav:/tmp/z.wav"
[[zone]]
name = "k"
output = "null"
[[zone]]
name = "l"
output = "null"
[[zone]]
name = "m"
output = "card:3"
[[zone]]
name = "n"
output = "hw:0,0"
)");
    INFO(list_diagnostics(ds));
    check_errors_at(ds,
                    {
                        {6, 10, "channel 2 of device \"card\" is already the output of zone \"a\""},
                        {9, 10,
                         "zone \"a\" plays on channels of device \"card\", so this zone cannot "
                         "play on the whole device"},
                        {15, 10,
                         "zone \"d\" plays on every channel of device \"office\", so no other "
                         "zone can have a channel of it"},
                        {18, 10, "zone \"d\" already plays on every channel of device \"office\""},
                        {24, 10, "Snapcast stream \"east\" is already the output of zone \"g\""},
                        {30, 10, "file wav:/tmp/z.wav is already the output of zone \"i\""},
                    });
    CHECK(error_count(ds) == 6);  // null twice, card:3 after a refused card:2+3, hw:0,0: fine
}

TEST_CASE("[output] on a Snapcast stream: the whole station on it, at the stream's format",
          "[zones]") {
    const auto st = load_text("[output]\ndevice = \"snapcast:township\"\n");
    CHECK(vc::station::whole_station_output(st.output.device).stream == "township");
    CHECK_FALSE(vc::station::unreachable_zone(st, ""));
    auto ds = errors_of("[output]\ndevice = \"snapcast:羊市\"\n");
    INFO(list_diagnostics(ds));
    check_errors_at(ds, {{2, 10,
                          "`device` in [output]: \"snapcast:羊市\": a Snapcast stream's "
                          "name is letters, digits, '-' and '_' only"}});
    auto rate = errors_of("[output]\ndevice = \"snapcast:township\"\nsample_rate = 44100\n");
    INFO(list_diagnostics(rate));
    check_errors_at(rate, {{2, 10,
                            "`device` in [output] is the Snapcast stream \"township\", "
                            "which carries 48 kHz stereo"}});
}

TEST_CASE(
    "each zone plays on one of the station's outputs: [output]'s card first, then the "
    "other cards, streams and files its zones name, each once",
    "[zones]") {
    const auto st = load_text(R"([output]
device = "card"
channels = 4
[[zone]]
name = "a"
output = "card:1"
[[zone]]
name = "b"
output = "card:2+3"
[[zone]]
name = "c"
output = "snapcast:east"
[[zone]]
name = "d"
output = "usb:2"
[[zone]]
name = "e"
output = "usb:1"
[[zone]]
name = "f"
output = "wav:/tmp/f.wav"
[[zone]]
name = "g"
output = "null"
[[zone]]
name = "h"
output = "office"
)");
    using vc::station::StationOutput;
    CHECK(vc::station::station_outputs(st) == std::vector<StationOutput>{
                                                  {"card", {48000, 4}},
                                                  {"snapcast:east", {48000, 2}},
                                                  {"usb", {48000, 2}},  // its highest channel
                                                  {"wav:/tmp/f.wav", {48000, 4}},
                                                  {"null", {48000, 4}},
                                                  {"office", {48000, 4}},
                                              });
    auto route = [&](const char* zone) {
        const auto r = vc::station::zone_route(st, zone);
        return std::make_tuple(r.output, r.channels, r.rendered_channels);
    };
    using R = std::tuple<std::size_t, std::vector<int>, int>;
    CHECK(route("a") == R{0, {0}, 1});
    CHECK(route("b") == R{0, {1, 2}, 2});
    CHECK(route("c") == R{1, {}, 2});
    CHECK(route("d") == R{2, {1}, 1});
    CHECK(route("e") == R{2, {0}, 1});
    CHECK(route("f") == R{3, {}, 4});
    CHECK(route("g") == R{4, {}, 4});
    CHECK(route("h") == R{5, {}, 4});
    CHECK(route("") == R{0, {}, 4});
    for (const char* zone : {"a", "b", "c", "d", "e", "f", "g", "h"})
        CHECK_FALSE(vc::station::unreachable_zone(st, zone));

    // A Snapcast stream carries 48 kHz: a station at another rate cannot play to it.
    const auto slow = load_text(
        "[output]\nsample_rate = 44100\n[[zone]]\nname = \"c\"\noutput = \"snapcast:east\"\n");
    const auto why = vc::station::unreachable_zone(slow, "c");
    REQUIRE(why);
    CHECK_THAT(*why, Catch::Contains("zone \"c\" plays on Snapcast stream \"east\", which carries "
                                     "48 kHz, but [output] sample_rate = 44100"));
}

TEST_CASE(
    "a Snapcast zone names its receivers, each in one zone, and only a Snapcast zone has "
    "them",
    "[zones]") {
    auto st = load_text(R"([[zone]]
name = "王家村"
output = "snapcast:wangjia"
receivers = ["pi-wang-1", "pi-wang-2"]
[[zone]]
name = "张家村"
output = "snapcast:zhangjia"
)");
    REQUIRE(st.zones.size() == 2);
    CHECK(st.zones[0].receivers == std::vector<std::string>{"pi-wang-1", "pi-wang-2"});
    CHECK(st.zones[1].receivers.empty());

    auto ds = errors_of(R"([[zone]]
name = "王家村"
output = "snapcast:wangjia"
receivers = ["pi-wang-1", ""]
[[zone]]
name = "张家村"
output = "snapcast:zhangjia"
receivers = ["pi-wang-1"]
[[zone]]
name = "李家村"
output = "default:1"
receivers = ["pi-li-1"]
)");
    INFO(list_diagnostics(ds));
    check_errors_at(ds, {
                            {4, 13, "a receiver's host ID cannot be empty"},
                            {8, 13,
                             "receiver \"pi-wang-1\" already belongs to zone \"王家村\"; a "
                             "receiver plays one stream"},
                            {12, 13,
                             "only a zone on a Snapcast stream (output = \"snapcast:STREAM\") "
                             "has receivers; this zone plays on default:1"},
                        });
    CHECK(error_count(ds) == 3);
}
