#include <catch2/catch.hpp>

#include <sndfile.h>

#include <cmath>
#include <fstream>
#include <iterator>
#include <random>

#include "audio/decode/clip_analysis.hpp"
#include "core/sha256.hpp"
#include "tests/support/fixtures.hpp"

using Catch::Contains;
using vc::audio::analyse_clip;

namespace {

/// Rewrites the 32-bit little-endian size of the WAV file's data chunk.
void set_wav_data_size(const std::filesystem::path& file, std::uint32_t size) {
    std::string bytes = vc::test::read_bytes(file);
    const auto pos = bytes.find("data");
    REQUIRE(pos != std::string::npos);
    for (int i = 0; i < 4; ++i)
        bytes[pos + 4 + static_cast<std::size_t>(i)] = static_cast<char>((size >> (8 * i)) & 0xFF);
    vc::test::write_bytes(file, bytes);
}

}  // namespace

TEST_CASE("analysis of good clips in every format: format, rate, frames, loudness, peak, hash") {
    vc::test::TempDir dir;
    struct Case {
        const char* name;
        int rate;
        int channels;
        const char* format;
        bool lossless;
    };
    const Case cases[] = {
        {"a.wav", 44100, 2, "WAV PCM-16", true},  {"a.w24", 48000, 1, "WAV PCM-24", true},
        {"a.f32", 22050, 2, "WAV float", true},   {"a.flac", 44100, 1, "FLAC PCM-16", true},
        {"a.ogg", 44100, 2, "Ogg Vorbis", false}, {"a.opus", 48000, 2, "Opus", false},
        {"a.mp3", 44100, 2, "MP3", false},
    };
    for (const auto& c : cases) {
        INFO(c.name);
        const auto file = dir / c.name;
        // A 1 kHz sine at half scale: -6.02 dBFS peak; about -6.0 LUFS in stereo (the K-filter
        // differs a little by rate), and a mono clip is measured as heard on both channels of a
        // stereo output.
        vc::test::write_tone(file, c.rate, c.channels, 2.0, 1000.0, 0.5);
        const auto a = analyse_clip(file);
        INFO(a.problem);
        CHECK(a.ok);
        CHECK(a.problem.empty());
        CHECK(a.format == c.format);
        CHECK(a.sample_rate == c.rate);
        CHECK(a.channels == c.channels);
        if (c.lossless)
            CHECK(a.frames == 2 * c.rate);
        else
            CHECK(std::abs(a.frames - 2 * c.rate) <= 2304);
        CHECK(a.integrated_lufs == Approx(-6.0).margin(c.lossless ? 0.1 : 0.3));
        if (c.lossless)
            CHECK(a.true_peak_dbtp == Approx(-6.02).margin(0.05));
        else  // codecs overshoot, Opus most at its last packet
            CHECK((a.true_peak_dbtp > -6.5 && a.true_peak_dbtp < -3.0));
        CHECK(a.sha256 == vc::sha256_file(file));
    }
}

TEST_CASE("analysis reports silence as -inf LUFS but keeps it playable") {
    vc::test::TempDir dir;
    vc::test::write_silence(dir / "quiet.wav", 48000, 1, 48000);
    const auto a = analyse_clip(dir / "quiet.wav");
    CHECK(a.ok);
    CHECK(a.frames == 48000);
    CHECK(std::isinf(a.integrated_lufs));
    CHECK(a.integrated_lufs < 0);
}

