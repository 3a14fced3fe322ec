// Decodes one hour of a phone's voice memo (AAC in M4A, 48 kHz mono, as phones record) into the
// library: villagecast's clip analysis (FFmpeg decoding to the end, EBU R128 loudness and true
// peak, SHA-256 of the bytes) beside FFmpeg's own command line doing the same decoding and
// loudness measurement (`ffmpeg -i F -af ebur128=peak=true -f null -`) and decoding alone
// (`-f null -`), interleaved in one run. Prints the median wall times, the real-time factors and
// the ratios. Goal: at least 300x real time.
//
//   phone_decode_bench [runs] [minutes]     (default 3 runs of each, 60 minutes of audio)

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "audio/decode/clip_analysis.hpp"
#include "bench/support/child_process.hpp"

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v.empty() ? 0.0 : v[v.size() / 2];
}

double seconds_since(Clock::time_point t0) {
    return std::chrono::duration<double>(Clock::now() - t0).count();
}

/// Runs a program to its end; its wall time in seconds. Exits when it fails.
double timed_run(const std::vector<std::string>& argv, const fs::path& dir) {
    const auto t0 = Clock::now();
    const pid_t pid = vc::bench::spawn(argv, dir / "out.txt", dir / "err.txt");
    const int status = vc::bench::wait_exit(pid);
    const double s = seconds_since(t0);
    if (status != 0) {
        std::fprintf(stderr, "%s failed (%d): %s\n", argv[0].c_str(), status,
                     vc::bench::read_file(dir / "err.txt").c_str());
        std::exit(1);
    }
    return s;
}

}  // namespace

int main(int argc, char** argv) {
    const int runs = argc > 1 ? std::max(1, std::atoi(argv[1])) : 3;
    const int minutes = argc > 2 ? std::max(1, std::atoi(argv[2])) : 60;
    const double audio_seconds = minutes * 60.0;
    const fs::path dir = fs::temp_directory_path() / "villagecast-phone-decode-bench";
    fs::create_directories(dir);
    const fs::path memo = dir / "memo.m4a";

    std::printf("writing %d minutes of 48 kHz mono AAC (a voice over quiet noise) with ffmpeg...\n",
                minutes);
    std::fflush(stdout);
    const std::string duration = std::to_string(minutes * 60);
    const double wrote =
        timed_run({"/usr/bin/ffmpeg",
                   "-nostdin",
                   "-loglevel",
                   "error",
                   "-y",
                   "-f",
                   "lavfi",
                   "-i",
                   "sine=frequency=220:sample_rate=48000:duration=" + duration,
                   "-f",
                   "lavfi",
                   "-i",
                   "anoisesrc=sample_rate=48000:amplitude=0.02:duration=" + duration,
                   "-filter_complex",
                   "amix=inputs=2,tremolo=f=3:d=0.6",
                   "-ac",
                   "1",
                   "-c:a",
                   "aac",
                   "-b:a",
                   "64k",
                   memo.string()},
                  dir);
    std::printf("  %.1f s, %.1f MB\n", wrote, static_cast<double>(fs::file_size(memo)) / 1e6);

    std::vector<double> ours, peer_loudness, peer_decode;
    std::int64_t frames = 0;
    for (int r = 0; r < runs; ++r) {
        const auto t0 = Clock::now();
        const auto a = vc::audio::analyse_clip(memo);
        ours.push_back(seconds_since(t0));
        if (!a.ok) {
            std::fprintf(stderr, "analysis failed: %s\n", a.problem.c_str());
            return 1;
        }
        frames = a.frames;
        peer_loudness.push_back(
            timed_run({"/usr/bin/ffmpeg", "-nostdin", "-loglevel", "error", "-i", memo.string(),
                       "-af", "ebur128=peak=true", "-f", "null", "-"},
                      dir));
        peer_decode.push_back(timed_run({"/usr/bin/ffmpeg", "-nostdin", "-loglevel", "error", "-i",
                                         memo.string(), "-f", "null", "-"},
                                        dir));
    }
    const double v = median(ours), pl = median(peer_loudness), pd = median(peer_decode);
    std::printf("decoded %lld frames (%.1f s of audio), median of %d runs each:\n",
                static_cast<long long>(frames), static_cast<double>(frames) / 48000.0, runs);
    std::printf(
        "  villagecast analysis (decode, loudness, true peak, sha256): %6.2f s  %6.0fx real "
        "time  (goal: at least 300x)\n",
        v, audio_seconds / v);
    std::printf(
        "  ffmpeg -af ebur128=peak=true -f null:                        %6.2f s  %6.0fx real "
        "time  ratio ffmpeg/villagecast %.2f\n",
        pl, audio_seconds / pl, pl / v);
    std::printf(
        "  ffmpeg -f null (decoding only):                              %6.2f s  %6.0fx real "
        "time  ratio ffmpeg/villagecast %.2f\n",
        pd, audio_seconds / pd, pd / v);
    fs::remove_all(dir);
    return 0;
}
