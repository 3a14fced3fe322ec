// The continuous stream on a real device, no mock: a private PulseAudio daemon with a null sink
// stands in for the sound card, and parec records what reached it.

#include <catch2/catch.hpp>

#include <chrono>
#include <cmath>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <mutex>

#include "audio/outputs/output_factory.hpp"
#include "audio/stream/audio_stream.hpp"
#include "core/clock.hpp"
#include "tests/audio/measure.hpp"
#include "tests/audio/timeline_support.hpp"
#include "tests/support/fixtures.hpp"
#include "tests/support/pulse_server.hpp"

using namespace vc::audio;
using namespace std::chrono_literals;
using Kind = StreamEvent::Kind;
using vc::MonoTime;

namespace {

double ms_between(MonoTime a, MonoTime b) {
    return std::chrono::duration<double, std::milli>(b - a).count();
}

}  // namespace

TEST_CASE(
    "a stream on a real device maps frames to the DAC's time and plays the airing where it was "
    "placed") {
    vc::test::TempDir dir;
    vc::test::PulseServer pulse;
    vc::test::write_tone(dir / "tone.wav", 48000, 1, 0.5, 1000.0, 0.5);
    vc::test::write_clicks(dir / "click.wav", 48000, 1, 480, {0}, 0.9f);
    const auto timeline = [&](const char* name, std::int64_t length) {
        return vc::test::shared_timeline(length, {vc::test::placement(dir / name, 0, length)});
    };
    const auto tone = timeline("tone.wav", 24000);
    const auto click = timeline("click.wav", 480);

    std::mutex mutex;
    std::condition_variable changed;
    std::vector<StreamEvent> events;
    std::vector<MonoTime> delivered;
    vc::SystemClock clock;
    vc::test::MonitorRecording recording(dir / "captured.raw");
    AudioStream stream(make_output("default"), {48000, 2}, {},
                       {StreamMode::real_time, 0, &clock, 3000, {}}, [&](const StreamEvent& e) {
                           std::lock_guard lock(mutex);
                           events.push_back(e);
                           delivered.push_back(clock.monotonic());
                           changed.notify_all();
                       });

    const MonoTime opened = clock.monotonic();
    stream.open();
    // As the daemon does: the frame that plays one second from now, maybe before the device
    // has reported its timing (then estimated from the open time).
    const MonoTime target = clock.monotonic() + 1s;
    const bool anchored_at_add = stream.anchored();
    const std::int64_t estimated = stream.frame_at(target);
    const std::int64_t start = stream.add(1, tone, estimated, Layer::foreground);
    CHECK(start == estimated);
    // Events come once the callback has taken their frame, a little before the DAC plays it:
    // a silent airing 0.3 s after the tone keeps the stream open until the tone has gone out.
    auto silence = std::make_shared<Timeline>();
    silence->format = {48000, 2};
    silence->length = 480;
    CHECK(stream.add(2, silence, start + 24000 + 14400, Layer::foreground) == start + 38400);
    // A click 0.1 s before the tone: the distance between them must survive the trip.
    CHECK(stream.add(3, click, start - 4800, Layer::foreground) == start - 4800);
    {
        std::unique_lock lock(mutex);
        changed.wait_for(lock, 10s, [&] { return events.size() >= 5; });
    }
    const std::int64_t underruns = stream.underruns();
    stream.close();
    const auto captured = recording.stop();

    {
        std::lock_guard lock(mutex);
        REQUIRE(events.size() >= 5);
        CHECK(events[0] == StreamEvent{Kind::started, 3, start - 4800, false, {}});
        CHECK(events[1] == StreamEvent{Kind::ended, 3, start - 4320, true, {}});
        CHECK(events[2] == StreamEvent{Kind::started, 1, start, false, {}});
        CHECK(events[3] == StreamEvent{Kind::ended, 1, start + 24000, true, {}});
        CHECK(events[4] == StreamEvent{Kind::started, 2, start + 38400, false, {}});
    }
    REQUIRE(stream.anchored());
    const MonoTime frame0 = *stream.time_of_frame(0);
    for (std::int64_t f :
         std::vector<std::int64_t>{0, 1, start, start + 12345, 48000LL * 3600 * 24}) {
        CHECK(std::llabs(stream.frame_at(*stream.time_of_frame(f)) - f) <= 1);
    }
    // The device's anchor is on the monotonic clock, after the stream was opened.
    CHECK(frame0 > opened);
    CHECK(underruns == 0);

    // The click, then the tone 4800 frames later (its first sample above 0.1 is its third),
    // whole.
    std::size_t clicked = captured.size(), first = captured.size(), last = 0;
    for (std::size_t i = 0; i < captured.size(); ++i) {
        if (std::fabs(captured[i]) <= 0.1f) {
            continue;
        }
        if (clicked == captured.size()) {
            clicked = i;
        } else {
            first = std::min(first, i);
            last = i;
        }
    }
    INFO("captured " << captured.size() << " frames; the click at " << clicked << ", the tone from "
                     << first << " to " << last);
    REQUIRE(first < last);
    CHECK(first - clicked == 4800 + 2);
    CHECK(static_cast<double>(last - first) == Approx(24000).margin(96));
    const std::vector<float> middle(captured.begin() + static_cast<std::ptrdiff_t>(first + 2400),
                                    captured.begin() + static_cast<std::ptrdiff_t>(last - 2400));
    CHECK(vc::test::zero_crossing_frequency(middle, 48000) == Approx(1000.0).margin(0.5));

    if (std::getenv("VC_PRINT_FIGURES")) {
        std::lock_guard lock(mutex);
        std::printf("anchor known when the airing was added: %s\n", anchored_at_add ? "yes" : "no");
        std::printf("frame 0 reaches the DAC %.1f ms after open()\n", ms_between(opened, frame0));
        std::printf("target frame from the open-time estimate vs the device anchor: %lld frames\n",
                    static_cast<long long>(estimated - stream.frame_at(target)));
        std::printf("`started` delivered %.1f ms after its frame's DAC time; `ended` %.1f ms\n",
                    ms_between(*stream.time_of_frame(start), delivered[2]),
                    ms_between(*stream.time_of_frame(start + 24000), delivered[3]));
        std::printf("tone onset at captured frame %zu of %zu\n", first, captured.size());
    }
}

