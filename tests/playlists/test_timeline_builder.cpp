#include <catch2/catch.hpp>

#include "playlists/timeline_builder.hpp"
#include "tests/playlists/station_fixture.hpp"

using vc::Millis;
using vc::playlists::build_clip_timeline;
using vc::playlists::build_timeline;
using vc::test::StationFixture;

namespace {

constexpr const char* station_48k = R"(name = "test"
chime = "chimes/dingdong"
loudness_target = -16.0
ceiling = -1.5
[output]
device = "null"
sample_rate = 48000
channels = 2
)";

constexpr const char* full_playlist = R"(title = "all of it"
outro = "chimes/end"
repeat = 3
gap = "1.5s"
[[item]]
clip = "body/a"
[[item]]
silence = "333ms"
[[item]]
clip = "body/b"
gain_db = -2
[bed]
clip = "music/bed"
gain_db = -20
fade = "2s"
)";

double lufs(const vc::library::Library& lib, const std::string& id) {
    return lib.find(id)->analysis.integrated_lufs;
}

}  // namespace

TEST_CASE("intro, items, repeats, gaps, outro and bed land on exact frames at 48 kHz",
          "[timeline]") {
    StationFixture fx(station_48k);
    const auto st = fx.station();
    const auto lib = fx.library();
    const auto pl = fx.playlist("all", full_playlist);

    const auto tl = build_timeline(pl, lib, st);
    CHECK(tl.format == vc::audio::AudioFormat{48000, 2});
    CHECK(tl.ceiling_dbfs == -1.5);
    CHECK(tl.length == 462383);
    REQUIRE(tl.placements.size() == 9);

    // The bed: one looping placement over everything, fades of frames_for_ms(2000) = 96000.
    const auto& bed = tl.placements[0];
    CHECK(bed.clip_id == "music/bed");
    CHECK(bed.start == 0);
    CHECK(bed.length == 462383);
    CHECK(bed.loop);
    CHECK(bed.fade_in == 96000);
    CHECK(bed.fade_out == 96000);
    CHECK(bed.source_frames == 22050);
    CHECK(bed.source_rate == 22050);
    CHECK(bed.source_channels == 2);
    CHECK(bed.gain_db == Approx(-16.0 - lufs(lib, "music/bed") - 20.0));

    struct Expect {
        std::string id;
        std::int64_t start, length, source_frames;
        int source_rate;
        double item_gain;
    };
    // intro 10001 @22.05k -> ceil(10001*48000/22050) = 21771; a 44101 @44.1k -> 48002;
    // silence 333 ms -> 15984; b 24000 @48k -> 24000; gap 1.5 s -> 72000; end 30000 @44.1k ->
    // 32654.
    const std::vector<Expect> expected = {
        {"chimes/dingdong", 0, 21771, 10001, 22050, 0.0},
        {"body/a", 21771, 48002, 44101, 44100, 0.0},
        {"body/b", 85757, 24000, 24000, 48000, -2.0},
        {"body/a", 181757, 48002, 44101, 44100, 0.0},
        {"body/b", 245743, 24000, 24000, 48000, -2.0},
        {"body/a", 341743, 48002, 44101, 44100, 0.0},
        {"body/b", 405729, 24000, 24000, 48000, -2.0},
        {"chimes/end", 429729, 32654, 30000, 44100, 0.0},
    };
    for (std::size_t i = 0; i < expected.size(); ++i) {
        const auto& p = tl.placements[i + 1];
        const auto& e = expected[i];
        INFO("placement " << i + 1 << " " << p.clip_id);
        CHECK(p.clip_id == e.id);
        CHECK(p.start == e.start);
        CHECK(p.length == e.length);
        CHECK(p.source_frames == e.source_frames);
        CHECK(p.source_rate == e.source_rate);
        CHECK(p.file == lib.find(e.id)->path);
        CHECK_FALSE(p.loop);
        CHECK(p.fade_in == 0);
        CHECK(p.fade_out == 0);
        CHECK(p.gain_db == Approx(-16.0 - lufs(lib, e.id) + e.item_gain));
    }
    CHECK(vc::playlists::playlist_duration(pl, lib, st) == Millis(9633));  // ceil(462383 / 48)
}

TEST_CASE("the same playlist into a 44.1 kHz output", "[timeline]") {
    StationFixture fx(R"(chime = "chimes/dingdong"
[output]
sample_rate = 44100
channels = 1
)");
    const auto st = fx.station();
    const auto lib = fx.library();
    const auto tl = build_timeline(fx.playlist("all", full_playlist), lib, st);
    CHECK(tl.format == vc::audio::AudioFormat{44100, 1});
    // intro 20002; a 44101; silence 14685; b 22050; gap 66150; end 30000.
    std::vector<std::int64_t> starts, lengths;
    for (const auto& p : tl.placements) {
        starts.push_back(p.start);
        lengths.push_back(p.length);
    }
    CHECK(starts ==
          std::vector<std::int64_t>{0, 0, 20002, 78788, 166988, 225774, 313974, 372760, 394810});
    CHECK(lengths == std::vector<std::int64_t>{424810, 20002, 44101, 22050, 44101, 22050, 44101,
                                               22050, 30000});
    CHECK(tl.length == 424810);
    CHECK(tl.placements[0].fade_in == 88200);
}

