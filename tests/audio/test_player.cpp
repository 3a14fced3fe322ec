#include <catch2/catch.hpp>

#include <atomic>

#include "audio/outputs/null_output.hpp"
#include "audio/sources/renderer.hpp"
#include "audio/stream/player.hpp"
#include "tests/audio/measure.hpp"
#include "tests/audio/timeline_support.hpp"
#include "tests/support/fixtures.hpp"

using namespace vc::audio;

namespace {

/// An output that keeps what it is given and can raise the stop flag after some frames.
class RecordingOutput final : public Output {
  public:
    std::atomic<bool>* stop = nullptr;
    std::int64_t stop_after = -1;
    std::vector<float> frames;
    AudioFormat format;
    int opened = 0, drained = 0, closed = 0;

    void open(const AudioFormat& f) override {
        format = f;
        ++opened;
    }
    void write(const float* data, std::int64_t n) override {
        frames.insert(frames.end(), data, data + n * format.channels);
        if (stop && stop_after >= 0 &&
            static_cast<std::int64_t>(frames.size()) / format.channels >= stop_after)
            stop->store(true);
    }
    void drain() override { ++drained; }
    void close() override { ++closed; }
    [[nodiscard]] std::string name() const override { return "recording"; }
    [[nodiscard]] std::int64_t frames_played() const override {
        return static_cast<std::int64_t>(frames.size()) / format.channels;
    }
};

Timeline dc_timeline(const std::filesystem::path& file, std::int64_t length) {
    return vc::test::timeline(length, {vc::test::placement(file, 0, length)});
}

}  // namespace

TEST_CASE("play renders the whole timeline into the output, then drains and closes it") {
    vc::test::TempDir dir;
    vc::test::write_tone(dir / "t.wav", 44100, 1, 1.0);
    Timeline t = dc_timeline(dir / "t.wav", 48000);
    t.placements[0].source_rate = 44100;
    RecordingOutput out;
    std::atomic<bool> stop{false};
    const auto r = play(t, out, stop);
    CHECK(r.frames == 48000);
    CHECK_FALSE(r.stopped);
    CHECK(r.underruns == 0);
    CHECK(out.opened == 1);
    CHECK(out.drained == 1);
    CHECK(out.closed == 1);
    CHECK(out.frames == vc::test::render_all(t));
}

TEST_CASE("stop fades out over half a second and ends") {
    vc::test::TempDir dir;
    vc::test::write_audio(dir / "dc.wav", 48000, 1, 480000, [](std::int64_t, int) { return 0.5f; });
    const Timeline t = dc_timeline(dir / "dc.wav", 480000);
    RecordingOutput out;
    std::atomic<bool> stop{false};
    out.stop = &stop;
    out.stop_after = 100000;
    const auto r = play(t, out, stop);
    CHECK(r.stopped);
    const std::int64_t stopped_at = 100352;  // the end of the 2048-frame block that saw the flag
    CHECK(r.frames == stopped_at + 24000);
    REQUIRE(static_cast<std::int64_t>(out.frames.size()) == r.frames * 2);
    const float v = out.frames[0];
    CHECK(out.frames[static_cast<std::size_t>((stopped_at - 1) * 2)] == v);
    CHECK(out.frames[static_cast<std::size_t>(stopped_at * 2)] == v);  // the fade starts at 1
    CHECK(out.frames[static_cast<std::size_t>((stopped_at + 12000) * 2)] ==
          Approx(v * 0.5f).epsilon(1e-5));
    CHECK(out.frames.back() == Approx(v / 24000.0f).epsilon(1e-3));
    CHECK(out.closed == 1);
}

TEST_CASE("play closes the output when a clip cannot be read") {
    vc::test::TempDir dir;
    const Timeline t = dc_timeline(dir / "missing.wav", 4800);
    RecordingOutput out;
    std::atomic<bool> stop{false};
    CHECK_THROWS_AS(play(t, out, stop), vc::UserError);
    CHECK(out.closed == 1);
}

TEST_CASE("play to a null output under a manual clock takes exactly the timeline's time") {
    vc::test::TempDir dir;
    vc::test::write_tone(dir / "t.wav", 48000, 1, 3.0);
    const Timeline t = dc_timeline(dir / "t.wav", 144000);
    vc::ManualClock clock(vc::Instant(std::chrono::milliseconds(0)));
    const auto t0 = clock.monotonic();
    NullOutput out(&clock);
    std::atomic<bool> stop{false};
    const auto r = play(t, out, stop);
    CHECK(r.frames == 144000);
    CHECK(clock.monotonic() - t0 == std::chrono::seconds(3));
}
