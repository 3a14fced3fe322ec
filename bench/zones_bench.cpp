// Figures for many zones on channels of one sound card, each printed beside its goal:
//   (a) N zones (default 30), each airing its own M-minute clip (default 10) at the same
//       instant, in a simulated run to the null output: CPU per zone and for all of them as a
//       share of one core in real time (the run's CPU less that of the same run with nothing
//       to air), and peak memory;
//   (b) sox merging the same N files into one N x 2-channel stream (`sox -M ... -n`), the peer
//       for decoding and interleaving N files: the ratio of (a)'s CPU to its;
//   (c) the spread of first-sample frames across the zones, from a 20 s simulated run into an
//       N-channel WAV (each zone's channel read back).
// It runs the real binary on a station it generates in a temporary folder. A benchmark, not a
// test: it asserts nothing. Runs (a) and (b) three times each, side by side, and quotes medians.
//
//   zones_bench [--quick] [--streams] [--zones N] [--minutes M] [--villagecast PATH] [--keep]
//
// --quick: one run each, 2-minute clips. --streams: each zone on a Snapcast stream of its own
// (an output and a mix per zone; null outputs in the simulated run) instead of a channel of one
// card; (c) then reads the as-run log's starts, to the millisecond.

#include <sndfile.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <numbers>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "bench/support/bench_files.hpp"
#include "bench/support/child_process.hpp"

namespace fs = std::filesystem;
using namespace vc::bench;