TEST_CASE("items follow each other with no silence unless an item says so", "[timeline]") {
    StationFixture fx(station_48k);
    const auto st = fx.station();
    const auto lib = fx.library();
    const auto tl =
        build_timeline(fx.playlist("p",
                                   "intro = \"\"\n[[item]]\nclip = \"body/b\"\n[[item]]\nclip = "
                                   "\"body/a\"\n[[item]]\nclip = \"body/b\"\n"),
                       lib, st);
    REQUIRE(tl.placements.size() == 3);
    CHECK(tl.placements[0].start == 0);
    CHECK(tl.placements[1].start == 24000);
    CHECK(tl.placements[2].start == 72002);
    CHECK(tl.length == 96002);
}

TEST_CASE("a bed's fade is clamped to half the playlist's length", "[timeline]") {
    StationFixture fx(station_48k);
    const auto tl =
        build_timeline(fx.playlist("p",
                                   "intro = \"\"\n[[item]]\nclip = \"body/b\"\n[bed]\nclip = "
                                   "\"music/bed\"\nfade = \"1s\"\n"),
                       fx.library(), fx.station());
    REQUIRE(tl.placements.size() == 2);
    CHECK(tl.placements[0].length == 24000);
    CHECK(tl.placements[0].fade_in == 12000);
    CHECK(tl.placements[0].fade_out == 12000);
}

TEST_CASE("a silence-only playlist is its silence, with no gap after the last repeat",
          "[timeline]") {
    StationFixture fx(station_48k);
    const auto pl =
        fx.playlist("p", "intro = \"\"\nrepeat = 2\ngap = \"1s\"\n[[item]]\nsilence = \"250ms\"\n");
    const auto tl = build_timeline(pl, fx.library(), fx.station());
    CHECK(tl.placements.empty());
    CHECK(tl.length == 12000 + 48000 + 12000);
    CHECK(vc::playlists::timeline_duration(tl) == Millis(1500));
}

TEST_CASE("loudness normalisation boosts a quiet clip by at most 20 dB", "[timeline]") {
    StationFixture fx(station_48k);
    const auto lib = fx.library();
    REQUIRE(lib.find("quiet/whisper")->ok);
    REQUIRE(-16.0 - lufs(lib, "quiet/whisper") > 20.0);
    const auto tl = build_timeline(
        fx.playlist("p", "intro = \"\"\n[[item]]\nclip = \"quiet/whisper\"\ngain_db = -3\n"), lib,
        fx.station());
    REQUIRE(tl.placements.size() == 1);
    CHECK(tl.placements[0].gain_db == Approx(17.0));
}

TEST_CASE("a single clip's timeline has no intro", "[timeline]") {
    StationFixture fx(station_48k);
    const auto st = fx.station();
    const auto lib = fx.library();
    const auto tl = build_clip_timeline("body/a", lib, st);
    REQUIRE(tl.placements.size() == 1);
    CHECK(tl.placements[0].clip_id == "body/a");
    CHECK(tl.placements[0].start == 0);
    CHECK(tl.placements[0].length == 48002);
    CHECK(tl.placements[0].gain_db == Approx(-16.0 - lufs(lib, "body/a")));
    CHECK(tl.length == 48002);
    CHECK(tl.ceiling_dbfs == -1.5);
    CHECK(vc::playlists::clip_duration("body/a", lib, st) == Millis(1001));  // ceil(48002/48)
    CHECK(vc::playlists::clip_duration("chimes/dingdong", lib, st) ==
          Millis(454));  // ceil(21771/48)
    CHECK_THROWS_WITH(build_clip_timeline("nope", lib, st),
                      "no clip `nope` in clips/ (looked for clips/nope ending in " +
                          vc::library::Library::extensions_text() + ")");
    CHECK_THROWS_WITH(build_clip_timeline("../x", lib, st),
                      Catch::Contains("leaves the clips/ folder"));
}

TEST_CASE("build_timeline refuses a playlist naming a missing clip", "[timeline]") {
    StationFixture fx(station_48k);
    const auto pl = fx.playlist("p", "[[item]]\nclip = \"body/c\"\n");
    try {
        (void)build_timeline(pl, fx.library(), fx.station());
        FAIL("no error");
    } catch (const vc::DiagnosticError& e) {
        REQUIRE(e.diagnostics().size() == 1);
        CHECK(e.diagnostics()[0].line == 2);
        CHECK(e.diagnostics()[0].column == 8);
    }
}
