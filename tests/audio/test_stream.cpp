// The continuous output stream: manual mode into a file, real-time mode through a null output
// paced by a manual clock (it runs as fast as the machine, deterministically), a lost output.

#include <catch2/catch.hpp>

#include <signal.h>
#include <sys/resource.h>

#include <chrono>
#include <condition_variable>
#include <mutex>

#include "audio/outputs/file_output.hpp"
#include "audio/outputs/null_output.hpp"
#include "audio/stream/audio_stream.hpp"
#include "audio/stream/frame_time.hpp"
#include "core/clock.hpp"
#include "tests/audio/timeline_support.hpp"
#include "tests/support/fixtures.hpp"

using namespace vc::audio;
using namespace std::chrono_literals;
using Catch::Contains;
using Kind = StreamEvent::Kind;
using vc::MonoTime;
using vc::test::describe;
using vc::test::ended;
using vc::test::pcm16;
using vc::test::started;

namespace {

constexpr AudioFormat stereo{48000, 2};

std::shared_ptr<const Timeline> clicks_timeline(const std::filesystem::path& file,
                                                std::int64_t length) {
    return vc::test::shared_timeline(length, {vc::test::placement(file, 0, length)});
}

std::shared_ptr<const Timeline> silence_timeline(std::int64_t length) {
    return vc::test::shared_timeline(length, {});
}

/// Collects what the decoding thread delivers, with the clock's time at delivery.
struct Collector {
    vc::Clock* clock = nullptr;
    std::mutex mutex;
    std::condition_variable changed;
    std::vector<StreamEvent> events;
    std::vector<MonoTime> times;
    std::vector<std::string> lost;

    AudioStream::EventHandler handler() {
        return [this](const StreamEvent& e) {
            std::lock_guard lock(mutex);
            events.push_back(e);
            times.push_back(clock ? clock->monotonic() : MonoTime{});
            changed.notify_all();
        };
    }
    AudioStream::LostHandler lost_handler() {
        return [this](const std::string& message) {
            std::lock_guard lock(mutex);
            lost.push_back(message);
            changed.notify_all();
        };
    }
    /// Waits (at most 10 s, for a broken build) until `n` events have arrived.
    std::vector<StreamEvent> wait_for(std::size_t n) {
        std::unique_lock lock(mutex);
        changed.wait_for(lock, 10s, [&] { return events.size() >= n; });
        return events;
    }
};

}  // namespace