TEST_CASE("analysis never throws for bad audio and says what is wrong") {
    vc::test::TempDir dir;

    SECTION("a missing file") {
        const auto a = analyse_clip(dir / "nothing-here.wav");
        CHECK_FALSE(a.ok);
        CHECK(a.problem == "file not found");
    }
    SECTION("zero bytes") {
        vc::test::write_bytes(dir / "empty.wav", "");
        const auto a = analyse_clip(dir / "empty.wav");
        CHECK_FALSE(a.ok);
        CHECK(a.problem == "empty file (0 bytes)");
        CHECK(a.sha256 == vc::sha256_hex(""));
    }
    SECTION("random bytes named .wav") {
        std::mt19937 gen(7);
        std::string bytes(8192, '\0');
        for (auto& b : bytes) b = static_cast<char>(gen() & 0xFF);
        vc::test::write_bytes(dir / "noise.wav", bytes);
        const auto a = analyse_clip(dir / "noise.wav");
        CHECK_FALSE(a.ok);
        CHECK_THAT(a.problem, Contains("not an audio file libsndfile can read: "));
        CHECK(a.problem.size() > std::string("not an audio file libsndfile can read: ").size());
    }
    SECTION("a truncated WAV") {
        const auto file = dir / "cut.wav";
        vc::test::write_tone(file, 48000, 1, 2.0);  // 96000 frames, 192000 bytes of data
        std::filesystem::resize_file(file, 44 + 48000 * 2);
        const auto a = analyse_clip(file);
        CHECK_FALSE(a.ok);
        CHECK(a.problem ==
              "truncated: the header says 96000 frames (2.00 s) but the file holds only 48000 "
              "frames (1.00 s); it was cut off while copying or recording: copy or export it "
              "again");
        CHECK(a.frames == 48000);
    }
    SECTION("a WAV header that lies about its length") {
        const auto file = dir / "liar.wav";
        vc::test::write_tone(file, 48000, 1, 2.0);
        set_wav_data_size(file, 24000 * 2);  // says 0.5 s; 2 s of samples follow
        const auto a = analyse_clip(file);
        CHECK_FALSE(a.ok);
        CHECK(a.problem ==
              "its header lies about its length: it says 24000 frames (0.50 s) but about 96000 "
              "frames (2.00 s) of data follow; only the first part would play: export it again");
    }
    SECTION("a truncated FLAC") {
        const auto file = dir / "cut.flac";
        vc::test::write_noise(file, 44100, 2, 4.0);
        const auto size = std::filesystem::file_size(file);
        std::filesystem::resize_file(file, size / 2);
        const auto a = analyse_clip(file);
        CHECK_FALSE(a.ok);
        CHECK_THAT(a.problem, Contains("the header says 176400 frames (4.00 s) but"));
        CHECK_THAT(a.problem, Contains("copy or export it again"));
        CHECK(a.frames < 176400);
        CHECK(a.frames > 44100);
    }
    SECTION("a truncated Ogg Vorbis") {
        const auto file = dir / "cut.ogg";
        vc::test::write_noise(file, 44100, 2, 4.0);
        std::filesystem::resize_file(file, std::filesystem::file_size(file) / 2);
        const auto a = analyse_clip(file);
        CHECK_FALSE(a.ok);
        CHECK(a.problem ==
              "truncated: the Ogg stream ends without its last page after " +
                  std::to_string(a.frames) + " frames (" +
                  [&] {
                      char buf[32];
                      std::snprintf(buf, sizeof buf, "%.2f s",
                                    static_cast<double>(a.frames) / 44100.0);
                      return std::string(buf);
                  }() +
                  "); it was cut off while copying or recording: copy or export it again");
        CHECK(a.frames < 176400);
    }
    SECTION("FLAC data named .wav") {
        const auto file = dir / "speech.wav";
        vc::test::write_tone(file, 44100, 1, 1.0, 1000.0, 0.5);
        vc::test::write_audio(
            file, 44100, 1, 44100, [](std::int64_t, int) { return 0.1f; },
            SF_FORMAT_FLAC | SF_FORMAT_PCM_16);
        const auto a = analyse_clip(file);
        CHECK_FALSE(a.ok);
        CHECK(a.format == "FLAC PCM-16");
        CHECK(
            a.problem ==
            "mislabelled: it is named .wav but holds FLAC PCM-16 audio; rename it to speech.flac");
    }
    SECTION("a WAV with no frames") {
        vc::test::write_silence(dir / "none.wav", 48000, 2, 0);
        const auto a = analyse_clip(dir / "none.wav");
        CHECK_FALSE(a.ok);
        CHECK(a.problem == "no audio in it (0 frames)");
        CHECK(a.frames == 0);
    }
}