namespace {

constexpr int rate = 48000;

struct Options {
    bool quick = false;
    int zones = 30;
    int minutes = 10;
    fs::path villagecast;
    bool keep = false;
    bool streams = false;  ///< a Snapcast stream per zone, not a channel of one card
};

std::string two_digits(int n) {
    return (n < 10 ? "0" : "") + std::to_string(n);
}

std::string zone_name(int n) {
    return "村" + two_digits(n);
}

/// A FLAC of `minutes`: a notice read with pauses, modelled as 3 s of tone at `freq` in every
/// 5 s (a tone's FLAC stays small enough to generate quickly, and it decodes as speech does).
void write_notice(const fs::path& file, int minutes, double freq) {
    write_audio(file, SF_FORMAT_FLAC | SF_FORMAT_PCM_16,
                static_cast<std::int64_t>(minutes) * 60 * rate, [freq](std::int64_t f) {
                    if (f % (5 * rate) >= 3 * rate) return 0.0f;
                    return static_cast<float>(0.25 * std::cos(2.0 * std::numbers::pi * freq *
                                                              static_cast<double>(f) / rate));
                });
}

/// station.toml with `zones` zones on channels 1..zones of one card, and, unless `empty`, a
/// one-shot per zone of its own clip at 20:00:10.
void write_station(const fs::path& root, const Options& o, bool empty) {
    std::string toml =
        "name = \"多村基准站\"\ntimezone = \"Asia/Shanghai\"\nchime = \"\"\n\n[output]\n"
        "device = \"default\"\nsample_rate = 48000\nchannels = " +
        std::to_string(o.streams ? 2 : o.zones) + "\n";
    for (int z = 1; z <= o.zones; ++z)
        toml += "\n[[zone]]\nname = \"" + zone_name(z) + "\"\noutput = \"" +
                (o.streams ? "snapcast:z" + two_digits(z) : "default:" + std::to_string(z)) +
                "\"\n";
    write_text(root / "station.toml", toml);
    std::string schedule;
    if (!empty)
        for (int z = 1; z <= o.zones; ++z)
            schedule += "[[broadcast]]\nid = \"notice-" + two_digits(z) + "\"\nclip = \"z/" +
                        two_digits(z) + "\"\nat = \"2026-12-03 20:00:10\"\nzones = [\"" +
                        zone_name(z) + "\"]\n\n";
    write_text(root / "schedule.toml", schedule);
}

/// Runs `argv` to its end; its usage. Exits the benchmark when it fails.
Usage run(const std::vector<std::string>& argv, const fs::path& dir, const std::string& name) {
    const pid_t pid = spawn(argv, dir / (name + ".out"), dir / (name + ".err"));
    const Usage u = wait_usage(pid);
    if (u.status != 0) {
        std::fprintf(stderr, "%s failed (%d):\n%s\n", argv[0].c_str(), u.status,
                     read_file(dir / (name + ".err")).c_str());
        std::exit(1);
    }
    return u;
}

/// `program` found on $PATH, or "" when it is not installed.
std::string on_path(const std::string& program) {
    const char* path = std::getenv("PATH");
    std::string dirs = path ? path : "/usr/bin:/bin";
    for (std::size_t from = 0; from <= dirs.size();) {
        const std::size_t colon = std::min(dirs.find(':', from), dirs.size());
        const fs::path candidate = fs::path(dirs.substr(from, colon - from)) / program;
        if (::access(candidate.c_str(), X_OK) == 0) return candidate.string();
        from = colon + 1;
    }
    return "";
}

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

std::string window(int seconds) {
    const int m = seconds / 60;
    const int s = seconds % 60;
    return "2026-12-03T20:00:00/2026-12-03T20:" + two_digits(m) + ":" + two_digits(s);
}

/// (c): the first frame at or after 20:00:00 at which each zone's channel is not silent.
std::vector<std::int64_t> first_frames(const Options& o, const fs::path& dir,
                                       const fs::path& station) {
    const fs::path wav = dir / "zones.wav";
    run({o.villagecast.string(), "run", "-s", station.string(), "--simulate", window(20),
         "--output", "wav:" + wav.string(), "--audit", (dir / "onsets.db").string()},
        dir, "onsets");
    SF_INFO info{};
    SNDFILE* f = sf_open(wav.c_str(), SFM_READ, &info);
    if (!f) {
        std::fprintf(stderr, "cannot read %s\n", wav.c_str());
        std::exit(1);
    }
    std::vector<float> samples(static_cast<std::size_t>(info.frames * info.channels));
    sf_readf_float(f, samples.data(), info.frames);
    sf_close(f);
    std::vector<std::int64_t> first(static_cast<std::size_t>(info.channels), -1);
    for (std::int64_t fr = 0; fr < info.frames; ++fr)
        for (int c = 0; c < info.channels; ++c) {
            auto& x = first[static_cast<std::size_t>(c)];
            if (x < 0 && samples[static_cast<std::size_t>(fr * info.channels + c)] != 0.0f) x = fr;
        }
    return first;
}

/// (c) with --streams: the zones' outputs are null in a simulated run, so the starts come from
/// the as-run log of a 20 s run, to the millisecond.
void print_start_spread(const Options& o, const fs::path& dir, const fs::path& station) {
    const fs::path log = dir / "starts.db";
    run({o.villagecast.string(), "run", "-s", station.string(), "--simulate", window(20),
         "--output", "null", "--audit", log.string()},
        dir, "starts");
    run({o.villagecast.string(), "audit", "export", "-s", station.string(), "--audit", log.string(),
         "--format", "json"},
        dir, "export");
    const auto exported = nlohmann::json::parse(read_file(dir / "export.out"));
    std::int64_t lo = INT64_MAX, hi = INT64_MIN;
    int started = 0;
    for (const auto& a : exported["airings"]) {
        if (!a["start_ms"].is_number()) continue;
        const auto ms = a["start_ms"].get<std::int64_t>();
        lo = std::min(lo, ms);
        hi = std::max(hi, ms);
        ++started;
    }
    std::printf(
        "(c) as-run starts of the zones' airings: %d of %d started, spread %lld ms (goal 0; "
        "simulated: every output counts the same frames)\n",
        started, o.zones, started ? static_cast<long long>(hi - lo) : -1LL);
}

}  // namespace

