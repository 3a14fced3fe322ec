// villagecast say and check, run as a clerk runs them: the real binary, a real station folder.

#include <catch2/catch.hpp>

#include <fstream>

#include "audio/decode/clip_analysis.hpp"
#include "tests/support/fixtures.hpp"
#include "tests/support/run_command.hpp"

using vc::test::TempDir;
using vc::test::villagecast;

namespace {

void make_station(const std::filesystem::path& root) {
    vc::test::write_bytes(
        root / "station.toml",
        "name = \"测试站\"\ntimezone = \"Asia/Shanghai\"\nloudness_target = -16.0\n"
        "[output]\ndevice = \"null\"\nsample_rate = 48000\nchannels = 2\n");
}

}  // namespace

TEST_CASE("villagecast say -o writes a clip of plausible length and level") {
    TempDir dir;
    make_station(dir.path());
    const auto out = dir / "停水.wav";
    const std::string text =
        "各位村民请注意：12月3日8:00到17:00停水，请提前储水。咨询电话0797-1234567。";
    auto r = villagecast({"say", "-s", dir.path().string(), text, "-o", out.string()});
    INFO(r.out << r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(r.out.find("48000 Hz, 2 channels") != std::string::npos);
    const auto a = vc::audio::analyse_clip(out);
    REQUIRE(a.ok);
    CHECK(a.sample_rate == 48000);
    CHECK(a.channels == 2);
    // About 50 syllables at 150 words a minute: between 6 and 30 seconds.
    CHECK(a.frames > 6 * 48000);
    CHECK(a.frames < 30 * 48000);
    CHECK(a.integrated_lufs == Approx(-16.0).margin(1.0));
    CHECK(a.true_peak_dbtp < 0.0);
    // The same text again: the same bytes.
    const auto again = dir / "again.wav";
    REQUIRE(villagecast({"say", "-s", dir.path().string(), text, "-o", again.string()}).exit_code ==
            0);
    CHECK((vc::test::read_bytes(again) == vc::test::read_bytes(out)));
}

TEST_CASE("villagecast say without -o puts the clip into the library once") {
    TempDir dir;
    make_station(dir.path());
    auto r = villagecast({"say", "-s", dir.path().string(), "今晚开院坝会"});
    INFO(r.out << r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(r.out.find("said into the library: spoken/") != std::string::npos);
    std::size_t files = 0;
    for (const auto& e : std::filesystem::directory_iterator(dir / "clips/spoken"))
        if (e.path().extension() == ".wav") ++files;
    CHECK(files == 1);
    auto again = villagecast({"say", "-s", dir.path().string(), "今晚开院坝会"});
    CHECK(again.out.find("already in the library: spoken/") != std::string::npos);
    // The library lists it as a clip that can air, and nothing else: the text kept beside it
    // (so that its airings name it) is a hidden file the library passes over.
    auto lib = villagecast({"library", "-s", dir.path().string()});
    CHECK(lib.out.find("spoken/") != std::string::npos);
    CHECK(lib.out.find(".txt") == std::string::npos);
    std::size_t texts = 0;
    for (const auto& e : std::filesystem::directory_iterator(dir / "clips/spoken"))
        if (e.path().filename().string().front() == '.' && e.path().extension() == ".txt") {
            CHECK(vc::test::read_bytes(e.path()) == "今晚开院坝会");
            ++texts;
        }
    CHECK(texts == 1);
}

TEST_CASE("villagecast say --explain shows the normalised text, the dictionary and phonemes") {
    TempDir dir;
    make_station(dir.path());
    vc::test::write_bytes(dir / "tts/pronunciations.toml",
                          "[words]\n\"单家村\" = \"shan4 jia1 cun1\"\n");
    auto r =
        villagecast({"say", "-s", dir.path().string(), "--explain", "19:30在单家村和重庆银行开会"});
    INFO(r.out << r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(r.out.find("normalised:  十九点三十分在单家村和重庆银行开会") != std::string::npos);
    CHECK(r.out.find("shan4 jia1 cun1") != std::string::npos);
    CHECK(r.out.find("单家村 → shan4 jia1 cun1  (tts/pronunciations.toml:2)") != std::string::npos);
    CHECK(r.out.find("重庆 → chong2 qing4  (built-in)") != std::string::npos);
    CHECK(r.out.find("ts.h'ong35") != std::string::npos);        // chong2 in the phonemes
    CHECK(r.out.find("ts.'ong51") == std::string::npos);         // not zhong4
    CHECK_FALSE(std::filesystem::exists(dir / "clips/spoken"));  // explaining renders nothing
}

TEST_CASE("a wrong voice or rate is a usage error, and a bad dictionary fails say and check") {
    TempDir dir;
    make_station(dir.path());
    auto voice = villagecast({"say", "-s", dir.path().string(), "你好", "--voice", "cmn"});
    CHECK(voice.exit_code == 2);
    CHECK(voice.err.find("in English") != std::string::npos);
    CHECK(villagecast({"say", "-s", dir.path().string(), "你好", "--rate", "20"}).exit_code == 2);

    vc::test::write_bytes(dir / "tts/pronunciations.toml", "[words]\n\"重庆\" = \"chong2\"\n");
    auto say =
        villagecast({"say", "-s", dir.path().string(), "你好", "-o", (dir / "x.wav").string()});
    CHECK(say.exit_code == 1);
    CHECK(say.err.find("pronunciations.toml:2:") != std::string::npos);
    auto check = villagecast({"check", "-s", dir.path().string(), "--today", "2026-12-01"});
    INFO(check.out << check.err);
    CHECK(check.exit_code == 1);
    CHECK(check.out.find("tts/pronunciations.toml:2:") != std::string::npos);
    CHECK(check.out.find("has 2 characters") != std::string::npos);
}
