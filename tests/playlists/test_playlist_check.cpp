#include <catch2/catch.hpp>

#include "playlists/playlist_check.hpp"
#include "tests/playlists/diag_match.hpp"
#include "tests/playlists/station_fixture.hpp"

using vc::test::has_error_at;
using vc::test::list_diagnostics;
using vc::test::StationFixture;

TEST_CASE("unknown and broken clips are reported where the playlist names them", "[check]") {
    StationFixture fx("chime = \"chimes/dingdong\"\n");
    vc::test::write_bytes(fx.dir / "clips" / "broken.wav", "");
    vc::test::write_silence(fx.dir / "clips" / "blank.wav", 48000, 1, 48000);
    const auto st = fx.station();
    const auto lib = fx.library();
    const auto pl = fx.playlist("p", R"(outro = "chimes/gone"
[[item]]
clip = "body/a"
[[item]]
clip = "通知/院坝会"
[[item]]
clip = "broken"
[[item]]
clip = "body/b.wav"
[[item]]
clip = "blank"
[bed]
clip = "music/bed"
)");
    vc::Diagnostics diags;
    vc::playlists::check_playlist(pl, lib, st, diags);
    const auto& ds = diags.items();
    INFO(list_diagnostics(ds));
    const auto file = (fx.dir / "playlists" / "p.toml").string();
    for (const auto& d : ds) CHECK(d.file == file);
    CHECK(has_error_at(ds, 1, 9,
                       "`outro`: no clip `chimes/gone` in clips/ (looked for clips/chimes/gone "
                       "ending in .wav, .flac, .ogg, .oga, .opus, .mp3, .m4a, .mp4, .aac, .amr, "
                       ".awb, .wma or .3gp)"));
    CHECK(has_error_at(ds, 5, 8, "[[item]] #2: no clip `通知/院坝会` in clips/"));
    CHECK(has_error_at(
        ds, 7, 8,
        "[[item]] #3: clip `broken` (clips/broken.wav) cannot air: empty file (0 bytes)"));
    CHECK(has_error_at(ds, 9, 8, "write the id without the extension: \"body/b\""));
    CHECK(
        has_error_at(ds, 11, 8, "[[item]] #5: clip `blank` (clips/blank.wav) cannot air: silent"));
    CHECK(ds.size() == 5);
}

TEST_CASE("a missing station chime is reported in station.toml for each playlist using it",
          "[check]") {
    StationFixture fx("name = \"x\"\nchime = \"chimes/ding\"\n");
    const auto st = fx.station();
    const auto lib = fx.library();
    vc::Diagnostics diags;
    vc::playlists::check_playlist(fx.playlist("p", "[[item]]\nclip = \"body/a\"\n"), lib, st,
                                  diags);
    vc::playlists::check_playlist(fx.playlist("q", "intro = \"\"\n[[item]]\nclip = \"body/a\"\n"),
                                  lib, st, diags);
    const auto& ds = diags.items();
    INFO(list_diagnostics(ds));
    REQUIRE(ds.size() == 1);
    CHECK(ds[0].file == (fx.dir / "station.toml").string());
    CHECK(has_error_at(ds, 2, 9, "`chime` (the intro of playlist `p`): no clip `chimes/ding`"));
}

TEST_CASE("a playlist whose clips are all there passes", "[check]") {
    StationFixture fx("chime = \"chimes/dingdong\"\n");
    vc::Diagnostics diags;
    vc::playlists::check_playlist(fx.playlist("p",
                                              "outro = \"chimes/end\"\n[[item]]\nclip = "
                                              "\"body/a\"\n[bed]\nclip = \"music/bed\"\n"),
                                  fx.library(), fx.station(), diags);
    CHECK(diags.empty());
}
