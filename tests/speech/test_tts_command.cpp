// A station's own text-to-speech program ([tts] command): here espeak-ng's command-line
// program, run as an external engine would be, with the text on its standard input.

#include <catch2/catch.hpp>

#include "audio/decode/clip_analysis.hpp"
#include "tests/support/fixtures.hpp"
#include "tests/support/run_command.hpp"

using Catch::Matchers::Contains;
using vc::test::TempDir;
using vc::test::villagecast;

namespace {

void make_station(const std::filesystem::path& root, const std::string& tts) {
    vc::test::write_bytes(root / "station.toml",
                          "name = \"测试站\"\nloudness_target = -16.0\n"
                          "[output]\ndevice = \"null\"\nsample_rate = 48000\nchannels = 2\n"
                          "[tts]\n" +
                              tts);
}

const std::string espeak_command =
    "command = [\"espeak-ng\", \"-v\", \"cmn-latn-pinyin\", \"--stdin\", \"-w\", \"{out}\"]\n";

}  // namespace

TEST_CASE("a [tts] command speaks the normalised text into a clip at the station's format") {
    TempDir dir;
    make_station(dir.path(), espeak_command);
    const auto out = dir / "停水.wav";
    auto r = villagecast(
        {"say", "-s", dir.path().string(), "12月3日8:00到17:00停水", "-o", out.string()});
    INFO(r.out << r.err);
    REQUIRE(r.exit_code == 0);
    const auto a = vc::audio::analyse_clip(out);
    REQUIRE(a.ok);
    CHECK(a.sample_rate == 48000);
    CHECK(a.channels == 2);
    CHECK(a.frames > 2 * 48000);  // the numbers said in words: over 20 syllables
    CHECK(a.integrated_lufs == Approx(-16.0).margin(1.0));

    // Into the library: keyed by the command too, so it is not espeak-ng's library's clip.
    auto lib = villagecast({"say", "-s", dir.path().string(), "今晚开院坝会"});
    INFO(lib.out << lib.err);
    REQUIRE(lib.exit_code == 0);
    auto explain = villagecast({"say", "-s", dir.path().string(), "今晚开院坝会", "--explain"});
    CHECK_THAT(explain.out, Contains("spoken by the station's [tts] command") &&
                                Contains("espeak-ng -v cmn-latn-pinyin --stdin -w {out}"));
    make_station(dir.path(), "");
    auto own = villagecast({"say", "-s", dir.path().string(), "今晚开院坝会"});
    REQUIRE(own.exit_code == 0);
    CHECK(own.out.find("said into the library") != std::string::npos);  // not the cached one
}

TEST_CASE("a [tts] command that fails, hangs or is missing gives a clear reason") {
    TempDir dir;
    const std::string s = dir.path().string();
    make_station(dir.path(),
                 "command = [\"sh\", \"-c\", \"echo no voice model >&2; exit 3\", \"{out}\"]\n");
    auto failed = villagecast({"say", "-s", s, "明天停水", "-o", (dir / "x.wav").string()});
    CHECK(failed.exit_code != 0);
    CHECK_THAT(failed.err, Contains("exited with status 3: no voice model"));

    make_station(dir.path(),
                 "command = [\"sh\", \"-c\", \"sleep 20\", \"{out}\"]\ntimeout = \"1s\"\n");
    auto hung = villagecast({"say", "-s", s, "明天停水", "-o", (dir / "x.wav").string()});
    CHECK(hung.exit_code != 0);
    CHECK_THAT(hung.err, Contains("ran longer than 1 s") && Contains("was stopped"));

    make_station(dir.path(), "command = [\"sh\", \"-c\", \"true\", \"{out}\"]\n");
    auto silent = villagecast({"say", "-s", s, "明天停水", "-o", (dir / "x.wav").string()});
    CHECK(silent.exit_code != 0);
    CHECK_THAT(silent.err, Contains("wrote no audio where {out} stands"));

    make_station(dir.path(), "command = [\"/nonexistent/piper\", \"{out}\"]\n");
    auto missing = villagecast({"say", "-s", s, "明天停水", "-o", (dir / "x.wav").string()});
    CHECK(missing.exit_code != 0);
    CHECK_THAT(missing.err, Contains("`/nonexistent/piper` cannot start"));
    CHECK_FALSE(std::filesystem::exists(dir / "x.wav"));
}

TEST_CASE("check names a [tts] command without {out} and a timeout out of range") {
    TempDir dir;
    make_station(dir.path(), "command = [\"piper\", \"--model\", \"zh.onnx\"]\ntimeout = \"1h\"\n");
    auto r = villagecast({"check", "-s", dir.path().string()});
    CHECK(r.exit_code != 0);
    const std::string file = (dir / "station.toml").string();
    CHECK_THAT(r.err + r.out, Contains(file + ":8:11: error: `command` in [tts] must say where") &&
                                  Contains(file + ":9:11: error: `timeout` in [tts] must be "
                                                  "between 1s and 10m"));
}
