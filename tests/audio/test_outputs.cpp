#include <catch2/catch.hpp>

#include <sndfile.h>

#include <chrono>
#include <cmath>
#include <fstream>

#include "audio/outputs/device_list.hpp"
#include "audio/outputs/file_output.hpp"
#include "audio/outputs/null_output.hpp"
#include "audio/outputs/output_factory.hpp"
#include "core/clock.hpp"
#include "core/diagnostic.hpp"
#include "tests/audio/measure.hpp"
#include "tests/support/fixtures.hpp"

using namespace vc::audio;
using Catch::Contains;

namespace {

std::vector<float> ramp(std::int64_t frames, int channels) {
    std::vector<float> v(static_cast<std::size_t>(frames * channels));
    for (std::size_t i = 0; i < v.size(); ++i)
        v[i] = static_cast<float>(std::lrint(std::sin(static_cast<double>(i) * 0.01) * 20000.0)) /
               32768.0f;
    return v;
}

int sf_major(const std::filesystem::path& file) {
    SF_INFO info{};
    SNDFILE* sf = sf_open(file.c_str(), SFM_READ, &info);
    REQUIRE(sf);
    sf_close(sf);
    return info.format;
}

}  // namespace

TEST_CASE("wav and flac outputs write exactly what was rendered") {
    vc::test::TempDir dir;
    for (const char* spec : {"wav:", "flac:"}) {
        INFO(spec);
        const std::string name = spec == std::string("wav:") ? "out.wav" : "out.flac";
        auto out = make_output(spec + (dir / name).string());
        CHECK(out->name() == spec + (dir / name).string());
        out->open({44100, 2});
        const auto frames = ramp(30000, 2);  // values on the 16-bit grid
        out->write(frames.data(), 10000);
        out->write(frames.data() + 20000, 20000);
        out->drain();
        out->close();
        int rate = 0, channels = 0;
        const auto back = vc::test::read_audio(dir / name, rate, channels);
        CHECK(rate == 44100);
        CHECK(channels == 2);
        CHECK(back == frames);
        const int format = sf_major(dir / name);
        CHECK((format & SF_FORMAT_SUBMASK) == SF_FORMAT_PCM_16);
        if (spec == std::string("wav:")) {
            // RF64 is written as a plain RIFF WAVE (with the extensible format header) under 4 GiB.
            CHECK((format & SF_FORMAT_TYPEMASK) == SF_FORMAT_WAVEX);
            std::ifstream in(dir / name, std::ios::binary);
            char magic[4] = {};
            in.read(magic, 4);
            CHECK(std::string(magic, 4) == "RIFF");
        } else {
            CHECK((format & SF_FORMAT_TYPEMASK) == SF_FORMAT_FLAC);
        }
    }
}

TEST_CASE("file outputs clip rather than wrap, and say why they cannot write") {
    vc::test::TempDir dir;
    FileOutput out(dir / "hot.wav", FileOutput::Kind::wav);
    out.open({48000, 1});
    const std::vector<float> hot{1.5f, -1.5f, 0.5f};
    out.write(hot.data(), 3);
    out.close();
    int rate = 0, channels = 0;
    const auto back = vc::test::read_audio(dir / "hot.wav", rate, channels);
    REQUIRE(back.size() == 3);
    CHECK(back[0] > 0.99f);
    CHECK(back[1] == -1.0f);
    CHECK(back[2] == 0.5f);

    FileOutput nowhere(dir / "no-such-folder" / "x.flac", FileOutput::Kind::flac);
    CHECK_THROWS_WITH(nowhere.open({48000, 2}),
                      Contains("cannot write flac:" + (dir / "no-such-folder").string()));
}

TEST_CASE("the null output without a clock just counts") {
    NullOutput out;
    out.open({48000, 2});
    std::vector<float> buf(2 * 48000);
    for (int i = 0; i < 100; ++i) out.write(buf.data(), 48000);
    out.drain();
    CHECK(out.frames_written() == 4'800'000);
    CHECK(out.name() == "null");
    CHECK(out.underruns() == 0);
}

TEST_CASE("the null output with a clock keeps time on absolute deadlines") {
    vc::ManualClock clock(vc::Instant(std::chrono::milliseconds(1'700'000'000'000)));
    const auto t0 = clock.monotonic();
    NullOutput out(&clock);
    out.open({44100, 2});
    std::vector<float> buf(2 * 44100);
    out.write(buf.data(), 14700);  // 1/3 s
    CHECK(clock.monotonic() - t0 == std::chrono::nanoseconds(333'333'333));
    out.write(buf.data(), 14700);
    out.write(buf.data(), 14700);
    CHECK(clock.monotonic() - t0 == std::chrono::seconds(1));  // no rounding creeps in
    clock.advance(std::chrono::milliseconds(250));             // we were late: catch up, not drift
    out.write(buf.data(), 44100);
    CHECK(clock.monotonic() - t0 == std::chrono::seconds(2));
}

TEST_CASE("the output spec grammar") {
    vc::test::TempDir dir;
    CHECK(make_output("null")->name() == "null");
    CHECK(make_output("wav:" + (dir / "a.wav").string())->name() ==
          "wav:" + (dir / "a.wav").string());
    CHECK(make_output("flac:relative/b.flac")->name() == "flac:relative/b.flac");
    CHECK_THROWS_WITH(make_output(""), Contains("no output given: use `default`"));
    CHECK_THROWS_WITH(make_output("wav:"),
                      "output `wav:` names no file: write it as wav:/path/to/airing.wav");
    CHECK_THROWS_WITH(make_output("flac:"),
                      "output `flac:` names no file: write it as flac:/path/to/airing.flac");
    CHECK_THROWS_AS(make_output(""), vc::UserError);
}

TEST_CASE("device specs that match nothing say what there is") {
    const auto devices = list_devices();
    if (devices.empty()) {
        // This machine has no sound card: every device spec says so, and what to do instead.
        for (const char* spec : {"default", "0", "USB Audio"}) {
            INFO(spec);
            try {
                make_output(spec);
                FAIL("a device spec worked without any device");
            } catch (const vc::UserError& e) {
                const std::string what = e.what();
                CHECK_THAT(what, Contains("no sound device was found"));
                CHECK_THAT(what, Contains("`villagecast devices`"));
                CHECK_THAT(what, Contains("`--output wav:FILE`"));
                CHECK_THAT(what, Contains("`--output null`"));
            }
        }
    } else {
        CHECK_THROWS_WITH(
            make_output("no device is called this"),
            Contains(
                "no sound device's name contains \"no device is called this\"; the devices are:") &&
                Contains(devices.front().name));
        CHECK_THROWS_WITH(make_output("98765"), Contains("there is no sound device number 98765"));
    }
}
