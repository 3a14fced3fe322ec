// Airings routed to channels of one multichannel output (zones that are channels of one sound
// card): where each one plays, ducking per channel, the routes refused, and the stream's path.

#include <catch2/catch.hpp>

#include <chrono>
#include <condition_variable>
#include <cstring>
#include <functional>
#include <mutex>
#include <sstream>

#include "audio/outputs/null_output.hpp"
#include "audio/stream/airing_mixer.hpp"
#include "audio/stream/audio_stream.hpp"
#include "core/clock.hpp"
#include "tests/audio/airing_mixer_support.hpp"
#include "tests/audio/measure.hpp"

using namespace vc::audio;
using namespace vc::test;
using namespace std::chrono_literals;
using Catch::Contains;

namespace {

constexpr AudioFormat quad{48000, 4};

/// `length` frames holding values[c] on channel c, at `rate`.
class ConstSource final : public Source {
  public:
    ConstSource(std::vector<float> values, std::int64_t length, int rate = 48000)
        : values_(std::move(values)), length_(length), rate_(rate) {}
    [[nodiscard]] AudioFormat format() const override {
        return {rate_, static_cast<int>(values_.size())};
    }
    [[nodiscard]] std::optional<std::int64_t> length() const override { return length_; }
    [[nodiscard]] std::int64_t max_block() const override { return 1000; }
    std::int64_t render(float* out, std::int64_t frames) override {
        const std::int64_t n = std::min(frames, length_ - position_);
        for (std::int64_t f = 0; f < n; ++f) {
            for (std::size_t c = 0; c < values_.size(); ++c) {
                *out++ = values_[c];
            }
        }
        position_ += n;
        return n;
    }

  private:
    std::vector<float> values_;
    std::int64_t length_;
    int rate_;
    std::int64_t position_ = 0;
};

std::unique_ptr<Source> constant(std::vector<float> values, std::int64_t length, int rate = 48000) {
    return std::make_unique<ConstSource>(std::move(values), length, rate);
}

/// Renders `frames` more frames of a mixer of any channel count in blocks of `block`.
void render_all(AiringMixer& m, std::int64_t frames, std::vector<float>& out,
                std::vector<StreamEvent>& events, std::int64_t block) {
    const int ch = m.format().channels;
    std::vector<float> buf(static_cast<std::size_t>(block * ch));
    while (frames > 0) {
        const std::int64_t n = std::min(block, frames);
        m.render(buf.data(), n, events);
        out.insert(out.end(), buf.begin(), buf.begin() + n * ch);
        frames -= n;
    }
}

/// What each output channel should hold at a frame.
using Expect = std::function<float(std::int64_t frame, int channel)>;

/// The first sample of `out` (interleaved, `channels`) that differs from `expect`, described;
/// empty when every sample matches exactly.
std::string first_mismatch(const std::vector<float>& out, int channels, const Expect& expect) {
    const auto frames = static_cast<std::int64_t>(out.size()) / channels;
    for (std::int64_t f = 0; f < frames; ++f) {
        for (int c = 0; c < channels; ++c) {
            const float want = expect(f, c);
            const float got = sample_at(out, f, c, channels);
            if (got != want) {
                std::ostringstream s;
                s.precision(9);
                s << "frame " << f << " channel " << c << ": " << got << ", expected " << want;
                return s.str();
            }
        }
    }
    return {};
}

/// A 48 kHz mono timeline of `length` frames of a file holding `value` (pcm16(value)).
std::shared_ptr<const Timeline> mono_dc(const std::filesystem::path& file, std::int64_t length,
                                        float value) {
    write_dc(file, length, value);
    return shared_timeline(length, {placement(file, 0, length)}, {48000, 1});
}

bool within(std::int64_t f, std::int64_t start, std::int64_t length) {
    return f >= start && f < start + length;
}

}  // namespace

