// The real PortAudio path, no mock: a private PulseAudio daemon with a null sink stands in for
// the sound card, and parec records what reached it.

#include <catch2/catch.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>

#include "audio/outputs/device_list.hpp"
#include "audio/outputs/output_factory.hpp"
#include "audio/outputs/portaudio_output.hpp"
#include "audio/stream/player.hpp"
#include "tests/audio/measure.hpp"
#include "tests/audio/timeline_support.hpp"
#include "tests/support/fixtures.hpp"
#include "tests/support/pulse_server.hpp"

using namespace vc::audio;
using Catch::Contains;

namespace {

double steady_seconds() {
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

}  // namespace

TEST_CASE("a 1 kHz tone played through PortAudio arrives at the sink at 1 kHz and its level") {
    vc::test::TempDir dir;
    vc::test::PulseServer pulse;
    vc::test::write_tone(dir / "tone.wav", 48000, 1, 1.5, 1000.0, 0.5);

    // 0.2 s of silence, the 1.5 s tone, then 0.3 s of silence that the device plays in real
    // time while the tone's last frames reach the recording.
    const Timeline t =
        vc::test::timeline(96000, {vc::test::placement(dir / "tone.wav", 9600, 72000)});

    vc::test::MonitorRecording recording(dir / "captured.raw");
    auto output = make_output("default");
    CHECK_THAT(output->name(), Contains("PortAudio: default [ALSA]"));
    auto* portaudio = dynamic_cast<PortAudioOutput*>(output.get());
    REQUIRE(portaudio);
    std::atomic<bool> stop{false};
    const double before = steady_seconds();
    const PlayResult result = play(t, *output, stop);
    const double after = steady_seconds();
    const auto captured = recording.stop();

    CHECK(result.frames == 96000);
    CHECK_FALSE(result.stopped);
    CHECK(result.underruns == 0);  // and the dry ring after the end was not counted
    CHECK(after - before > 1.9);   // the device paced it
    REQUIRE(portaudio->first_frame_dac_time().has_value());
    const auto first_frame = portaudio->first_frame_time();
    REQUIRE(first_frame.has_value());
    // On the monotonic clock: after play() began, within the prefill and the device's latency.
    const double first_dac = std::chrono::duration<double>(first_frame->time_since_epoch()).count();
    CHECK(first_dac > before);
    CHECK(first_dac < before + 1.0);

    std::size_t first = captured.size(), last = 0;
    for (std::size_t i = 0; i < captured.size(); ++i)
        if (std::fabs(captured[i]) > 0.1f) {
            first = std::min(first, i);
            last = i;
        }
    REQUIRE(first < last);
    INFO("captured " << captured.size() << " frames; the tone from " << first << " to " << last);
    CHECK(static_cast<double>(last - first) ==
          Approx(72000).margin(240));  // 1.5 s, give or take 5 ms
    const std::vector<float> middle(captured.begin() + static_cast<std::ptrdiff_t>(first + 4800),
                                    captured.begin() + static_cast<std::ptrdiff_t>(last - 4800));
    CHECK(vc::test::zero_crossing_frequency(middle, 48000) == Approx(1000.0).margin(0.5));
    const double level_db = 20.0 * std::log10(vc::test::rms(middle) / (0.5 / std::sqrt(2.0)));
    CHECK(std::fabs(level_db) < 1.0);
}

TEST_CASE("the PortAudio output counts underruns when its writer stalls") {
    vc::test::TempDir dir;
    vc::test::PulseServer pulse;
    vc::test::MonitorRecording recording(dir / "captured.raw");
    OutputOptions options;
    options.buffer_ms = 200;
    auto output = make_output("default", options);
    auto& portaudio = dynamic_cast<PortAudioOutput&>(*output);
    portaudio.open({48000, 2});
    std::vector<float> tone(2 * 4800);
    for (std::size_t f = 0; f < 4800; ++f)
        tone[2 * f] = tone[2 * f + 1] =
            static_cast<float>(0.3 * std::sin(static_cast<double>(f) * 2.0 * 3.14159265 / 48.0));
    portaudio.write(tone.data(), 4800);  // 0.1 s: the ring is not full, nothing plays yet
    CHECK(portaudio.underruns() == 0);
    CHECK(portaudio.device_frames() == 0);
    // The writer stalls while the device plays 0.1 s of sound and then 0.2 s of nothing.
    portaudio.wait_for_device_frames(4800 + 9600);
    CHECK(portaudio.device_frames() >= 14400);
    CHECK(portaudio.underruns() > 0);
    portaudio.write(tone.data(), 4800);
    portaudio.drain();
    portaudio.close();
    CHECK(portaudio.underruns() > 0);
}

TEST_CASE("devices are chosen by number or by part of their name") {
    vc::test::PulseServer pulse;
    const auto devices = list_devices();
    REQUIRE(devices.size() >= 2);  // ALSA's "pulse" and "default"
    const auto is_named = [&](const std::string& name) {
        return std::find_if(devices.begin(), devices.end(),
                            [&](const DeviceInfo& d) { return d.name == name; });
    };
    const auto def = is_named("default");
    REQUIRE(def != devices.end());
    CHECK(def->is_default);
    CHECK(def->host_api == "ALSA");
    CHECK(def->max_output_channels >= 2);
    CHECK(def->default_sample_rate > 0);
    CHECK(make_output(std::to_string(def->index))->name() == "PortAudio: default [ALSA]");
    CHECK(make_output("PULS")->name() == "PortAudio: pulse [ALSA]");
    CHECK_THROWS_WITH(make_output("u"), Contains("\"u\" matches several sound devices") &&
                                            Contains("pulse") && Contains("default"));
    CHECK_THROWS_WITH(
        make_output("loudspeaker room 2"),
        Contains("no sound device's name contains \"loudspeaker room 2\"; the devices are:"));
}
