// Air-check: each airing's recording holds exactly the frames that went to the output for it.

#include <catch2/catch.hpp>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <thread>

#include "core/sha256.hpp"
#include "tests/daemon/daemon_fixture.hpp"

using namespace vc;
using namespace vc::test;

TEST_CASE("an airing's air-check is exactly its frames of the output, interrupted ones included") {
    TempDir dir;
    make_station(
        dir.path(),
        "[[broadcast]]\nid = \"first\"\nplaylist = \"tone\"\nat = \"2026-12-01 08:00:02\"\n"
        "[[broadcast]]\nid = \"urgent\"\nplaylist = \"tone\"\nat = \"2026-12-01 08:00:04\"\n"
        "priority = \"urgent\"\n");
    auto out = dir / "out.wav";
    engine::AircheckRecorder recorder(dir / "aircheck", {48000, 1},
                                      engine::AircheckRecorder::WhenBehind::wait);
    Daemon d(dir.path(), local("2026-12-01 08:00:00"), "wav:" + out.string(), &recorder);
    d.chain.set_tap(
        [&](std::int64_t first, const float* s, std::int64_t n) { recorder.record(first, s, n); });
    d.run.start("test");
    d.run.run_until(local("2026-12-01 08:00:12"));
    d.run.finish();

    int rate = 0, channels = 0;
    auto output = read_audio(out, rate, channels);
    auto rows = d.rows();
    REQUIRE(rows.size() == 3);  // first (interrupted at 08:00:04), urgent, first again
    // The urgent airing preempts at exactly 08:00:04: the first one's recording is frames
    // 2 s .. 4 s of the output, and the urgent one's 4 s .. 9 s.
    struct Expect {
        std::size_t row;
        std::int64_t from, to;
    };
    for (auto e : {Expect{0, 96000, 192000}, Expect{1, 192000, 432000}}) {
        INFO(rows[e.row].broadcast);
        REQUIRE(rows[e.row].aircheck);
        CHECK(sha256_file(rows[e.row].aircheck->path) == rows[e.row].aircheck->sha256);
        int r = 0, c = 0;
        auto rec = read_audio(rows[e.row].aircheck->path, r, c);
        REQUIRE(rec.size() == static_cast<std::size_t>(e.to - e.from));
        // The same float samples, quantised to 16 bits by two encoders (WAV and FLAC), which may
        // round one step apart; a frame off would differ by far more on a 440 Hz tone.
        for (std::int64_t i = 0; i < e.to - e.from; i += 97)
            REQUIRE(rec[static_cast<std::size_t>(i)] ==
                    Approx(output[static_cast<std::size_t>(e.from + i)]).margin(2.0 / 32768));
    }
}

TEST_CASE("the thread that renders never waits on the air-check's disk", "[daemon]") {
    TempDir dir;
    std::filesystem::create_directories(dir / "aircheck");
    // Opening a FIFO for writing waits until a reader comes: a disk that does not answer.
    const auto stuck = dir / "aircheck" / "stuck.flac";
    REQUIRE(::mkfifo(stuck.c_str(), 0600) == 0);
    std::int64_t dropped = 0;
    {
        engine::AircheckRecorder recorder(dir / "aircheck", {48000, 1});
        recorder.start(1, "stuck", 0, 48000 * 60);
        std::vector<float> block(960, 0.25f);
        const auto began = std::chrono::steady_clock::now();
        for (std::int64_t f = 0; f < 48000 * 40; f += 960) recorder.record(f, block.data(), 960);
        // 40 s of audio handed over without waiting: the 30 s the queue holds, the rest dropped.
        CHECK(std::chrono::steady_clock::now() - began < std::chrono::seconds(5));
        dropped = recorder.dropped_frames();
        // The disk answers again; the recording lost frames, so it names no air-check.
        std::thread reader([&] {
            const int fd = ::open(stuck.c_str(), O_RDONLY);
            char sink[4096];
            while (fd >= 0 && ::read(fd, sink, sizeof sink) > 0) {
            }
            if (fd >= 0) ::close(fd);
        });
        CHECK_FALSE(recorder.finish(1).has_value());
        reader.join();
    }
    CHECK(dropped >= 48000 * 9);
    CHECK(dropped <= 48000 * 11);
}
