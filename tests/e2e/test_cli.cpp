// The command line as a clerk uses it: the real binary, a real station folder.

#include <catch2/catch.hpp>

#include <fstream>

#include "tests/support/fixtures.hpp"
#include "tests/support/run_command.hpp"

using vc::test::TempDir;
using vc::test::villagecast;

namespace {

void write_text(const std::filesystem::path& p, const std::string& text) {
    std::filesystem::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << text;
}

/// A small station: a 1 s chime at 48 kHz, a 2 s notice at 22.05 kHz, one playlist, one schedule.
void make_station(const std::filesystem::path& root) {
    write_text(root / "station.toml",
               "name = \"测试站\"\ntimezone = \"Asia/Shanghai\"\nchime = \"chimes/叮咚\"\n"
               "[output]\ndevice = \"null\"\nsample_rate = 48000\nchannels = 2\n");
    vc::test::write_tone(root / "clips/chimes/叮咚.wav", 48000, 2, 1.0, 880.0, 0.3);
    vc::test::write_tone(root / "clips/通知/院坝会.wav", 22050, 1, 2.0, 440.0, 0.3);
    write_text(
        root / "playlists/meeting-call.toml",
        "title = \"院坝会通知\"\nrepeat = 2\ngap = \"500ms\"\n[[item]]\nclip = \"通知/院坝会\"\n");
    write_text(root / "schedule.toml",
               "[[broadcast]]\nid = \"meeting\"\nplaylist = \"meeting-call\"\n"
               "at = \"2026-12-03 19:30\"\npriority = \"notice\"\n");
}

std::map<std::string, std::string> station_env(const TempDir& dir) {
    return {{"VILLAGECAST_STATION", dir.path().string()}};
}

}  // namespace

TEST_CASE("villagecast --help lists every command and each command explains itself") {
    auto r = villagecast({"--help"});
    CHECK(r.exit_code == 0);
    for (const char* cmd : {"library", "devices", "render", "play", "check", "plan"}) {
        INFO(cmd);
        CHECK(r.out.find(std::string("  ") + cmd) != std::string::npos);
        auto h = villagecast({cmd, "--help"});
        CHECK(h.exit_code == 0);
        CHECK(h.out.rfind(std::string("Usage: villagecast ") + cmd, 0) == 0);
        CHECK(h.out.find("--station") != std::string::npos);
    }
}

TEST_CASE("a wrong argument gets a one-line error and exit status 2") {
    auto r = villagecast({"render", "--bogus"});
    CHECK(r.exit_code == 2);
    CHECK(r.out.empty());
    CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
    CHECK(r.err.find("--bogus") != std::string::npos);
    CHECK(villagecast({"frobnicate"}).exit_code == 2);
    CHECK(villagecast({"plan", "--days", "zero"}).exit_code == 2);
}

TEST_CASE("a folder that is not a station says what to do") {
    TempDir dir;
    auto r = villagecast({"library", "--station", dir.path().string()});
    CHECK(r.exit_code == 1);
    CHECK(r.err.find("station.toml is missing") != std::string::npos);
    CHECK(r.err.find("--station") != std::string::npos);
}

TEST_CASE("library, check, render and plan work on a station chosen by the environment") {
    TempDir dir;
    make_station(dir.path());
    auto env = station_env(dir);

    auto lib = villagecast({"library"}, env);
    CHECK(lib.exit_code == 0);
    CHECK(lib.out.find("通知/院坝会") != std::string::npos);
    CHECK(lib.out.find("2 files, 2 can air, 0 with a problem") != std::string::npos);

    auto check = villagecast({"check", "--today", "2026-11-28"}, env);
    INFO(check.out << check.err);
    CHECK(check.exit_code == 0);
    CHECK(check.out.find("schedule.toml: ok, 1 broadcast") != std::string::npos);

    // chime 48000 + 2 x 44100 (2 s at 22.05 kHz = 96000 at 48 kHz) + a 500 ms gap (24000)
    auto out = dir / "out.wav";
    auto render = villagecast({"render", "meeting-call", "-o", out.string()}, env);
    CHECK(render.exit_code == 0);
    int rate = 0, channels = 0;
    auto samples = vc::test::read_audio(out, rate, channels);
    CHECK(rate == 48000);
    CHECK(channels == 2);
    CHECK(samples.size() == static_cast<std::size_t>((48000 + 96000 + 24000 + 96000) * 2));

    auto plan =
        villagecast({"plan", "--from", "2026-12-03", "--days", "1", "--format", "csv"}, env);
    CHECK(plan.exit_code == 0);
    CHECK(plan.out.find("2026-12-03T19:30:00.000+08:00") != std::string::npos);
    CHECK(plan.out.find("meeting") != std::string::npos);
    // 264000 frames at 48 kHz = 5.5 s
    CHECK(plan.out.find("19:30:05.500") != std::string::npos);

    // Dates have four-digit years: a plan past 9999-12-31 is refused, not printed as year 0000.
    auto far = villagecast({"plan", "--from", "9999-12-31", "--days", "2"}, env);
    CHECK(far.exit_code == 2);
    CHECK(far.err.find("must end by 9999-12-31") != std::string::npos);
    CHECK(far.out.find("0000-") == std::string::npos);
    auto last =
        villagecast({"plan", "--from", "9999-12-31", "--days", "1", "--format", "csv"}, env);
    CHECK(last.exit_code == 0);
}

TEST_CASE("check reports every problem with file, line and column, and exit status 1") {
    TempDir dir;
    make_station(dir.path());
    write_text(dir / "playlists/bad.toml",
               "title = 3\nrepeat = 2\n[[item]]\nclip = \"../etc/passwd\"\n");
    write_text(dir / "schedule.d/office.toml",
               "[[broadcast]]\nid = \"x\"\nplaylist = \"nope\"\nat = \"25:00\"\n");
    auto r = villagecast({"check", "--today", "2026-11-28"}, station_env(dir));
    INFO(r.out);
    CHECK(r.exit_code == 1);
    CHECK(r.out.find("playlists/bad.toml:1:9: error:") != std::string::npos);
    CHECK(r.out.find("playlists/bad.toml:4:8: error:") != std::string::npos);
    CHECK(r.out.find("schedule.d/office.toml:3:") != std::string::npos);
    CHECK(r.out.find("schedule.d/office.toml:4:") != std::string::npos);
    // The broken office file does not stop schedule.toml.
    CHECK(r.out.find("schedule.toml: ok, 1 broadcast") != std::string::npos);
    CHECK(r.out.find("schedule.d/office.toml: ") != std::string::npos);
}

TEST_CASE("play to a file output writes the playlist") {
    TempDir dir;
    make_station(dir.path());
    auto out = dir / "played.flac";
    auto r =
        villagecast({"play", "meeting-call", "--output", "flac:" + out.string()}, station_env(dir));
    INFO(r.err);
    CHECK(r.exit_code == 0);
    int rate = 0, channels = 0;
    CHECK(vc::test::read_audio(out, rate, channels).size() == static_cast<std::size_t>(264000 * 2));
}
