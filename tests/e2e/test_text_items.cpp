// A playlist's text item, as a clerk writes one: `check` speaks it, `plan` knows its exact
// length, a simulated run airs it and the as-run log names the spoken clip, its hash and the text.

#include <catch2/catch.hpp>

#include "audio/decode/clip_analysis.hpp"
#include "tests/e2e/station_builder.hpp"
#include "tests/support/fixtures.hpp"
#include "tests/support/run_command.hpp"

using nlohmann::json;
using vc::test::TempDir;
using vc::test::villagecast;

namespace {

const std::string notice = "各位村民请注意：明天8:00到17:00停水，请提前储水。";

/// The one file in clips/spoken/.
std::filesystem::path spoken_file(const std::filesystem::path& station) {
    std::vector<std::filesystem::path> files;
    for (const auto& e : std::filesystem::directory_iterator(station / "clips/spoken"))
        if (e.path().extension() == ".wav") files.push_back(e.path());
    REQUIRE(files.size() == 1);
    return files[0];
}

}  // namespace

TEST_CASE("a text item is spoken once, planned to the frame, aired and logged with its text") {
    TempDir dir;
    const auto station = dir.path() / "station";
    vc::test::write_station(station);
    vc::test::write_text(
        station / "playlists/停水.toml",
        "intro = \"\"\n\n[[item]]\ntext = \"" + notice + "\"\n\n[[item]]\nsilence = \"1s\"\n");
    vc::test::write_text(
        station / "schedule.toml",
        vc::test::schedule_toml({{"water", "停水", "", "2026-12-03 20:00:10", "notice", "", ""}}));

    auto check = villagecast({"check", "-s", station.string()});
    INFO(check.out << check.err);
    REQUIRE(check.exit_code == 0);
    const auto file = spoken_file(station);
    const auto id = "spoken/" + file.stem().string();
    const auto a = vc::audio::analyse_clip(file);
    REQUIRE(a.ok);
    REQUIRE(a.sample_rate == 48000);
    CHECK(a.integrated_lufs == Approx(-16.0).margin(1.0));
    const auto written = std::filesystem::last_write_time(file);

    // The playlist's length: the spoken clip's frames and the 1 s silence, in whole ms.
    const std::int64_t frames = a.frames + 48000;
    const std::int64_t length_ms = (frames * 1000 + 47999) / 48000;
    const json plan = vc::test::villagecast_json({"plan", "-s", station.string(), "--from",
                                                  "2026-12-03", "--days", "1", "--format", "json"});
    REQUIRE(plan.size() == 1);
    INFO(plan.dump(1));
    CHECK(plan[0]["outcome"] == "aired");
    CHECK(plan[0]["end_utc_ms"].get<std::int64_t>() - plan[0]["start_utc_ms"].get<std::int64_t>() ==
          length_ms);
    // Loading again renders nothing: the same file, untouched.
    CHECK(std::filesystem::last_write_time(file) == written);

    // `say` with the same text and the station's settings speaks the same clip.
    auto say = villagecast({"say", "-s", station.string(), notice});
    CHECK(say.out.find("already in the library: " + id) != std::string::npos);

    const auto audit = dir.path() / "window.db";
    auto run = villagecast({"run", "-s", station.string(), "--simulate",
                            "2026-12-03T20:00:00/2026-12-03T20:02:00", "--audit", audit.string()});
    INFO(run.err);
    REQUIRE(run.exit_code == 0);
    const json log = vc::test::audit_export(station, audit);
    const auto rows = vc::test::rows_of(log, "water");
    REQUIRE(rows.size() == 1);
    const json& row = rows[0];
    CHECK(row["status"] == "aired");
    CHECK(row["end_ms"].get<std::int64_t>() - row["start_ms"].get<std::int64_t>() == length_ms);
    REQUIRE(row["clips"].size() == 1);
    CHECK(row["clips"][0] == json{{"clip", id}, {"sha256", a.sha256}, {"text", notice}});
    CHECK(villagecast({"audit", "verify", "-s", station.string(), "--audit", audit.string()})
              .exit_code == 0);
}

