#include <catch2/catch.hpp>

#include "library/library.hpp"
#include "playlists/mix_settings.hpp"
#include "playlists/playlist.hpp"
#include "playlists/playlist_check.hpp"
#include "station/station.hpp"
#include "tests/playlists/diag_match.hpp"
#include "tests/support/fixtures.hpp"

using vc::Millis;
using namespace vc::test;

namespace {

vc::playlists::Playlist load(const TempDir& dir, const std::string& text, vc::Diagnostics& diags) {
    write_bytes(dir / "p.toml", text);
    auto pl = vc::playlists::load_playlist(dir / "p.toml", "p", diags);
    REQUIRE(pl);
    return *pl;
}

}  // namespace

TEST_CASE("a playlist with every key is read", "[playlist]") {
    TempDir dir;
    vc::Diagnostics diags;
    auto pl = load(dir, R"(title = "院坝会通知"
intro = "chimes/dingdong"
outro = "chimes/end"
repeat = 2
gap = "3s"
[[item]]
clip = "通知/院坝会"
[[item]]
silence = "1.5s"
[[item]]
clip = "policy/medical-aid"
gain_db = -2
[bed]
clip = "music/erhu"
gain_db = -20
fade = "2s"
)",
                   diags);
    INFO(list_diagnostics(diags.items()));
    CHECK(diags.empty());
    CHECK(pl.ok);
    CHECK(pl.name == "p");
    CHECK(pl.title == "院坝会通知");
    REQUIRE(pl.intro);
    CHECK(pl.intro->id == "chimes/dingdong");
    CHECK(pl.intro->pos.line == 2);
    CHECK(pl.intro->pos.column == 9);
    REQUIRE(pl.outro);
    CHECK(pl.outro->id == "chimes/end");
    CHECK(pl.repeat == 2);
    CHECK(pl.gap == Millis(3000));
    REQUIRE(pl.items.size() == 3);
    REQUIRE(pl.items[0].is_clip());
    CHECK(pl.items[0].clip->id == "通知/院坝会");
    CHECK(pl.items[0].clip->pos.line == 7);
    CHECK(pl.items[0].clip->pos.column == 8);
    CHECK(pl.items[0].gain_db == 0.0);
    CHECK_FALSE(pl.items[1].is_clip());
    CHECK(pl.items[1].silence == Millis(1500));
    CHECK(pl.items[2].clip->id == "policy/medical-aid");
    CHECK(pl.items[2].gain_db == -2.0);
    CHECK(pl.items[2].number == 3);
    REQUIRE(pl.bed);
    CHECK(pl.bed->clip.id == "music/erhu");
    CHECK(pl.bed->gain_db == -20.0);
    CHECK(pl.bed->fade == Millis(2000));
}

TEST_CASE("playlist defaults: station chime as intro, one repeat, no gap, title from name",
          "[playlist]") {
    TempDir dir;
    vc::Diagnostics diags;
    auto pl = load(dir, "[[item]]\nclip = \"a\"\n[bed]\nclip = \"m\"\n", diags);
    CHECK(diags.empty());
    CHECK(pl.title == "p");
    CHECK_FALSE(pl.intro);
    CHECK_FALSE(pl.outro);
    CHECK(pl.repeat == 1);
    CHECK(pl.gap == Millis(0));
    CHECK(pl.bed->gain_db == -20.0);
    CHECK(pl.bed->fade == Millis(1000));

    vc::station::Station st;
    st.chime = "chimes/dingdong";
    st.chime_pos = {3, 9};
    auto intro = vc::playlists::effective_intro(pl, st);
    REQUIRE(intro);
    CHECK(intro->id == "chimes/dingdong");
    st.chime.clear();
    CHECK_FALSE(vc::playlists::effective_intro(pl, st));
}

TEST_CASE("intro = \"\" means no intro even when the station has a chime", "[playlist]") {
    TempDir dir;
    vc::Diagnostics diags;
    auto pl = load(dir, "intro = \"\"\n[[item]]\nsilence = \"1s\"\n", diags);
    CHECK(diags.empty());
    vc::station::Station st;
    st.chime = "chimes/dingdong";
    CHECK_FALSE(vc::playlists::effective_intro(pl, st));
}

TEST_CASE("every error of a playlist file is reported at once with line and column", "[playlist]") {
    TempDir dir;
    vc::Diagnostics diags;
    auto pl = load(dir, R"(title = "通知"
intro = "../chimes/dingdong"
repeat = 0
gap = "three seconds"
shuffle = true
[[item]]
clip = "a"
silence = "1s"
[[item]]
gain_db = 3
[[item]]
silence = "1 s"
[[item]]
clip = "/etc/passwd"
[[item]]
clip = 7
[[item]]
silence = "2s"
gain_db = -3
[[item]]
clip = "b"
volume = 2
gain_db = 40
[bed]
gain_db = "loud"
fade = 2
)",
                   diags);
    const auto& ds = diags.items();
    INFO(list_diagnostics(ds));
    const auto file = (dir / "p.toml").string();
    for (const auto& d : ds) CHECK(d.file == file);
    check_errors_at(
        ds, {
                {2, 9, "`intro`: clip id `../chimes/dingdong` leaves the clips/ folder"},
                {3, 10, "`repeat` must be between 1 and 100"},
                {4, 7, "\"three seconds\" is not a duration"},
                {5, 1, "unknown key `shuffle`"},
                {6, 1, "[[item]] #1 has more than one of `clip`, `text` and `silence`"},
                {9, 1,
                 "[[item]] #2 needs `clip` = \"a clip id\", `text` = \"a notice to speak\" or "
                 "`silence` = \"2s\""},
                {12, 11, "\"1 s\" is not a duration"},
                {14, 8, "starts with '/'"},
                {16, 8, "`clip` in [[item]] #5 must be a string in quotes, not an integer"},
                {19, 11, "`gain_db` in [[item]] #6 applies only to a clip item"},
                {22, 1, "unknown key `volume` in [[item]] #7"},
                {23, 11, "`gain_db` in [[item]] #7 must be between -60 and 20 (dB), not 40"},
                {24, 1, "[bed] needs `clip`"},
                {25, 11, "`gain_db` in [bed] must be a number, not a string"},
                {26, 8, "`fade` in [bed] must be a duration"},
            });
    CHECK(ds.size() == 15);
    CHECK_FALSE(pl.ok);
}

