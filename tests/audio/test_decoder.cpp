#include <catch2/catch.hpp>

#include <sndfile.h>

#include <cmath>
#include <vector>

#include "audio/decode/decoder.hpp"
#include "tests/audio/measure.hpp"
#include "tests/support/fixtures.hpp"

using vc::audio::Decoder;

TEST_CASE("the decoder reads every supported format a block at a time") {
    vc::test::TempDir dir;
    struct Case {
        const char* name;
        int rate;
        int channels;
        bool lossless;
        int major;
    };
    const Case cases[] = {
        {"tone.wav", 44100, 2, true, SF_FORMAT_WAV},
        {"tone.w24", 22050, 1, true, SF_FORMAT_WAV},
        {"tone.f32", 8000, 1, true, SF_FORMAT_WAV},
        {"tone.flac", 44100, 2, true, SF_FORMAT_FLAC},
        {"tone.ogg", 44100, 2, false, SF_FORMAT_OGG},
        {"tone.opus", 48000, 1, false, SF_FORMAT_OGG},
        {"tone.mp3", 44100, 2, false, SF_FORMAT_MPEG},
    };
    for (const auto& c : cases) {
        INFO(c.name);
        const auto file = dir / c.name;
        const std::int64_t frames = c.rate * 3 / 2;  // 1.5 s
        vc::test::write_tone(file, c.rate, c.channels, 1.5, 1000.0, 0.5);
        Decoder d(file);
        CHECK(d.sample_rate() == c.rate);
        CHECK(d.channels() == c.channels);
        CHECK((d.sf_format() & SF_FORMAT_TYPEMASK) == c.major);
        const auto all = vc::test::decode_all(d);
        const auto decoded = static_cast<std::int64_t>(all.size()) / c.channels;
        if (c.lossless) {
            CHECK(decoded == frames);
            CHECK(d.header_frames() == frames);
        } else {
            // Lossy codecs may add or drop a packet's worth at the edges.
            CHECK(std::abs(decoded - frames) <= 2304);
        }
        const auto mono =
            vc::test::channel_of(all, c.channels, 0, static_cast<std::size_t>(c.rate / 4),
                                 static_cast<std::size_t>(c.rate * 5 / 4));
        CHECK(vc::test::zero_crossing_frequency(mono, c.rate) == Approx(1000.0).margin(1.0));
        CHECK(vc::test::peak(mono) == Approx(0.5).margin(0.03));
    }
}

TEST_CASE("the decoder rewinds to the first frame") {
    vc::test::TempDir dir;
    for (const char* name : {"c.wav", "c.flac", "c.ogg", "c.mp3"}) {
        INFO(name);
        vc::test::write_tone(dir / name, 44100, 1, 0.5);
        Decoder d(dir / name);
        const auto first = vc::test::decode_all(d);
        d.rewind();
        const auto second = vc::test::decode_all(d);
        CHECK(second == first);
    }
}

TEST_CASE("the decoder's errors name the file and carry libsndfile's message") {
    vc::test::TempDir dir;
    vc::test::write_bytes(dir / "garbage.wav", std::string(4096, '\x5a'));
    try {
        Decoder d(dir / "garbage.wav");
        FAIL("opened a garbage file");
    } catch (const vc::audio::AudioFileError& e) {
        const std::string what = e.what();
        CHECK_THAT(what, Catch::Contains((dir / "garbage.wav").string()));
        CHECK_FALSE(e.detail().empty());
        CHECK_THAT(what, Catch::Contains(e.detail()));
    }
    CHECK_THROWS_AS(Decoder(dir / "missing.wav"), vc::UserError);
}