TEST_CASE("a text that cannot be spoken is an error at its file, line and column") {
    TempDir dir;
    const auto station = dir.path() / "station";
    vc::test::write_station(station);
    vc::test::write_text(station / "playlists/坏.toml",
                         "intro = \"\"\n\n[[item]]\ntext = \"开会\"\nvoice = \"no-such-voice\"\n");
    vc::test::write_text(station / "playlists/空.toml", "[[item]]\ntext = \"  \"\n");
    vc::test::write_text(station / "playlists/两个.toml",
                         "[[item]]\ntext = \"开会\"\nclip = \"a/b\"\n");
    auto check = villagecast({"check", "-s", station.string()});
    INFO(check.out << check.err);
    CHECK(check.exit_code != 0);
    const auto all = check.out + check.err;
    CHECK(all.find("playlists/坏.toml:4:8: error: [[item]] #1: the text cannot be spoken:") !=
          std::string::npos);
    CHECK(all.find("no-such-voice") != std::string::npos);
    CHECK(all.find("playlists/空.toml:2:8: error: `text` in [[item]] #1 is empty") !=
          std::string::npos);
    CHECK(all.find(
              "playlists/两个.toml:1:1: error: [[item]] #1 has more than one of `clip`, `text` and "
              "`silence`") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(station / "clips/spoken"));
}

TEST_CASE("a broadcast that speaks a text airs its spoken clip, named with the text") {
    TempDir dir;
    const auto station = dir.path() / "station";
    vc::test::write_station(station);
    const std::string meeting = "今晚19:30在村委会开院坝会，请各户派一人参加。";
    vc::test::write_text(
        station / "schedule.toml",
        vc::test::schedule_toml({{"meeting", "", "", "2026-12-03 20:00:10", "notice", "",
                                  "text = \"" + meeting + "\"\nrate = 140"}}));
    // The daemon speaks it (through its worker process, as it runs threads).
    const auto audit = dir.path() / "window.db";
    auto run = villagecast({"run", "-s", station.string(), "--simulate",
                            "2026-12-03T20:00:00/2026-12-03T20:02:00", "--audit", audit.string()});
    INFO(run.err);
    REQUIRE(run.exit_code == 0);
    const auto file = spoken_file(station);
    const auto id = "spoken/" + file.stem().string();
    const auto a = vc::audio::analyse_clip(file);
    REQUIRE(a.ok);
    const std::int64_t length_ms = (a.frames * 1000 + 47999) / 48000;
    // `say`, which forks itself for espeak-ng, speaks the same bytes.
    const auto said = dir.path() / "said.wav";
    REQUIRE(
        villagecast({"say", "-s", station.string(), meeting, "--rate", "140", "-o", said.string()})
            .exit_code == 0);
    CHECK((vc::test::read_bytes(said) == vc::test::read_bytes(file)));
    auto check = villagecast({"check", "-s", station.string()});
    INFO(check.out << check.err);
    REQUIRE(check.exit_code == 0);

    const json plan = vc::test::villagecast_json({"plan", "-s", station.string(), "--from",
                                                  "2026-12-03", "--days", "1", "--format", "json"});
    REQUIRE(plan.size() == 1);
    CHECK(plan[0]["clip"] == id);
    CHECK(plan[0]["end_utc_ms"].get<std::int64_t>() - plan[0]["start_utc_ms"].get<std::int64_t>() ==
          length_ms);

    const auto rows = vc::test::rows_of(vc::test::audit_export(station, audit), "meeting");
    REQUIRE(rows.size() == 1);
    CHECK(rows[0]["status"] == "aired");
    CHECK(rows[0]["clip"] == id);
    CHECK(rows[0]["clips"][0] == json{{"clip", id}, {"sha256", a.sha256}, {"text", meeting}});

    // A rate the engine does not take is an error at the broadcast's `text`.
    vc::test::write_text(station / "schedule.d/bad.toml",
                         vc::test::schedule_toml({{"fast", "", "", "2026-12-04 08:00", "", "",
                                                   "text = \"开会\"\nrate = 900"}}));
    auto bad = villagecast({"check", "-s", station.string()});
    CHECK(bad.exit_code != 0);
    INFO(bad.out << bad.err);
    CHECK((bad.out + bad.err).find("schedule.d/bad.toml:4:8: error: the text cannot be spoken:") !=
          std::string::npos);
}
