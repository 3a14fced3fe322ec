// Renders a 10-minute broadcast (a chime, then a voice track over a music bed at -20 dB) to a
// 48 kHz stereo 16-bit WAV with villagecast's renderer and the same mix with sox, and prints
// the times, real-time factors, their ratio and the peak memory of each.
//
//   render_bench [runs]          (default 5 runs of each, interleaved; the median is reported)

#include <sndfile.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <numbers>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include "audio/audio_format.hpp"
#include "audio/outputs/render_to_file.hpp"
#include "audio/sources/renderer.hpp"
#include "audio/timeline.hpp"

extern char** environ;

namespace {

namespace fs = std::filesystem;
using vc::audio::output_frames_for;

constexpr int voice_rate = 22050;
constexpr int bed_rate = 44100;
constexpr int chime_rate = 48000;
constexpr int out_rate = 48000;
constexpr std::int64_t minutes = 10;
constexpr double bed_gain_db = -20.0;

void write_wav(const fs::path& file, int rate, int channels, std::int64_t frames,
               const std::function<void(std::int64_t, float*)>& frame) {
    SF_INFO info{};
    info.samplerate = rate;
    info.channels = channels;
    info.format = SF_FORMAT_WAV | SF_FORMAT_PCM_16;
    SNDFILE* sf = sf_open(file.c_str(), SFM_WRITE, &info);
    if (!sf)
        throw std::runtime_error("cannot write " + file.string() + ": " + sf_strerror(nullptr));
    sf_command(sf, SFC_SET_CLIPPING, nullptr, SF_TRUE);
    constexpr std::int64_t block = 8192;
    std::vector<float> buf(static_cast<std::size_t>(block * channels));
    for (std::int64_t done = 0; done < frames;) {
        const std::int64_t n = std::min(block, frames - done);
        for (std::int64_t f = 0; f < n; ++f) frame(done + f, buf.data() + f * channels);
        sf_writef_float(sf, buf.data(), n);
        done += n;
    }
    sf_close(sf);
}

/// A voice-like track: a gliding pitch with harmonics, gated into syllables and pauses, with
/// bursts of hiss.
void make_voice(const fs::path& file) {
    std::mt19937 gen(11);
    std::uniform_real_distribution<float> noise(-1.0f, 1.0f);
    double phase = 0.0;
    write_wav(file, voice_rate, 1, minutes * 60 * voice_rate, [&](std::int64_t f, float* out) {
        const double t = static_cast<double>(f) / voice_rate;
        const double f0 = 160.0 + 50.0 * std::sin(2.0 * std::numbers::pi * 0.7 * t);
        phase += 2.0 * std::numbers::pi * f0 / voice_rate;
        double v = 0.0;
        for (int k = 1; k <= 8; ++k) v += std::sin(k * phase) / k;
        const double syllable = std::pow(std::fabs(std::sin(std::numbers::pi * 3.3 * t)), 0.6);
        const bool pause = std::fmod(t, 4.0) > 3.4;
        const bool hiss = std::fmod(t, 1.3) < 0.12;
        out[0] = pause ? 0.0f
                       : static_cast<float>(0.22 * syllable * v + (hiss ? 0.08 * noise(gen) : 0.0));
    });
}

/// A music bed: a chord that changes every two seconds, slightly different left and right.
void make_bed(const fs::path& file) {
    static constexpr double chords[4][3] = {{261.63, 329.63, 392.00},
                                            {220.00, 261.63, 329.63},
                                            {174.61, 220.00, 261.63},
                                            {196.00, 246.94, 293.66}};
    write_wav(file, bed_rate, 2, minutes * 60 * bed_rate, [&](std::int64_t f, float* out) {
        const double t = static_cast<double>(f) / bed_rate;
        const auto& chord = chords[static_cast<int>(t / 2.0) % 4];
        double l = 0.0, r = 0.0;
        for (double hz : chord) {
            l += std::sin(2.0 * std::numbers::pi * hz * t);
            r += std::sin(2.0 * std::numbers::pi * hz * 1.003 * t);
        }
        out[0] = static_cast<float>(0.25 * l);
        out[1] = static_cast<float>(0.25 * r);
    });
}

/// A two-second chime: three decaying partials.
void make_chime(const fs::path& file) {
    write_wav(file, chime_rate, 1, 2 * chime_rate, [&](std::int64_t f, float* out) {
        const double t = static_cast<double>(f) / chime_rate;
        double v = 0.0;
        for (double hz : {880.0, 1320.0, 1760.0})
            v += std::sin(2.0 * std::numbers::pi * hz * t) * std::exp(-2.5 * t);
        out[0] = static_cast<float>(0.25 * v);
    });
}

vc::audio::Timeline broadcast(const fs::path& dir) {
    const std::int64_t voice_frames = minutes * 60 * voice_rate;
    const std::int64_t bed_frames = minutes * 60 * bed_rate;
    const std::int64_t chime_frames = 2 * chime_rate;
    vc::audio::Timeline t;
    t.format = {out_rate, 2};
    const auto place = [&](const char* name, std::int64_t start, std::int64_t frames, int rate,
                           int ch) {
        vc::audio::Placement p;
        p.file = dir / name;
        p.clip_id = fs::path(name).stem().string();
        p.start = start;
        p.length = output_frames_for(frames, rate, out_rate);
        p.source_frames = frames;
        p.source_rate = rate;
        p.source_channels = ch;
        return p;
    };
    auto bed = place("bed.wav", 0, bed_frames, bed_rate, 2);
    bed.gain_db = bed_gain_db;
    t.placements.push_back(bed);
    t.placements.push_back(place("chime.wav", 0, chime_frames, chime_rate, 1));
    t.placements.push_back(place("voice.wav", 2 * out_rate, voice_frames, voice_rate, 1));
    t.length = 2 * out_rate + output_frames_for(voice_frames, voice_rate, out_rate);
    return t;
}

struct Run {
    double seconds = 0;      ///< wall-clock time
    double cpu_seconds = 0;  ///< user + system time of the process and the children it waited for
    double max_rss_mb = 0;
};

double seconds_of(const timeval& tv) {
    return static_cast<double>(tv.tv_sec) + static_cast<double>(tv.tv_usec) * 1e-6;
}

/// Runs argv as a child process and measures its wall time and peak resident memory.
Run run_child(const std::vector<std::string>& args) {
    std::vector<char*> argv;
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    const auto start = std::chrono::steady_clock::now();
    pid_t pid = 0;
    if (posix_spawnp(&pid, argv[0], nullptr, nullptr, argv.data(), environ) != 0)
        throw std::runtime_error("cannot run " + args[0]);
    int status = 0;
    rusage usage{};
    wait4(pid, &status, 0, &usage);
    const auto end = std::chrono::steady_clock::now();
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        throw std::runtime_error(args[0] + " failed");
    return {std::chrono::duration<double>(end - start).count(),
            seconds_of(usage.ru_utime) + seconds_of(usage.ru_stime),
            static_cast<double>(usage.ru_maxrss) / 1024.0};
}

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v.size() % 2 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2.0;
}

