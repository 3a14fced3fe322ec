// A phone's recording starts and ends with quiet: the library measures it, and a playlist item
// with `trim = true` plays from the first sound to the last, the file staying as recorded.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <vector>

#include "audio/sources/renderer.hpp"
#include "playlists/timeline_builder.hpp"
#include "tests/playlists/station_fixture.hpp"

using vc::test::StationFixture;

namespace {

constexpr const char* station_48k = R"(chime = ""
loudness_target = -30
[output]
device = "null"
sample_rate = 48000
channels = 1
)";

std::vector<float> render_all(const vc::audio::Timeline& tl) {
    vc::audio::Renderer renderer(tl);
    std::vector<float> out(static_cast<std::size_t>(tl.length * tl.format.channels));
    for (std::int64_t done = 0; done < tl.length;) {
        const auto n = renderer.render(out.data() + done * tl.format.channels,
                                       std::min<std::int64_t>(1000, tl.length - done));
        REQUIRE(n > 0);
        done += n;
    }
    return out;
}

/// Frames of `out` (mono) whose magnitude is over `level`.
std::vector<std::int64_t> loud_frames(const std::vector<float>& out, float level) {
    std::vector<std::int64_t> frames;
    for (std::size_t i = 0; i < out.size(); ++i)
        if (std::fabs(out[i]) > level) frames.push_back(static_cast<std::int64_t>(i));
    return frames;
}

}  // namespace

TEST_CASE("the library measures the quiet before the first sound and after the last") {
    StationFixture fx(station_48k);
    // 2.5 s: 1 s of quiet, a click at 1 s and one at 2 s less a frame, 0.5 s of quiet.
    vc::test::write_clicks(fx.dir / "clips" / "memo.wav", 48000, 1, 120000, {48000, 95999}, 0.5f);
    vc::test::write_silence(fx.dir / "clips" / "empty.wav", 48000, 1, 4800);
    const auto lib = fx.library();
    const auto& memo = lib.find("memo")->analysis;
    CHECK(memo.quiet_start == 48000);
    CHECK(memo.quiet_end == 24000);
    // 0.1 s of the quiet is kept on each side.
    const auto kept = vc::audio::trimmed(memo);
    CHECK(kept.skip == 48000 - 4800);
    CHECK(kept.frames == 120000 - 43200 - 19200);
    const auto& empty = lib.find("empty")->analysis;
    CHECK(empty.quiet_start == 4800);
    CHECK(vc::audio::trimmed(empty).skip == 0);
    CHECK(vc::audio::trimmed(empty).frames == 4800);
}

TEST_CASE("`trim = true` plays a clip from its first sound to its last, to the frame") {
    StationFixture fx(station_48k);
    vc::test::write_clicks(fx.dir / "clips" / "memo.wav", 48000, 1, 120000, {48000, 95999}, 0.5f);
    const auto st = fx.station();
    const auto lib = fx.library();

    const auto whole =
        vc::playlists::build_timeline(fx.playlist("whole", "[[item]]\nclip = \"memo\"\n"), lib, st);
    CHECK(whole.length == 120000);
    CHECK(loud_frames(render_all(whole), 0.01f) == std::vector<std::int64_t>{48000, 95999});

    const auto tl = vc::playlists::build_timeline(
        fx.playlist("trimmed",
                    "[[item]]\nclip = \"memo\"\ntrim = true\n[[item]]\nclip = \"memo\"\n"),
        lib, st);
    REQUIRE(tl.placements.size() == 2);
    CHECK(tl.placements[0].skip == 43200);
    CHECK(tl.placements[0].length == 57600);
    CHECK(tl.placements[1].skip == 0);
    CHECK(tl.length == 57600 + 120000);
    // The trimmed item's clicks 0.1 s from its edges, then the whole clip's.
    CHECK(loud_frames(render_all(tl), 0.01f) ==
          std::vector<std::int64_t>{4800, 52799, 57600 + 48000, 57600 + 95999});
}

TEST_CASE("`trim` is checked where it is written") {
    StationFixture fx(station_48k);
    auto problems = [&](const std::string& toml) {
        const auto file = fx.dir / "playlists" / "p.toml";
        vc::test::write_bytes(file, toml);
        vc::Diagnostics diags;
        (void)vc::playlists::load_playlist(file, "p", diags);
        std::vector<std::string> out;
        for (const auto& d : diags.items()) out.push_back(d.str());
        return out;
    };
    auto on_silence = problems("[[item]]\nsilence = \"2s\"\ntrim = true\n");
    REQUIRE(on_silence.size() == 1);
    CHECK_THAT(on_silence[0],
               Catch::Contains("p.toml:3:") &&
                   Catch::Contains("`trim` in [[item]] #1 applies only to a clip item"));
    auto not_bool = problems("[[item]]\nclip = \"memo\"\ntrim = \"yes\"\n");
    REQUIRE(not_bool.size() == 1);
    CHECK_THAT(not_bool[0], Catch::Contains("p.toml:3:") && Catch::Contains("trim"));
}
