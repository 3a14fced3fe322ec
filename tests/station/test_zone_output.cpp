// The zone output grammar: each form read, formatted back, and every refusal in words.

#include <catch2/catch.hpp>

#include "station/zone_output.hpp"

using vc::station::format_zone_output;
using vc::station::parse_zone_output;
using vc::station::ZoneOutput;
using Kind = vc::station::ZoneOutput::Kind;

namespace {

ZoneOutput parsed(const std::string& text) {
    std::string problem;
    auto out = parse_zone_output(text, problem);
    INFO(text << ": " << problem);
    REQUIRE(out);
    CHECK(problem.empty());
    return *out;
}

std::string refused(const std::string& text) {
    std::string problem;
    auto out = parse_zone_output(text, problem);
    INFO(text);
    CHECK_FALSE(out);
    CHECK_FALSE(problem.empty());
    return problem;
}

}  // namespace

TEST_CASE("each kind of zone output is read into its fields", "[zones]") {
    CHECK(parsed("null").kind == Kind::null);
    auto wav = parsed("wav:/tmp/东村.wav");
    CHECK(wav.kind == Kind::wav);
    CHECK(wav.file == "/tmp/东村.wav");
    auto flac = parsed("flac:zone.flac");
    CHECK(flac.kind == Kind::flac);
    CHECK(flac.file == "zone.flac");
    auto snap = parsed("snapcast:wang-jia_2");
    CHECK(snap.kind == Kind::snapcast);
    CHECK(snap.stream == "wang-jia_2");
    auto whole = parsed("default");
    CHECK(whole.kind == Kind::device);
    CHECK(whole.device == "default");
    CHECK(whole.channels.empty());
    auto one = parsed("default:1");
    CHECK(one.device == "default");
    CHECK(one.channels == std::vector<int>{1});
    auto two = parsed("USB Audio:4+3");
    CHECK(two.device == "USB Audio");
    CHECK(two.channels == std::vector<int>{4, 3});
    CHECK(parsed("default:32").channels == std::vector<int>{32});
}

TEST_CASE("a colon inside a device's name is not a channel suffix", "[zones]") {
    for (const std::string name :
         {"hw:0,0", "HDA Intel PCH: ALC892 Analog (hw:0,0)", "USB Audio Device: - (hw:1,0)",
          "front:CARD=PCH,DEV=0", "Device:", "2"}) {
        auto out = parsed(name);
        INFO(name);
        CHECK(out.kind == Kind::device);
        CHECK(out.device == name);
        CHECK(out.channels.empty());
    }
    auto with_channel = parsed("HDA Intel PCH: ALC892 Analog (hw:0,0):2");
    CHECK(with_channel.device == "HDA Intel PCH: ALC892 Analog (hw:0,0)");
    CHECK(with_channel.channels == std::vector<int>{2});
    auto numbered = parsed("3:1+2");
    CHECK(numbered.device == "3");
    CHECK(numbered.channels == std::vector<int>{1, 2});
}

TEST_CASE("a zone output formats back to the text it was read from", "[zones]") {
    for (const std::string text : {"null", "wav:/var/lib/a.wav", "flac:b.flac", "snapcast:east",
                                   "default", "default:1", "default:1+2", "USB Audio:3+4", "hw:0,0",
                                   "hw:0,0:7", "HDA Intel PCH: ALC892 Analog (hw:0,0)",
                                   "HDA Intel PCH: ALC892 Analog (hw:0,0):1+8", "3:2"}) {
        INFO(text);
        CHECK(format_zone_output(parsed(text)) == text);
        CHECK(parsed(format_zone_output(parsed(text))) == parsed(text));
    }
}

TEST_CASE("a zone output that is not one says what to write", "[zones]") {
    CHECK(refused("").find("is empty") != std::string::npos);
    CHECK(refused("wav:").find("names no file") != std::string::npos);
    CHECK(refused("flac:").find("names no file") != std::string::npos);
    CHECK(refused("snapcast:").find("letters, digits") != std::string::npos);
    CHECK(refused("snapcast:王家").find("letters, digits") != std::string::npos);
    CHECK(refused("snapcast:a b").find("letters, digits") != std::string::npos);
    CHECK(refused("default:0").find("channels count from 1 to 32") != std::string::npos);
    CHECK(refused("default:33").find("channel 33 is not a channel") != std::string::npos);
    CHECK(refused("default:99999999999").find("channels count from 1 to 32") != std::string::npos);
    CHECK(refused("default:1+1") == "\"default:1+1\": channel 1 is named twice");
    CHECK(refused("default:1++2").find("written CH or CH1+CH2") != std::string::npos);
    CHECK(refused("default:1+").find("written CH or CH1+CH2") != std::string::npos);
    CHECK(refused(":1").find("names no device") != std::string::npos);
}

TEST_CASE("the station's [output] device is taken whole for zones = [...]", "[zones]") {
    using vc::station::whole_station_output;
    CHECK(whole_station_output("hw:0").device == "hw:0");
    CHECK(whole_station_output("hw:0").channels.empty());
    CHECK(whole_station_output("null").kind == Kind::null);
    CHECK(whole_station_output("wav:/tmp/a.wav").file == "/tmp/a.wav");
    CHECK(whole_station_output("flac:/tmp/a.flac").kind == Kind::flac);
}

TEST_CASE("a zone output is described in words", "[zones]") {
    using vc::station::describe_zone_output;
    CHECK(describe_zone_output(parsed("default:1")) == "channel 1 of device \"default\"");
    CHECK(describe_zone_output(parsed("default:3+4")) == "channels 3+4 of device \"default\"");
    CHECK(describe_zone_output(parsed("default")) == "device \"default\", every channel");
    CHECK(describe_zone_output(parsed("snapcast:east")) == "Snapcast stream \"east\"");
    CHECK(describe_zone_output(parsed("wav:a.wav")) == "file wav:a.wav");
    CHECK(describe_zone_output(parsed("null")) == "nowhere (null)");
}
