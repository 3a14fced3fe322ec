// What phones record, read by FFmpeg: each kind decodes to the right length and level, rewinds
// exactly, and a broken or foreign file gets a reason a clerk can act on.
#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

#include "audio/decode/clip_analysis.hpp"
#include "audio/decode/decoder.hpp"
#include "tests/audio/measure.hpp"
#include "tests/support/fixtures.hpp"
#include "tests/support/phone_recordings.hpp"
#include "tests/support/run_command.hpp"

using vc::audio::Decoder;
using vc::test::PhoneFormat;

namespace {

struct Kind {
    PhoneFormat format;
    const char* described;
    int channels;
    std::int64_t slack;  ///< frames a codec may add or drop at the edges
    double peak_margin;  ///< how far a codec may move a 0.5 peak
};

const Kind kinds[] = {
    {PhoneFormat::m4a, "AAC in MP4", 2, 2048, 0.05},
    {PhoneFormat::mp4_video, "AAC in MP4 video", 2, 2048, 0.05},
    {PhoneFormat::wma, "WMA", 2, 4096, 0.05},
    {PhoneFormat::amr_nb, "AMR-NB", 1, 320, 0.2},
    {PhoneFormat::amr_wb, "AMR-WB", 1, 640, 0.2},
};

}  // namespace

TEST_CASE("phone recordings decode through FFmpeg to their length, pitch and level") {
    vc::test::TempDir dir;
    for (const auto& k : kinds) {
        const auto file = dir / ("memo" + vc::test::phone_extension(k.format));
        INFO(file.filename().string());
        const int rate = vc::test::phone_rate(k.format);
        vc::test::write_phone_recording(file, k.format, 3.0, 440.0, 0.5);
        Decoder d(file);
        CHECK(std::string(d.library()) == "FFmpeg");
        CHECK(d.sf_format() == 0);
        CHECK(d.format() == k.described);
        CHECK(d.sample_rate() == rate);
        CHECK(d.channels() == k.channels);
        const auto all = vc::test::decode_all(d);
        const auto decoded = static_cast<std::int64_t>(all.size()) / k.channels;
        CHECK(std::abs(decoded - 3 * rate) <= k.slack);
        const auto mono =
            vc::test::channel_of(all, k.channels, 0, static_cast<std::size_t>(rate / 2),
                                 static_cast<std::size_t>(rate * 5 / 2));
        CHECK(vc::test::zero_crossing_frequency(mono, rate) == Approx(440.0).margin(2.0));
        CHECK(vc::test::peak(mono) == Approx(0.5).margin(k.peak_margin));
    }
}

TEST_CASE("a phone recording rewinds to its first frame") {
    vc::test::TempDir dir;
    for (const auto format : {PhoneFormat::m4a, PhoneFormat::amr_nb}) {
        const auto file = dir / ("loop" + vc::test::phone_extension(format));
        vc::test::write_phone_recording(file, format, 1.0);
        Decoder d(file);
        const auto first = vc::test::decode_all(d, 777);
        d.rewind();
        const auto second = vc::test::decode_all(d, 777);
        CHECK(second == first);
        CHECK_FALSE(first.empty());
    }
}

TEST_CASE("analysis of phone recordings names the decoder and measures them") {
    vc::test::TempDir dir;
    vc::test::write_phone_recording(dir / "memo.m4a", PhoneFormat::m4a, 2.0, 1000.0, 0.5);
    const auto a = vc::audio::analyse_clip(dir / "memo.m4a");
    INFO(a.problem);
    CHECK(a.ok);
    CHECK(a.decoder == "FFmpeg");
    CHECK(a.format == "AAC in MP4");
    CHECK(a.sample_rate == 44100);
    CHECK(std::abs(a.frames - 88200) <= 2048);
    // A 1 kHz sine peaking at -6 dBFS is -9 LUFS on one channel, -6 LUFS on two; peak -6 dBTP.
    CHECK(a.integrated_lufs == Approx(-6.0).margin(1.0));
    CHECK(a.true_peak_dbtp == Approx(-6.0).margin(1.0));
    CHECK(a.sha256.size() == 64);

    vc::test::write_tone(dir / "chime.wav", 48000, 2, 1.0);
    CHECK(vc::audio::analyse_clip(dir / "chime.wav").decoder == "libsndfile");
}

TEST_CASE("broken and foreign phone files are listed with a reason to act on") {
    vc::test::TempDir dir;
    // A recording cut off while copying: FFmpeg writes the MP4 index at the end, so it is lost.
    vc::test::write_phone_recording(dir / "full.m4a", PhoneFormat::m4a, 3.0);
    const auto bytes = vc::test::read_bytes(dir / "full.m4a");
    REQUIRE(bytes.size() > 1000);
    vc::test::write_bytes(dir / "cut.m4a", bytes.substr(0, bytes.size() * 6 / 10));
    auto cut = vc::audio::analyse_clip(dir / "cut.m4a");
    CHECK_FALSE(cut.ok);
    CHECK_THAT(cut.problem, Catch::Contains("moov") && Catch::Contains("copy or export it again"));

    // A cut AMR file keeps its frames up to the cut: it is shorter, and still airs.
    vc::test::write_phone_recording(dir / "full.amr", PhoneFormat::amr_nb, 3.0);
    const auto amr = vc::test::read_bytes(dir / "full.amr");
    vc::test::write_bytes(dir / "half.amr", amr.substr(0, 6 + (amr.size() - 6) / 2));
    auto half = vc::audio::analyse_clip(dir / "half.amr");
    CHECK(half.ok);
    CHECK(std::abs(half.frames - 12000) <= 320);

    // WeChat's voice messages are SILK, named .amr or .slk: say so, and what to do.
    for (const char* name : {"wechat.amr", "wechat.slk"}) {
        INFO(name);
        vc::test::write_bytes(dir / name, std::string("\x02#!SILK_V3") + std::string(600, '\x11'));
        auto silk = vc::audio::analyse_clip(dir / name);
        CHECK_FALSE(silk.ok);
        CHECK_THAT(silk.problem,
                   Catch::Contains("WeChat voice message") && Catch::Contains("voice recorder"));
    }

    // Not audio at all, with a phone extension.
    vc::test::write_bytes(dir / "notes.m4a", "these are meeting notes, not a recording\n");
    auto notes = vc::audio::analyse_clip(dir / "notes.m4a");
    CHECK_FALSE(notes.ok);
    CHECK_FALSE(notes.problem.empty());

    // A video file with no sound track.
    const auto r = vc::test::run_command({"/usr/bin/ffmpeg", "-nostdin", "-loglevel", "error", "-f",
                                          "lavfi", "-i", "testsrc=size=160x120:rate=10", "-t", "1",
                                          "-c:v", "mpeg4", (dir / "silent.mp4").string()});
    REQUIRE(r.exit_code == 0);
    auto silent = vc::audio::analyse_clip(dir / "silent.mp4");
    CHECK_FALSE(silent.ok);
    CHECK_THAT(silent.problem, Catch::Contains("no audio track"));
}