TEST_CASE(
    "airings routed to one channel each of a 4-channel stream play only there, from the "
    "same exact frame") {
    vc::test::TempDir dir;
    const auto zone_b = mono_dc(dir / "b.wav", 6000, 0.5f);
    const float b = pcm16(0.5f);
    const std::int64_t s = 12345;
    for (std::int64_t block : {7, 1000, 4096, 30000}) {
        INFO("block " << block);
        AiringMixer m(quad, {});
        std::vector<float> out;
        std::vector<StreamEvent> events;
        render_all(m, 100, out, events, block);
        m.add(1, constant({0.25f}, 10000), s, Layer::foreground, false, {0});  // a Source
        m.add(2, zone_b, s, Layer::foreground, false, {1});                    // a Timeline
        render_all(m, 30000 - 100, out, events, block);
        REQUIRE(out.size() == std::size_t{30000} * 4);
        const auto mismatch = first_mismatch(out, 4, [&](std::int64_t f, int c) {
            if (c == 0) {
                return within(f, s, 10000) ? 0.25f : 0.0f;
            }
            if (c == 1) {
                return within(f, s, 6000) ? b : 0.0f;
            }
            return 0.0f;  // channels 2 and 3: nothing routed there
        });
        CHECK(mismatch.empty());
        INFO(mismatch);
        CHECK(sample_at(out, s - 1, 0, 4) == 0.0f);
        CHECK(sample_at(out, s, 0, 4) == 0.25f);
        CHECK(sample_at(out, s - 1, 1, 4) == 0.0f);
        CHECK(sample_at(out, s, 1, 4) == b);
        INFO(describe(events));
        CHECK(events == std::vector<StreamEvent>{started(1, s), started(2, s),
                                                 ended(2, s + 6000, true),
                                                 ended(1, s + 10000, true)});
    }
}

TEST_CASE("a stereo source routed to channels 2 and 3 plays its channel i on route[i]") {
    AiringMixer m(quad, {});
    m.add(1, constant({0.125f, 0.375f}, 5000), 1000, Layer::foreground, false, {2, 3});
    m.add(2, constant({0.0625f, 0.25f}, 4000), 2000, Layer::foreground, false, {1, 0});  // swapped
    m.add(3, constant({0.5f, 0.5f, 0.5f, 0.5f}, 100), 7000, Layer::foreground);  // no route: all
    std::vector<float> out;
    std::vector<StreamEvent> events;
    render_all(m, 10000, out, events, 999);
    const auto mismatch = first_mismatch(out, 4, [](std::int64_t f, int c) {
        float v = 0.0f;
        if (within(f, 1000, 5000)) {
            v += c == 2 ? 0.125f : c == 3 ? 0.375f : 0.0f;
        }
        if (within(f, 2000, 4000)) {
            v += c == 1 ? 0.0625f : c == 0 ? 0.25f : 0.0f;
        }
        if (within(f, 7000, 100)) {
            v += 0.5f;
        }
        return v;
    });
    CHECK(mismatch.empty());
    INFO(mismatch);
    CHECK(sample_at(out, 999, 2, 4) == 0.0f);
    CHECK(sample_at(out, 1000, 2, 4) == 0.125f);
    CHECK(sample_at(out, 1000, 3, 4) == 0.375f);
    CHECK(sample_at(out, 5999, 3, 4) == 0.375f);
    CHECK(sample_at(out, 6000, 3, 4) == 0.0f);
    CHECK(sample_at(out, 2000, 0, 4) == 0.25f);
    CHECK(sample_at(out, 2000, 1, 4) == 0.0625f);
    CHECK(sample_at(out, 7000, 0, 4) == 0.5f);
    CHECK(sample_at(out, 7000, 3, 4) == 0.5f);
    CHECK(events == std::vector<StreamEvent>{started(1, 1000), started(2, 2000),
                                             ended(1, 6000, true), ended(2, 6000, true),
                                             started(3, 7000), ended(3, 7100, true)});
}