TEST_CASE("a playlist with no items is an error", "[playlist]") {
    TempDir dir;
    vc::Diagnostics diags;
    auto pl = load(dir, "title = \"x\"\n", diags);
    INFO(list_diagnostics(diags.items()));
    REQUIRE(diags.items().size() == 1);
    CHECK(has_error_at(diags.items(), 1, 1, "the playlist has no items"));
    CHECK_FALSE(pl.ok);

    vc::Diagnostics d2;
    (void)load(dir, "title = \"x\"\nitem = []\n", d2);
    REQUIRE(d2.items().size() == 1);
    CHECK(has_error_at(d2.items(), 2, 8, "the playlist has no items"));
}

TEST_CASE("a playlist that is not TOML gives one error and no playlist", "[playlist]") {
    TempDir dir;
    write_bytes(dir / "p.toml", "[[item]]\nclip = \"a\n");
    vc::Diagnostics diags;
    CHECK_FALSE(vc::playlists::load_playlist(dir / "p.toml", "p", diags));
    REQUIRE(diags.items().size() == 1);
    CHECK(diags.items()[0].line == 2);
}

TEST_CASE("load_playlists reads every playlists/*.toml by stem", "[playlist]") {
    TempDir dir;
    write_bytes(dir / "station.toml", "");
    write_bytes(dir / "playlists" / "早间新闻.toml", "[[item]]\nclip = \"news/morning\"\n");
    write_bytes(dir / "playlists" / "bad.toml", "repeat = 200\n[[item]]\nclip = \"a\"\n");
    write_bytes(dir / "playlists" / "broken.toml", "[[item]\n");
    write_bytes(dir / "playlists" / ".hidden.toml", "nonsense = 1\n");
    write_bytes(dir / "playlists" / "notes.txt", "hello\n");
    auto st = vc::station::load_station(dir.path());
    vc::Diagnostics diags;
    auto pls = vc::playlists::load_playlists(st, diags);
    INFO(list_diagnostics(diags.items()));
    REQUIRE(pls.size() == 2);
    CHECK(pls.at("早间新闻").ok);
    CHECK(pls.at("早间新闻").items.at(0).clip->id == "news/morning");
    CHECK_FALSE(pls.at("bad").ok);
    CHECK(diags.error_count() == 2);  // bad.toml's repeat, broken.toml's syntax
    CHECK(has_error_at(diags.items(), 1, 10, "`repeat` must be between 1 and 100"));
    bool warned = false;
    for (const auto& d : diags.items())
        warned |= d.severity == vc::Diagnostic::Severity::warning &&
                  d.file == (dir / "playlists" / "notes.txt").string();
    CHECK(warned);
}

TEST_CASE("a text item keeps its text, voice and rate until the station speaks it", "[playlist]") {
    TempDir dir;
    vc::Diagnostics diags;
    auto pl = load(dir, R"([[item]]
text = "明天停水"
voice = "cmn-latn-pinyin"
rate = 120
gain_db = -2
[[item]]
text = "今晚开会"
)",
                   diags);
    INFO(list_diagnostics(diags.items()));
    CHECK(diags.empty());
    REQUIRE(pl.items.size() == 2);
    REQUIRE(pl.items[0].is_text());
    CHECK_FALSE(pl.items[0].is_clip());  // no clip until it is spoken (station/spoken_items)
    CHECK(pl.items[0].text->text == "明天停水");
    CHECK(pl.items[0].text->voice == "cmn-latn-pinyin");
    CHECK(pl.items[0].text->rate == 120);
    CHECK(pl.items[0].text->pos.line == 2);
    CHECK(pl.items[0].text->pos.column == 8);
    CHECK(pl.items[0].gain_db == -2.0);
    CHECK(pl.items[1].text->voice.empty());
    CHECK(pl.items[1].text->rate == 0);
    // Checked against the library before it is spoken, the item is named, not taken for silence.
    vc::Diagnostics check;
    vc::playlists::check_playlist(pl, vc::library::Library{}, vc::playlists::MixSettings{}, check);
    CHECK(has_error_at(check.items(), 2, 8, "its text has not been spoken into a clip"));
}

TEST_CASE("voice and rate belong to text items, and rate is a whole number", "[playlist]") {
    TempDir dir;
    vc::Diagnostics diags;
    auto pl = load(dir, R"([[item]]
clip = "a"
voice = "cmn"
[[item]]
text = "开会"
rate = "fast"
[[item]]
text = "开会"
rate = -3
)",
                   diags);
    const auto& ds = diags.items();
    INFO(list_diagnostics(ds));
    check_errors_at(ds, {
                            {3, 9, "`voice` in [[item]] #1 applies only to a text item"},
                            {6, 8, "`rate` in [[item]] #2 must be"},
                            {9, 8, "`rate` in [[item]] #3 is words a minute, 80 to 450"},
                        });
    CHECK(ds.size() == 3);
    CHECK_FALSE(pl.ok);
}
