// Decode-ahead: a source read through ReadAhead gives the same frames, and the reader only waits
// once the source has been slower than the air for longer than the lead.

#include <catch2/catch.hpp>

#include <condition_variable>
#include <mutex>
#include <thread>

#include "audio/sources/read_ahead.hpp"
#include "audio/sources/timeline_source.hpp"
#include "core/diagnostic.hpp"
#include "tests/audio/timeline_support.hpp"
#include "tests/support/fixtures.hpp"

using namespace vc::audio;

namespace {

/// Counts frames 0, 1, 2, ... as sample values (mono); blocks in render() once it has given
/// `block_after` frames until open() is called; throws after `fail_after` frames. Records the
/// thread it was destroyed on.
class CountingSource final : public Source {
  public:
    struct Gate {
        std::mutex m;
        std::condition_variable cv;
        bool open = false;
        std::thread::id destroyed_on;
        void release() {
            {
                std::lock_guard lock(m);
                open = true;
            }
            cv.notify_all();
        }
    };
    CountingSource(std::int64_t length, Gate& gate, std::int64_t block_after,
                   std::int64_t fail_after = -1)
        : length_(length), gate_(gate), block_after_(block_after), fail_after_(fail_after) {}
    ~CountingSource() override {
        {
            std::lock_guard lock(gate_.m);
            gate_.destroyed_on = std::this_thread::get_id();
        }
        gate_.cv.notify_all();
    }
    [[nodiscard]] AudioFormat format() const override { return {48000, 1}; }
    [[nodiscard]] std::optional<std::int64_t> length() const override { return length_; }
    [[nodiscard]] std::int64_t max_block() const override { return 1000; }
    std::int64_t render(float* out, std::int64_t frames) override {
        if (position_ >= block_after_) {
            std::unique_lock lock(gate_.m);
            gate_.cv.wait(lock, [&] { return gate_.open; });
        }
        if (fail_after_ >= 0 && position_ >= fail_after_)
            throw vc::UserError("clip x.wav: read error at frame " + std::to_string(position_));
        const std::int64_t n = std::min(frames, length_ - position_);
        for (std::int64_t i = 0; i < n; ++i) out[i] = static_cast<float>(position_ + i);
        position_ += n;
        return n;
    }

  private:
    std::int64_t length_;
    Gate& gate_;
    std::int64_t block_after_;
    std::int64_t fail_after_;
    std::int64_t position_ = 0;
};

/// Reads `frames` from `s` in calls of at most its max_block; the values must count on.
std::int64_t read_counting(Source& s, std::int64_t from, std::int64_t frames) {
    std::vector<float> buf(static_cast<std::size_t>(s.max_block()));
    std::int64_t got = 0;
    while (got < frames) {
        const std::int64_t n = s.render(buf.data(), std::min(s.max_block(), frames - got));
        for (std::int64_t i = 0; i < n; ++i)
            REQUIRE(buf[static_cast<std::size_t>(i)] == static_cast<float>(from + got + i));
        got += n;
        if (n == 0) break;
    }
    return got;
}

}  // namespace

TEST_CASE("a timeline read ahead gives the same bytes as the timeline rendered in place",
          "[audio]") {
    vc::test::TempDir dir;
    vc::test::write_clicks(dir / "c44.wav", 44100, 2, 44100 * 2, {100, 30000, 80000}, 0.5f);
    auto t = std::make_shared<const Timeline>(vc::test::timeline(
        48000 * 5, {vc::test::placement(dir / "c44.wav", 1234, 96000, 44100, 2, 88200),
                    vc::test::placement(dir / "c44.wav", 50000, 96000, 44100, 2, 88200)}));
    TimelineSource direct(t);
    ReadAhead ahead(48000);
    auto wrapped = ahead.wrap(std::make_unique<TimelineSource>(t));
    CHECK(wrapped->length() == direct.length());
    CHECK(wrapped->format() == direct.format());
    std::vector<float> a(2 * 960), b(2 * 960);
    std::int64_t total = 0;
    for (;;) {
        const auto n = direct.render(a.data(), 960);
        REQUIRE(wrapped->render(b.data(), 960) == n);
        REQUIRE(a == b);
        total += n;
        if (n < 960) break;
    }
    CHECK(total == 48000 * 5);
    CHECK(wrapped->render(b.data(), 960) == 0);
}

TEST_CASE("the reader does not wait while the lead covers a source that stalls", "[audio]") {
    CountingSource::Gate gate;
    const std::int64_t lead = 10000;
    ReadAhead ahead(lead);
    // The source stalls (a disk that does not answer) after 12000 frames.
    auto s = ahead.wrap(std::make_unique<CountingSource>(48000, gate, 12000));
    // Let the read-ahead fill its lead; the first read may wait for the first chunk.
    REQUIRE(read_counting(*s, 0, 1000) == 1000);
    const auto waits_before = ahead.waits();
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    // The ring holds the lead: 9000 more frames come out of it while the source is stuck,
    // without waiting.
    REQUIRE(read_counting(*s, 1000, 9000) == 9000);
    CHECK(ahead.waits() == waits_before);
    // Past what was read ahead the reader waits until the source answers, then gets exact
    // frames.
    std::thread late([&] {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        gate.release();
    });
    REQUIRE(read_counting(*s, 10000, 38000) == 38000);
    late.join();
    CHECK(ahead.waits() > waits_before);
    std::vector<float> buf(1000);
    CHECK(s->render(buf.data(), 1000) == 0);
}

TEST_CASE("a source's failure reaches the reader with its reason, after its frames", "[audio]") {
    CountingSource::Gate gate;
    gate.open = true;
    ReadAhead ahead(4000);
    auto s = ahead.wrap(std::make_unique<CountingSource>(48000, gate, 0, 5000));
    REQUIRE(read_counting(*s, 0, 5000) == 5000);
    std::vector<float> buf(1000);
    CHECK_THROWS_WITH(s->render(buf.data(), 1000),
                      Catch::Matchers::Contains("clip x.wav: read error at frame 5000"));
}

TEST_CASE("a source let go is closed on the read-ahead thread, not the reader's", "[audio]") {
    CountingSource::Gate gate;
    gate.open = true;
    {
        ReadAhead ahead(4000);
        auto s = ahead.wrap(std::make_unique<CountingSource>(48000, gate, 0));
        REQUIRE(read_counting(*s, 0, 2000) == 2000);
        s.reset();
        std::unique_lock lock(gate.m);
        gate.cv.wait_for(lock, std::chrono::seconds(2),
                         [&] { return gate.destroyed_on != std::thread::id(); });
    }
    std::lock_guard lock(gate.m);
    CHECK(gate.destroyed_on != std::thread::id());
    CHECK(gate.destroyed_on != std::this_thread::get_id());
}