TEST_CASE("a background is ducked only on the output channels where a foreground plays") {
    MixerConfig config;  // -15 dB
    config.duck_down_frames = 1000;
    config.duck_up_frames = 2000;
    const double g = std::pow(10.0, -15.0 / 20.0);
    const float v = 0.25f;
    // The envelope's value `into` frames into a ramp from `a` to `b` over `n` frames, and the
    // sample a background of `v` plays at it (the mixer scales by the float gain).
    const auto ramp = [](double a, double b, std::int64_t into, std::int64_t n) {
        return static_cast<float>(a + (b - a) * static_cast<double>(into) / static_cast<double>(n));
    };

    SECTION("a bed on channel 0, announcements on channel 1 and then on channel 0") {
        AiringMixer m(quad, config);
        m.add(1, constant({v}, 40000), 0, Layer::background, false, {0});
        m.add(2, constant({0.5f}, 5000), 5000, Layer::foreground, false, {1});   // zone B
        m.add(3, constant({0.0f}, 5000), 20000, Layer::foreground, false, {0});  // zone A (silent)
        std::vector<float> out;
        std::vector<StreamEvent> events;
        render_all(m, 40000, out, events, 777);
        const auto mismatch = first_mismatch(out, 4, [&](std::int64_t f, int c) -> float {
            if (c == 1) {
                return within(f, 5000, 5000) ? 0.5f : 0.0f;  // the foreground: never ducked
            }
            if (c != 0) {
                return 0.0f;
            }
            // Full level before 20000, and the whole time zone B's announcement plays.
            if (f <= 20000) {
                return v;
            }
            if (f < 21000) {
                return v * ramp(1.0, g, f - 20000, 1000);
            }
            if (f <= 25000) {
                return v * static_cast<float>(g);
            }
            if (f < 27000) {
                return v * ramp(g, 1.0, f - 25000, 2000);
            }
            return v;
        });
        CHECK(mismatch.empty());
        INFO(mismatch);
        CHECK(sample_at(out, 7500, 0, 4) == v);
        CHECK(sample_at(out, 22000, 0, 4) == v * static_cast<float>(g));
        CHECK(sample_at(out, 27000, 0, 4) == v);
    }

    SECTION("a bed on channels 0 and 1 under a foreground on channel 1 only") {
        const bool mute = GENERATE(false, true);
        INFO((mute ? "mutes_background" : "ducks"));
        const double low = mute ? 0.0 : g;
        AiringMixer m(quad, config);
        m.add(1, constant({v, v}, 20000), 0, Layer::background, false, {0, 1});
        m.add(2, constant({0.0f}, 5000), 5000, Layer::foreground, mute, {1});
        std::vector<float> out;
        std::vector<StreamEvent> events;
        render_all(m, 20000, out, events, 4096);
        const auto mismatch = first_mismatch(out, 4, [&](std::int64_t f, int c) -> float {
            if (c == 0) {
                return v;  // zone A: untouched by zone B's announcement
            }
            if (c != 1) {
                return 0.0f;
            }
            if (f <= 5000) {
                return v;
            }
            if (f < 6000) {
                return v * ramp(1.0, low, f - 5000, 1000);
            }
            if (f <= 10000) {
                return v * static_cast<float>(low);
            }
            if (f < 12000) {
                return v * ramp(low, 1.0, f - 10000, 2000);
            }
            return v;
        });
        CHECK(mismatch.empty());
        INFO(mismatch);
        CHECK(sample_at(out, 8000, 0, 4) == v);
        CHECK(sample_at(out, 8000, 1, 4) == (mute ? 0.0f : v * static_cast<float>(g)));
    }
}

TEST_CASE("an explicit identity route gives the same bytes as no route") {
    vc::test::TempDir dir;
    vc::test::write_noise(dir / "n.wav", 48000, 2, 2.0, 0.9, 5);
    vc::test::write_tone(dir / "t.wav", 48000, 2, 4.0, 330.0, 0.9);
    const auto fg = shared_timeline(96000, {placement(dir / "n.wav", 0, 96000, 48000, 2)});
    const auto bg = shared_timeline(192000, {placement(dir / "t.wav", 0, 192000, 48000, 2)});
    auto run = [&](std::vector<int> route) {
        AiringMixer m(stereo, {});
        std::vector<float> out;
        std::vector<StreamEvent> events;
        m.add(1, bg, 100, Layer::background, false, route);
        m.add(2, fg, 30000, Layer::foreground, false, route);
        render(m, 50000, out, events, 999);
        m.fade_out(2, 100000, 24000);
        render(m, 150000, out, events, 999);
        return out;
    };
    const auto plain = run({});
    const auto routed = run({0, 1});
    REQUIRE(plain.size() == routed.size());
    CHECK(std::memcmp(plain.data(), routed.data(), plain.size() * sizeof(float)) == 0);
    CHECK(vc::test::peak(plain) > 0.5f);
}

TEST_CASE("the mixer and the stream refuse a route that does not fit") {
    AiringMixer m(quad, {});
    CHECK_THROWS_WITH(
        m.add(1, constant({0.1f}, 10), 0, Layer::foreground, false, {4}),
        Contains("airing 1") && Contains("output channel 4") && Contains("4 channels"));
    CHECK_THROWS_WITH(m.add(1, constant({0.1f}, 10), 0, Layer::foreground, false, {-1}),
                      Contains("output channel -1"));
    CHECK_THROWS_WITH(m.add(1, constant({0.1f, 0.1f}, 10), 0, Layer::foreground, false, {2, 2}),
                      Contains("output channel 2 twice"));
    CHECK_THROWS_WITH(m.add(1, constant({0.1f, 0.1f}, 10), 0, Layer::foreground, false, {0}),
                      Contains("2 channels") && Contains("names 1"));
    CHECK_THROWS_WITH(m.add(1, constant({0.1f}, 10), 0, Layer::foreground, false, {0, 1}),
                      Contains("1 channels") && Contains("names 2"));
    CHECK_THROWS_WITH(m.add(1, constant({0.1f}, 10, 44100), 0, Layer::foreground, false, {0}),
                      Contains("44100 Hz") && Contains("48000 Hz"));
    // No route: the source must have the stream's channels, as before.
    CHECK_THROWS_WITH(m.add(1, constant({0.1f}, 10), 0, Layer::foreground),
                      Contains("1 channels") && Contains("4 channels"));
    CHECK_THROWS_AS(m.add(1, std::shared_ptr<const Timeline>{}, 0, Layer::foreground, false, {0}),
                    std::invalid_argument);
    CHECK(m.idle());  // nothing refused was kept
    m.add(1, constant({0.1f}, 10), 0, Layer::foreground, false, {3});
    CHECK_FALSE(m.idle());

    // The stream checks on the caller's thread, before anything is queued.
    vc::test::TempDir dir;
    const auto mono = mono_dc(dir / "m.wav", 100, 0.5f);
    AudioStream stream(std::make_unique<NullOutput>(), quad, {},
                       {StreamMode::manual, 0, nullptr, 3000, {}});
    CHECK_THROWS_WITH(stream.add(1, mono, 0, Layer::foreground, false, {7}),
                      Contains("output channel 7"));
    CHECK_THROWS_WITH(stream.add(1, mono, 0, Layer::foreground, false, {0, 1}),
                      Contains("names 2"));
    CHECK_THROWS_WITH(stream.add(1, mono, 0, Layer::foreground), Contains("1 channels"));
    CHECK(stream.idle());
}