/// RMS of the difference between two 16-bit renders, relative to the first's RMS, in dB.
double difference_db(const fs::path& a, const fs::path& b) {
    SF_INFO ia{}, ib{};
    SNDFILE* sa = sf_open(a.c_str(), SFM_READ, &ia);
    SNDFILE* sb = sf_open(b.c_str(), SFM_READ, &ib);
    if (!sa || !sb) throw std::runtime_error("cannot compare the renders");
    std::vector<float> ba(8192 * 2), bb(8192 * 2);
    double signal = 0, diff = 0;
    for (;;) {
        const sf_count_t na = sf_readf_float(sa, ba.data(), 8192);
        const sf_count_t nb = sf_readf_float(sb, bb.data(), 8192);
        const sf_count_t n = std::min(na, nb);
        if (n <= 0) break;
        for (sf_count_t i = 0; i < n * 2; ++i) {
            signal += static_cast<double>(ba[static_cast<std::size_t>(i)]) *
                      ba[static_cast<std::size_t>(i)];
            const double d = ba[static_cast<std::size_t>(i)] - bb[static_cast<std::size_t>(i)];
            diff += d * d;
        }
    }
    sf_close(sa);
    sf_close(sb);
    return 10.0 * std::log10(diff / signal);
}

}  // namespace