TEST_CASE("frames and nanoseconds convert exactly both ways") {
    CHECK(nanoseconds_for_frames(48000, 48000) == 1'000'000'000);
    CHECK(nanoseconds_for_frames(1, 48000) == 20833);
    CHECK(nanoseconds_for_frames(-1, 48000) == -20833);
    CHECK(nanoseconds_for_frames(1, 44100) == 22676);
    CHECK(frames_for_nanoseconds(1'000'000'000, 44100) == 44100);
    CHECK(frames_for_nanoseconds(-10'417, 48000) == -1);  // nearest, also before frame 0
    for (std::int64_t f : {0LL, 1LL, 47999LL, -48001LL, 48000LL * 86400 * 365 + 7}) {
        for (int rate : {8000, 44100, 48000, 96000}) {
            CHECK(frames_for_nanoseconds(nanoseconds_for_frames(f, rate), rate) == f);
        }
    }
}

TEST_CASE("a manual stream into a wav file puts airings at exactly their frames") {
    vc::test::TempDir dir;
    vc::test::write_clicks(dir / "c.wav", 48000, 1, 20000, {0, 1234, 19999}, 0.5f);
    const auto t = clicks_timeline(dir / "c.wav", 20000);
    vc::ManualClock clock(vc::Instant{});
    AudioStream stream(std::make_unique<FileOutput>(dir / "out.wav", FileOutput::Kind::wav), stereo,
                       {}, {StreamMode::manual, 0, &clock, 3000, {}});
    stream.open();
    CHECK(stream.earliest_start_frame() == 0);
    CHECK(stream.add(1, t, 48000, Layer::foreground) == 48000);
    CHECK(stream.add(2, t, 96000, Layer::foreground) == 96000);
    CHECK(stream.next_event_frame() == 48000);
    CHECK_FALSE(stream.idle());
    std::vector<StreamEvent> events;
    stream.advance_to(100000, events);
    CHECK(stream.position() == 100000);
    CHECK(stream.earliest_start_frame() == 100000);
    CHECK(stream.add(3, t, 5, Layer::foreground) ==
          100000);  // too late for 5: placed at the first free frame
    stream.advance_to(150000, events);
    // The frame count is the clock: frame 0 is the open time.
    CHECK(stream.time_of_frame(48000) == MonoTime{} + 1s);
    CHECK(stream.frame_at(MonoTime{} + 2s) == 96000);
    stream.close(events);
    CHECK(stream.idle());
    INFO(describe(events));
    CHECK(events == std::vector<StreamEvent>{started(1, 48000), ended(1, 68000, true),
                                             started(2, 96000), started(3, 100000),
                                             ended(2, 116000, true), ended(3, 120000, true)});

    int rate = 0, channels = 0;
    const auto out = vc::test::read_audio(dir / "out.wav", rate, channels);
    REQUIRE(channels == 2);
    REQUIRE(out.size() == std::size_t{150000} * 2);
    const float v = pcm16(0.5f);
    int nonzero = 0;
    for (float x : out) {
        nonzero += x != 0.0f;
    }
    CHECK(nonzero == 2 * 9);
    for (std::int64_t s : {48000, 96000, 100000}) {
        for (std::int64_t k : {0, 1234, 19999}) {
            INFO("frame " << s + k);
            CHECK(out[static_cast<std::size_t>((s + k) * 2)] == v);
            CHECK(out[static_cast<std::size_t>((s + k) * 2 + 1)] == v);
        }
    }
}

TEST_CASE("a real-time stream delivers each event once its frame was played, in order") {
    vc::test::TempDir dir;
    vc::test::write_clicks(dir / "c.wav", 48000, 1, 20000, {0, 19999}, 0.5f);
    const auto t = clicks_timeline(dir / "c.wav", 20000);
    vc::ManualClock clock(vc::Instant{});
    Collector got;
    got.clock = &clock;
    AudioStream stream(std::make_unique<NullOutput>(&clock), stereo, {},
                       {StreamMode::real_time, 0, &clock, 3000, {}}, got.handler(),
                       got.lost_handler());
    CHECK(stream.block_frames() == 960);
    // Placed before open(): they start with the stream.
    CHECK(stream.add(1, t, 48000, Layer::foreground) == 48000);
    CHECK(stream.add(2, t, 96000, Layer::foreground) == 96000);
    CHECK_THROWS_WITH(stream.add(2, t, 200000, Layer::foreground),
                      Contains("already on the stream"));
    stream.open();

    auto events = got.wait_for(4);
    INFO(describe(events));
    REQUIRE(events.size() >= 4);
    CHECK(std::vector<StreamEvent>(events.begin(), events.begin() + 4) ==
          std::vector<StreamEvent>{started(1, 48000), ended(1, 68000, true), started(2, 96000),
                                   ended(2, 116000, true)});
    // The null output anchors frame 0 at its first write: the clock's start.
    CHECK(stream.anchored());
    CHECK(stream.time_of_frame(48000) == MonoTime{} + 1s);
    for (std::int64_t f : {0LL, 1LL, 47999LL, 68000LL, 48000LL * 3600 + 1}) {
        CHECK(stream.frame_at(*stream.time_of_frame(f)) == f);
    }
    {
        // Delivered only once the paced output had played the event's frame.
        std::lock_guard lock(got.mutex);
        for (std::size_t i = 0; i < 4; ++i) {
            const auto e = got.events[i];
            const std::int64_t played = e.kind == Kind::started ? e.frame + 1 : e.frame;
            CHECK(got.times[i] >= *stream.time_of_frame(played));
        }
    }

    // While it runs: placed no earlier than the decoding thread allows, and exactly there.
    const std::int64_t earliest = stream.earliest_start_frame();
    const std::int64_t used = stream.add(3, t, earliest - 5000, Layer::foreground);
    CHECK(used >= earliest);
    const std::int64_t wanted = stream.earliest_start_frame() + 48000LL * 600;
    CHECK(stream.add(4, silence_timeline(48000LL * 600), wanted, Layer::background) == wanted);
    events = got.wait_for(7);
    REQUIRE(events.size() >= 7);
    CHECK(std::vector<StreamEvent>(events.begin() + 4, events.begin() + 7) ==
          std::vector<StreamEvent>{started(3, used), ended(3, used + 20000, true),
                                   started(4, wanted)});

    // A fade-out lands exactly on the frame asked.
    const std::int64_t end = stream.earliest_start_frame() + 4800;
    stream.fade_out(4, end, 4800);
    events = got.wait_for(8);
    REQUIRE(events.size() >= 8);
    CHECK(events[7] == ended(4, end, false));

    // close() ends what is still on the stream, reporting it on the calling thread.
    const std::int64_t late = stream.add(5, silence_timeline(48000LL * 600), 0, Layer::foreground);
    events = got.wait_for(9);
    REQUIRE(events.size() >= 9);
    CHECK(events[8] == started(5, late));
    CHECK_FALSE(stream.idle());
    stream.close();
    events = got.wait_for(10);
    REQUIRE(events.size() == 10);
    CHECK(events[9].kind == Kind::ended);
    CHECK(events[9].id == 5);
    CHECK_FALSE(events[9].completed);
    CHECK(events[9].frame > late);
    CHECK(events[9].frame <= stream.position());
    CHECK(stream.idle());
    CHECK(got.lost.empty());
    CHECK(stream.underruns() == 0);
}

namespace {

/// Caps the size of files this process may write (a full disk, for one test), and restores it.
class FileSizeLimit {
  public:
    explicit FileSizeLimit(rlim_t bytes) {
        old_handler_ = ::signal(SIGXFSZ, SIG_IGN);  // a failed write, not a killed process
        ::getrlimit(RLIMIT_FSIZE, &old_);
        rlimit limit = old_;
        limit.rlim_cur = bytes;
        REQUIRE(::setrlimit(RLIMIT_FSIZE, &limit) == 0);
    }
    ~FileSizeLimit() {
        ::setrlimit(RLIMIT_FSIZE, &old_);
        ::signal(SIGXFSZ, old_handler_);
    }
    FileSizeLimit(const FileSizeLimit&) = delete;
    FileSizeLimit& operator=(const FileSizeLimit&) = delete;

  private:
    rlimit old_{};
    sighandler_t old_handler_;
};

}  // namespace

TEST_CASE(
    "when the output fails, every airing on the stream fails with the reason and the thread ends") {
    vc::test::TempDir dir;
    Collector got;
    // A file output on a disk that fills after about a second of audio. (Real time into a file
    // is unpaced: the thread writes as fast as it can until the write fails.)
    AudioStream stream(std::make_unique<FileOutput>(dir / "out.wav", FileOutput::Kind::wav), stereo,
                       {}, {StreamMode::real_time, 0, nullptr, 3000, {}}, got.handler(),
                       got.lost_handler());
    stream.add(1, silence_timeline(48000LL * 60), 0, Layer::background);
    stream.add(2, silence_timeline(48000), 48000LL * 10, Layer::foreground);
    std::vector<StreamEvent> events;
    {
        FileSizeLimit limit(200'000);
        stream.open();
        events = got.wait_for(3);
        std::unique_lock lock(got.mutex);
        got.changed.wait_for(lock, 10s, [&] { return !got.lost.empty(); });
    }
    INFO(describe(events));
    REQUIRE(events.size() == 3);
    CHECK(events[0] == started(1, 0));
    CHECK(events[1].kind == Kind::failed);
    CHECK(events[1].id == 1);
    // It failed where the output stopped taking frames: 200 kB of 16-bit stereo is ~52000.
    CHECK(events[1].frame % stream.block_frames() == 0);
    CHECK(events[1].frame > 48000);
    CHECK(events[1].frame < 52100);
    CHECK_THAT(events[1].error,
               Contains("output lost: cannot write wav:") && Contains("File too large"));
    CHECK(events[2].kind == Kind::failed);
    CHECK(events[2].id == 2);
    CHECK(events[2].frame == 480000);  // it never started: it fails at its start
    CHECK(events[2].error == events[1].error);
    REQUIRE(got.lost.size() == 1);
    CHECK_THAT(got.lost[0], Contains("File too large"));
    CHECK(stream.lost_reason() == got.lost[0]);
    CHECK(stream.idle());
    CHECK_FALSE(stream.is_open());

    // Opened again (the disk has room now), it starts over at frame 0.
    CHECK(stream.add(3, silence_timeline(4800), 960, Layer::foreground) == 960);
    stream.open();
    CHECK(stream.is_open());
    CHECK(stream.lost_reason().empty());
    events = got.wait_for(5);
    stream.close();
    REQUIRE(events.size() == 5);
    CHECK(events[3] == started(3, 960));
    CHECK(events[4] == ended(3, 5760, true));
    std::lock_guard lock(got.mutex);
    CHECK(got.events.size() == 5);  // nothing more to report
    CHECK(got.lost.size() == 1);
}