namespace {

/// A tap that keeps every frame it sees, by absolute frame, and the events delivered.
struct Recorder {
    std::mutex mutex;
    std::condition_variable changed;
    std::vector<float> frames;  ///< interleaved, from frame 0
    std::vector<StreamEvent> events;
    int channels = 4;

    AudioStream::Tap tap() {
        return [this](std::int64_t first, const float* interleaved, std::int64_t n) {
            std::lock_guard lock(mutex);
            const auto at = static_cast<std::size_t>(first * channels);
            frames.resize(std::max(frames.size(), at + static_cast<std::size_t>(n * channels)));
            std::copy(interleaved, interleaved + n * channels, frames.begin() + at);
        };
    }
    AudioStream::EventHandler handler() {
        return [this](const StreamEvent& e) {
            std::lock_guard lock(mutex);
            events.push_back(e);
            changed.notify_all();
        };
    }
    /// Waits (at most 10 s, for a broken build) until `n` events have arrived.
    void wait_for(std::size_t n) {
        std::unique_lock lock(mutex);
        changed.wait_for(lock, 10s, [&] { return events.size() >= n; });
    }
};

}  // namespace

TEST_CASE("a stream carries routed airings to their channels, and its tap sees every channel") {
    vc::test::TempDir dir;
    const auto zone_a = mono_dc(dir / "a.wav", 9600, 0.25f);
    const auto zone_b = mono_dc(dir / "b.wav", 4800, 0.5f);
    const float a = pcm16(0.25f);
    const float b = pcm16(0.5f);
    const bool real_time = GENERATE(false, true);
    INFO((real_time ? "real time" : "manual"));
    vc::ManualClock clock(vc::Instant{});
    Recorder rec;
    const StreamMode mode = real_time ? StreamMode::real_time : StreamMode::manual;
    AudioStream stream(std::make_unique<NullOutput>(real_time ? &clock : nullptr), quad, {},
                       {mode, 0, &clock, 3000, {}}, rec.handler());
    stream.set_tap(rec.tap());
    // Placed before open(): in real time they go through the command queue and the read-ahead.
    const std::int64_t s = 48000;
    CHECK(stream.add(1, zone_a, s, Layer::foreground, false, {0}) == s);
    CHECK(stream.add(2, zone_b, s, Layer::foreground, false, {3}) == s);
    stream.open();
    std::vector<StreamEvent> events;
    if (real_time) {
        rec.wait_for(4);
        std::lock_guard lock(rec.mutex);
        events = rec.events;
    } else {
        stream.advance_to(s + 20000, events);
    }
    INFO(describe(events));
    REQUIRE(events.size() >= 4);
    CHECK(std::vector<StreamEvent>(events.begin(), events.begin() + 4) ==
          std::vector<StreamEvent>{started(1, s), started(2, s), ended(2, s + 4800, true),
                                   ended(1, s + 9600, true)});
    stream.close();
    std::lock_guard lock(rec.mutex);
    REQUIRE(rec.frames.size() >= std::size_t{(48000 + 9600 + 1)} * 4);
    rec.frames.resize(std::size_t{(48000 + 9600 + 1)} * 4);
    const auto mismatch = first_mismatch(rec.frames, 4, [&](std::int64_t f, int c) {
        if (c == 0) {
            return within(f, s, 9600) ? a : 0.0f;
        }
        if (c == 3) {
            return within(f, s, 4800) ? b : 0.0f;
        }
        return 0.0f;
    });
    CHECK(mismatch.empty());
    INFO(mismatch);
}