int main(int argc, char** argv) {
    try {
        if (argc == 4 && std::string(argv[1]) == "--render") {
            vc::audio::render_to_file(broadcast(argv[2]), argv[3]);
            return 0;
        }
        if (argc == 4 && std::string(argv[1]) == "--render-one-thread") {
            // The renderer as the daemon plays: one thread, blocks of 2048 frames, no file.
            vc::audio::Renderer renderer(broadcast(argv[2]));
            std::vector<float> buf(2048 * 2);
            double sum = 0;
            while (const std::int64_t n = renderer.render(buf.data(), 2048))
                sum += buf[static_cast<std::size_t>(n - 1)];
            std::printf("%g\n", sum);
            return 0;
        }
        const int runs = argc > 1 ? std::max(1, std::atoi(argv[1])) : 5;
        if (std::system("command -v sox >/dev/null 2>&1") != 0) {
            std::fprintf(stderr, "render_bench: sox is not installed (apt-get install sox)\n");
            return 1;
        }
        char pattern[] = "/tmp/vc-render-bench-XXXXXX";
        if (!mkdtemp(pattern)) throw std::runtime_error("cannot make a temporary folder");
        const fs::path dir = pattern;
        std::printf(
            "generating 10 min voice (22.05 kHz mono), 10 min bed (44.1 kHz stereo), 2 s chime (48 "
            "kHz) in %s\n",
            dir.c_str());
        make_voice(dir / "voice.wav");
        make_bed(dir / "bed.wav");
        make_chime(dir / "chime.wav");
        const auto t = broadcast(dir);
        const double audio_seconds = static_cast<double>(t.length) / out_rate;

        const std::string self = fs::canonical("/proc/self/exe").string();
        const std::vector<std::string> ours = {self, "--render", dir.string(),
                                               (dir / "ours.wav").string()};
        // The same mix: every input through `rate -h` to 48 kHz (sox leaves the chime's rate
        // alone), the voice delayed 2 s, the bed at -20 dB, summed without sox's 1/n scaling,
        // written as 16-bit without dither (the renderer does not dither either).
        const std::vector<std::string> sox = {
            "sox",
            "-q",
            "-D",
            "-m",
            "-v",
            "1",
            "|sox " + (dir / "chime.wav").string() + " -p rate -h 48000 channels 2",
            "-v",
            "1",
            "|sox " + (dir / "voice.wav").string() + " -p rate -h 48000 channels 2 pad 2",
            "-v",
            "0.1",
            "|sox " + (dir / "bed.wav").string() + " -p rate -h 48000",
            "-b",
            "16",
            (dir / "sox.wav").string()};

        std::vector<double> our_times, sox_times, our_cpu, sox_cpu;
        double our_rss = 0, sox_rss = 0;
        for (int i = 0; i < runs; ++i) {
            const Run a = run_child(ours);
            const Run b = run_child(sox);
            our_times.push_back(a.seconds);
            sox_times.push_back(b.seconds);
            our_cpu.push_back(a.cpu_seconds);
            sox_cpu.push_back(b.cpu_seconds);
            our_rss = std::max(our_rss, a.max_rss_mb);
            sox_rss = std::max(sox_rss, b.max_rss_mb);
            std::printf("run %d: villagecast %.3f s (cpu %.3f s), sox %.3f s (cpu %.3f s)\n", i + 1,
                        a.seconds, a.cpu_seconds, b.seconds, b.cpu_seconds);
        }
        const double ours_s = median(our_times);
        const double sox_s = median(sox_times);
        std::printf("\naudio rendered: %.1f s (48 kHz stereo 16-bit WAV)\n", audio_seconds);
        std::printf(
            "villagecast renderer: median %.3f s, %.0fx real time, peak RSS %.1f MB (2 threads)\n",
            ours_s, audio_seconds / ours_s, our_rss);
        std::printf(
            "sox -m with rate -h:  median %.3f s, %.0fx real time, peak RSS %.1f MB (largest sox "
            "process)\n",
            sox_s, audio_seconds / sox_s, sox_rss);
        std::printf(
            "ratio sox/villagecast: %.2fx wall clock, %.2fx cpu time (medians: %.3f s vs %.3f s "
            "cpu)\n",
            sox_s / ours_s, median(sox_cpu) / median(our_cpu), median(our_cpu), median(sox_cpu));
        std::printf("difference between the two renders: %.1f dB below the signal\n",
                    -difference_db(dir / "ours.wav", dir / "sox.wav"));
        if (std::getenv("VC_BENCH_KEEP"))
            std::printf("kept %s\n", dir.c_str());
        else
            fs::remove_all(dir);
        return 0;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "render_bench: %s\n", e.what());
        return 1;
    }
}
