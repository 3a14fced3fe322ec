// A reload with a broken playlist file keeps the playlist's last good version, and the reload
// row names the file as refused; a deleted playlist file is gone.

#include <catch2/catch.hpp>

#include <algorithm>

#include "tests/daemon/daemon_fixture.hpp"

using namespace vc;
using namespace vc::test;

namespace {

const asrun::ReloadedFile* file_in(const asrun::Reload& r, const std::string& name) {
    auto it = std::find_if(r.files.begin(), r.files.end(),
                           [&](const asrun::ReloadedFile& f) { return f.file == name; });
    return it == r.files.end() ? nullptr : &*it;
}

}  // namespace

TEST_CASE("a playlist file that is no longer even TOML keeps its last good version on reload") {
    test::TempDir dir;
    make_station(dir.path(), "[[broadcast]]\nid = \"news\"\nplaylist = \"tone\"\nat = \"08:00\"\n");
    const auto today = date::local_days{date::year{2026} / 12 / 1};
    station::StationState state(dir.path(), today);
    scheduler::Occurrence o;
    o.broadcast_id = "news";
    o.playlist = "tone";
    REQUIRE_NOTHROW(state.airable(o));

    write_text(dir.path() / "playlists/tone.toml", "intro = \n[[item\n");
    const auto record = state.reload(today);
    CHECK_NOTHROW(state.airable(o));
    const auto* playlist = file_in(record, "playlists/tone.toml");
    REQUIRE(playlist != nullptr);
    CHECK_FALSE(playlist->taken);
    CHECK(playlist->note == "kept the last good version");
    // The schedule that names it is taken as before.
    const auto* schedule = file_in(record, "schedule.toml");
    REQUIRE(schedule != nullptr);
    CHECK(schedule->taken);

    std::filesystem::remove(dir.path() / "playlists/tone.toml");
    (void)state.reload(today);
    CHECK_THROWS(state.airable(o));
}