TEST_CASE(
    "when the sound server goes away, the stream reports the output lost and every airing failed") {
    vc::test::PulseServer pulse;
    std::mutex mutex;
    std::condition_variable changed;
    std::vector<StreamEvent> events;
    std::vector<std::string> lost;
    vc::SystemClock clock;
    AudioStream stream(
        make_output("default"), {48000, 2}, {}, {StreamMode::real_time, 0, &clock, 3000, {}},
        [&](const StreamEvent& e) {
            std::lock_guard lock(mutex);
            events.push_back(e);
            changed.notify_all();
        },
        [&](const std::string& message) {
            std::lock_guard lock(mutex);
            lost.push_back(message);
            changed.notify_all();
        });
    stream.open();
    auto silence = std::make_shared<Timeline>();
    silence->format = {48000, 2};
    silence->length = 48000LL * 60;
    const std::int64_t playing = stream.add(1, silence, 0, Layer::background);
    const std::int64_t later = stream.add(2, silence, playing + 48000LL * 30, Layer::foreground);
    {
        std::unique_lock lock(mutex);
        changed.wait_for(lock, 10s, [&] { return !events.empty(); });
    }
    REQUIRE(std::system("pulseaudio --kill >/dev/null 2>&1") == 0);
    {
        std::unique_lock lock(mutex);
        changed.wait_for(lock, 10s, [&] { return !lost.empty(); });
    }
    CHECK_FALSE(stream.is_open());
    stream.close();  // and nothing more to report
    std::lock_guard lock(mutex);
    REQUIRE(lost.size() == 1);
    CHECK_THAT(lost[0], Catch::Contains("sound device default [ALSA] stopped playing"));
    CHECK(stream.lost_reason() == lost[0]);
    REQUIRE(events.size() == 3);
    CHECK(events[0] == StreamEvent{Kind::started, 1, playing, false, {}});
    CHECK(events[1].kind == Kind::failed);
    CHECK(events[1].id == 1);
    CHECK(events[1].frame > playing);
    CHECK(events[1].frame <= stream.position());
    CHECK(events[1].error == "output lost: " + lost[0]);
    CHECK(events[2] == StreamEvent{Kind::failed, 2, later, false, "output lost: " + lost[0]});
    CHECK(stream.idle());
}