int main(int argc, char** argv) {
    Options o;
    o.villagecast = default_villagecast();
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--quick") {
            o.quick = true;
            o.minutes = 2;
        } else if (a == "--streams") {
            o.streams = true;
        } else if (a == "--keep") {
            o.keep = true;
        } else if (a == "--zones" && i + 1 < argc) {
            o.zones = std::clamp(std::atoi(argv[++i]), 1, 32);
        } else if (a == "--minutes" && i + 1 < argc) {
            o.minutes = std::clamp(std::atoi(argv[++i]), 1, 59);
        } else if (a == "--villagecast" && i + 1 < argc) {
            o.villagecast = argv[++i];
        } else {
            std::fprintf(stderr,
                         "usage: zones_bench [--quick] [--streams] [--zones N] [--minutes M] "
                         "[--villagecast PATH] [--keep]\n");
            return 2;
        }
    }
    const std::string sox_path = on_path("sox");
    if (sox_path.empty()) {
        std::fprintf(stderr, "zones_bench: sox is not installed (apt-get install sox)\n");
        return 2;
    }
    if (!fs::exists(o.villagecast)) {
        std::fprintf(stderr, "no villagecast binary at %s: build it or pass --villagecast PATH\n",
                     o.villagecast.c_str());
        return 2;
    }
    char pattern[] = "/tmp/vc-zones-bench-XXXXXX";
    if (!::mkdtemp(pattern)) return 1;
    const fs::path dir = pattern;
    const fs::path station = dir / "station";
    const fs::path empty = dir / "empty";
    std::printf(
        "villagecast: %s\nstation in %s: %d zones on %s, each airing its own %d-minute "
        "clip at 20:00:10\n\n",
        o.villagecast.c_str(), station.c_str(), o.zones,
        o.streams ? "Snapcast streams of their own" : "channels of one card", o.minutes);
    std::vector<std::string> files;
    for (int z = 1; z <= o.zones; ++z) {
        const fs::path clip = station / "clips" / "z" / (two_digits(z) + ".flac");
        write_notice(clip, o.minutes, 300.0 + 20.0 * z);
        fs::create_directories(empty / "clips" / "z");
        fs::copy_file(clip, empty / "clips" / "z" / clip.filename());
        files.push_back(clip.string());
    }
    write_station(station, o, false);
    write_station(empty, o, true);
    // The library's analysis (loudness of every clip) is done once, before anything is timed.
    run({o.villagecast.string(), "library", "-s", station.string()}, dir, "library");
    run({o.villagecast.string(), "library", "-s", empty.string()}, dir, "library-empty");

    const int seconds = 10 + o.minutes * 60 + 10;
    const double aired_seconds = o.minutes * 60.0;
    const int runs = o.quick ? 1 : 3;
    std::vector<double> cpu_all, cpu_empty, cpu_sox, memory;
    for (int r = 0; r < runs; ++r) {
        const Usage all = run(
            {o.villagecast.string(), "run", "-s", station.string(), "--simulate", window(seconds),
             "--output", "null", "--audit", (dir / ("all-" + std::to_string(r) + ".db")).string()},
            dir, "all");
        const Usage none = run({o.villagecast.string(), "run", "-s", empty.string(), "--simulate",
                                window(seconds), "--output", "null", "--audit",
                                (dir / ("empty-" + std::to_string(r) + ".db")).string()},
                               dir, "empty");
        std::vector<std::string> sox = {sox_path, "-M"};
        sox.insert(sox.end(), files.begin(), files.end());
        sox.push_back("-n");
        const Usage peer = run(sox, dir, "sox");
        cpu_all.push_back(all.cpu_seconds);
        cpu_empty.push_back(none.cpu_seconds);
        cpu_sox.push_back(peer.cpu_seconds);
        memory.push_back(all.megabytes);
    }
    const double zones_cpu = median(cpu_all) - median(cpu_empty);
    const double share = 100.0 * zones_cpu / aired_seconds;
    std::printf("(a) %d zones x %.0f s aired, simulated to the null output (median of %d runs)\n",
                o.zones, aired_seconds, runs);
    std::printf("    CPU of the run %.2f s, of the same run with nothing to air %.2f s\n",
                median(cpu_all), median(cpu_empty));
    std::printf(
        "    airing CPU %.2f s: %.2f%% of one core for all %d zones in real time "
        "(goal < 25%%), %.3f%% per zone; %.0fx faster than real time\n",
        zones_cpu, share, o.zones, share / o.zones, aired_seconds / zones_cpu);
    std::printf("    peak resident memory %.1f MB (goal < 80 MB)\n", median(memory));
    std::printf(
        "(b) sox -M of the same %d files to no output: %.2f s CPU; villagecast's airing "
        "CPU / sox's = %.2f\n",
        o.zones, median(cpu_sox), zones_cpu / median(cpu_sox));

    if (o.streams) {
        print_start_spread(o, dir, station);
        if (!o.keep) fs::remove_all(dir);
        return 0;
    }
    const auto first = first_frames(o, dir, station);
    std::int64_t lo = INT64_MAX, hi = -1;
    int heard = 0;
    for (auto f : first)
        if (f >= 0) {
            lo = std::min(lo, f);
            hi = std::max(hi, f);
            ++heard;
        }
    std::printf(
        "(c) first sample of each zone's channel: %d of %d zones heard, frames %lld to "
        "%lld (20:00:10 is frame 480000): spread %lld frames (goal 0)\n",
        heard, o.zones, static_cast<long long>(lo), static_cast<long long>(hi),
        static_cast<long long>(hi - lo));
    if (!o.keep) fs::remove_all(dir);
    return 0;
}
