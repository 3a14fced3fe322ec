// What an office PC under load does to playback: villagecast's `play` against sox's `play`,
// side by side in one run, each playing a 40 s tone into a PulseAudio null sink that paces like a
// sound card, with and without load. The sink's monitor is recorded with parec, and the gaps in
// the tone (runs of at least 5 ms below 1e-4 between its first and last sample) are counted: the
// silence the sound server inserted because a player did not keep its buffer filled. What is
// missing of the tone besides (audio a player dropped) is printed too.
//
// The load: 3 busy loops, a writer that writes 4 MB with O_SYNC and fsyncs it again and again,
// and a process that touches every page of 3 GiB over and over; all at nice 0, like the office's
// own programs. The recorder (parec) runs at nice -10: it is the measuring tool, not what is
// measured. The PulseAudio server is this program's own (its own HOME and XDG_RUNTIME_DIR in a
// temporary folder), so it never touches another server. A benchmark, not a test: it asserts
// nothing.
//
//   underload_bench [--rounds N] [--seconds S] [--villagecast PATH] [--output SPEC] [--keep]
//
// Each round plays both players without load, then starts the load and plays both again; the
// players alternate, and which goes first alternates from round to round. Medians over the
// rounds are printed at the end. Ctrl-C stops it, ending every child and removing the folder.

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <functional>
#include <new>
#include <optional>
#include <random>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "bench/support/bench_files.hpp"
#include "bench/support/child_process.hpp"

namespace fs = std::filesystem;
using Steady = std::chrono::steady_clock;
using namespace std::chrono_literals;
using namespace vc::bench;

namespace {

constexpr int rate = 48000;
constexpr float silence_threshold = 1e-4f;
constexpr std::int64_t min_gap_frames = rate * 5 / 1000;  // 5 ms
constexpr std::size_t disk_block = 4u << 20;              // written with O_SYNC, then fsync
constexpr std::size_t memory_bytes = 3ull << 30;          // touched over and over
constexpr int busy_loops = 3;

struct Options {
    int rounds = 3;
    double seconds = 40.0;
    fs::path villagecast;
    std::string output = "pulse";  // PortAudio's ALSA `pulse` device (see `villagecast devices`)
    bool keep = false;
};

// ---- Ctrl-C ------------------------------------------------------------------------------

volatile std::sig_atomic_t interrupted = 0;
extern "C" void on_interrupt(int) {
    interrupted = 1;
}

struct Interrupted : std::runtime_error {
    Interrupted() : std::runtime_error("interrupted") {}
};

void check_interrupted() {
    if (interrupted) throw Interrupted();
}

/// Sleeps `d`, waking every 50 ms to see whether Ctrl-C came. Throws Interrupted.
void pause_for(Steady::duration d) {
    const auto until = Steady::now() + d;
    while (Steady::now() < until) {
        check_interrupted();
        std::this_thread::sleep_for(std::min<Steady::duration>(50ms, until - Steady::now()));
    }
    check_interrupted();
}

// ---- children ----------------------------------------------------------------------------

/// Where `program` is on PATH; empty when it is not.
fs::path find_program(const std::string& program) {
    const char* path = std::getenv("PATH");
    std::istringstream dirs(path ? path : "/usr/bin:/bin");
    std::string dir;
    while (std::getline(dirs, dir, ':')) {
        const fs::path candidate = fs::path(dir.empty() ? "." : dir) / program;
        if (::access(candidate.c_str(), X_OK) == 0) return candidate;
    }
    return {};
}

/// Every child this program starts. Each dies with this program (PR_SET_PDEATHSIG), even when
/// it is killed; end_all (also run when destroyed) ends and reaps those still running.
class Children {
  public:
    Children() = default;
    Children(const Children&) = delete;
    Children& operator=(const Children&) = delete;
    ~Children() { end_all(); }

    /// Runs `body` in a child at `nice` (see fork_child). Throws std::runtime_error.
    pid_t start_body(const std::function<int()>& body, const fs::path& out, const fs::path& err,
                     int nice = 0) {
        const pid_t parent = ::getpid();
        const pid_t pid = fork_child(
            [&] {
                ::prctl(PR_SET_PDEATHSIG, SIGKILL);
                if (::getppid() != parent) return 1;
                std::signal(SIGINT, SIG_DFL);
                std::signal(SIGTERM, SIG_DFL);
                if (nice != 0) ::setpriority(PRIO_PROCESS, 0, nice);
                return body();
            },
            out, err);
        pids_.push_back(pid);
        return pid;
    }

    /// Runs a program (`argv[0]` is its path). Its exit code is 127 when it cannot be run.
    pid_t start(const std::vector<std::string>& argv, const fs::path& out, const fs::path& err,
                int nice = 0) {
        return start_body(exec_body(argv), out, err, nice);
    }

    /// Waits up to `timeout` for `pid` to end: its exit code, or nothing when it still runs.
    /// Throws Interrupted on Ctrl-C.
    std::optional<int> wait(pid_t pid, Steady::duration timeout) {
        const auto until = Steady::now() + timeout;
        for (;;) {
            int status = 0;
            const pid_t r = ::waitpid(pid, &status, WNOHANG);
            if (r == pid) {
                forget(pid);
                return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
            }
            if (r < 0 && errno != EINTR) {
                forget(pid);
                return -1;
            }
            if (Steady::now() >= until) return std::nullopt;
            check_interrupted();
            std::this_thread::sleep_for(20ms);
        }
    }

    /// Sends `sig`, and SIGKILL when the child has not ended 3 s later; reaps it.
    void end(pid_t pid, int sig) noexcept {
        if (std::find(pids_.begin(), pids_.end(), pid) == pids_.end()) return;
        ::kill(pid, sig);
        int status = 0;
        const auto until = Steady::now() + 3s;
        while (Steady::now() < until) {
            const pid_t r = ::waitpid(pid, &status, WNOHANG);
            if (r == pid || (r < 0 && errno != EINTR)) {
                forget(pid);
                return;
            }
            std::this_thread::sleep_for(20ms);
        }
        ::kill(pid, SIGKILL);
        while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
        }
        forget(pid);
    }

    void end_all() noexcept {
        while (!pids_.empty()) end(pids_.back(), SIGTERM);
    }

  private:
    void forget(pid_t pid) {
        pids_.erase(std::remove(pids_.begin(), pids_.end(), pid), pids_.end());
    }
    std::vector<pid_t> pids_;
};

/// What `command` says through a shell (its output discarded): true when it exits 0.
/// (std::system ignores SIGINT in this process while it waits, so a Ctrl-C that ends the command
/// is noted here.)
bool shell_ok(const std::string& command) {
    const int status = std::system((command + " >/dev/null 2>&1").c_str());
    if ((WIFSIGNALED(status) && WTERMSIG(status) == SIGINT) ||
        (WIFEXITED(status) && WEXITSTATUS(status) == 128 + SIGINT))
        interrupted = 1;
    return status == 0;
}

// ---- the sound server --------------------------------------------------------------------

/// This program's own PulseAudio server with a 48 kHz stereo null sink `loudspeaker` as the
/// default sink, in `dir`'s run/ and home/, which become this process's XDG_RUNTIME_DIR and
/// HOME (so every child reaches this server and no other). Not daemonized: it is a child, ended
/// with the others. Throws std::runtime_error when it does not answer within 15 s.
void start_pulse(Children& children, const fs::path& dir, const fs::path& pulseaudio) {
    fs::create_directories(dir / "run");
    fs::create_directories(dir / "home");
    fs::permissions(dir / "run", fs::perms::owner_all, fs::perm_options::replace);
    ::setenv("XDG_RUNTIME_DIR", (dir / "run").c_str(), 1);
    ::setenv("HOME", (dir / "home").c_str(), 1);
    ::unsetenv("PULSE_SERVER");
    // PortAudio's ALSA host reaches the server through ALSA's pulse plugin.
    write_text(dir / "home/.asoundrc",
               "pcm.!default { type pulse }\nctl.!default { type pulse }\n");
    const fs::path log = dir / "pulse.log";
    const pid_t pid =
        children.start({pulseaudio.string(), "-n", "--daemonize=no", "--exit-idle-time=-1",
                        "--log-target=file:" + log.string(),
                        "-Lmodule-null-sink sink_name=loudspeaker rate=48000 channels=2",
                        "-Lmodule-native-protocol-unix"},
                       dir / "pulse.out", dir / "pulse.err");
    const auto until = Steady::now() + 15s;
    while (!shell_ok("pactl info")) {
        if (children.wait(pid, 0s) || Steady::now() > until)
            throw std::runtime_error("pulseaudio did not start:\n" + read_file(dir / "pulse.err") +
                                     read_file(log));
        pause_for(100ms);
    }
    if (!shell_ok("pactl set-default-sink loudspeaker"))
        throw std::runtime_error("pactl could not set the default sink:\n" + read_file(log));
    // From here on every client names this server and sink explicitly: villagecast through
    // ALSA's pulse plugin, sox's play through its pulseaudio driver.
    ::setenv("PULSE_SERVER", ("unix:" + (dir / "run/pulse/native").string()).c_str(), 1);
    ::setenv("PULSE_SINK", "loudspeaker", 1);
    ::setenv("AUDIODRIVER", "pulseaudio", 1);
    ::setenv("AUDIODEV", "loudspeaker", 1);
}

/// parec recording the sink's monitor (stereo float at 48 kHz) into `raw`, connected, with the
/// sink's clock restarted (an idle null sink renders two seconds ahead, which a stream joining it
/// would wait out). Throws std::runtime_error when parec does not connect within 10 s.
pid_t start_recording(Children& children, const fs::path& parec, const fs::path& raw) {
    const pid_t pid =
        children.start({parec.string(), "-d", "loudspeaker.monitor", "--format=float32le",
                        "--rate=48000", "--channels=2", "--latency-msec=20"},
                       raw, fs::path(raw).replace_extension(".err"), -10);
    const auto until = Steady::now() + 10s;
    while (!shell_ok("pactl list short source-outputs | grep -q .")) {
        if (children.wait(pid, 0s) || Steady::now() > until)
            throw std::runtime_error("parec did not connect:\n" +
                                     read_file(fs::path(raw).replace_extension(".err")));
        pause_for(25ms);
    }
    if (!shell_ok("pactl suspend-sink loudspeaker 1 && pactl suspend-sink loudspeaker 0"))
        throw std::runtime_error("pactl could not restart the sink");
    return pid;
}

/// Stops parec and returns what it recorded, interleaved stereo.
std::vector<float> stop_recording(Children& children, pid_t pid, const fs::path& raw) {
    children.end(pid, SIGINT);
    const std::string bytes = read_file(raw);
    std::vector<float> samples(bytes.size() / sizeof(float));
    std::memcpy(samples.data(), bytes.data(), samples.size() * sizeof(float));
    fs::remove(raw);
    return samples;
}

// ---- gaps --------------------------------------------------------------------------------

struct Gaps {
    int count = 0;
    std::int64_t silent_frames = 0;
    std::int64_t longest_frames = 0;
    std::int64_t tone_frames = 0;  ///< from the first sample above the threshold to the last
};

/// Runs of at least 5 ms in which both channels stay below 1e-4, between the tone's first and
/// last sample above it.
Gaps find_gaps(const std::vector<float>& interleaved) {
    const std::int64_t frames = static_cast<std::int64_t>(interleaved.size() / 2);
    auto loud = [&](std::int64_t f) {
        const auto i = static_cast<std::size_t>(2 * f);
        return std::max(std::fabs(interleaved[i]), std::fabs(interleaved[i + 1])) >=
               silence_threshold;
    };
    std::int64_t first = 0;
    while (first < frames && !loud(first)) ++first;
    std::int64_t last = frames - 1;
    while (last > first && !loud(last)) --last;
    Gaps g;
    if (first >= frames) return g;
    g.tone_frames = last - first + 1;
    std::int64_t run = 0;
    for (std::int64_t f = first; f <= last; ++f) {
        if (!loud(f)) {
            ++run;
            continue;
        }
        if (run >= min_gap_frames) {
            ++g.count;
            g.silent_frames += run;
            g.longest_frames = std::max(g.longest_frames, run);
        }
        run = 0;
    }
    return g;
}

// ---- the load ----------------------------------------------------------------------------

/// Counters the load's processes share with this one (an anonymous shared mapping).
struct LoadCounters {
    std::atomic<std::int64_t> synced_bytes{0};
    std::atomic<std::int64_t> memory_passes{0};
};

int busy_loop() {
    volatile std::uint64_t x = 0;
    for (;;) x = x + 1;
}

int sync_writer(const fs::path& file, LoadCounters* counters) {
    const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_SYNC, 0600);
    if (fd < 0) throw std::runtime_error("cannot open " + file.string());
    std::vector<unsigned char> block(disk_block);
    std::mt19937 random(1);
    for (auto& b : block) b = static_cast<unsigned char>(random());
    for (;;) {
        for (std::size_t done = 0; done < block.size();) {
            const ssize_t n =
                ::pwrite(fd, block.data() + done, block.size() - done, static_cast<off_t>(done));
            if (n < 0 && errno != EINTR) throw std::runtime_error("cannot write " + file.string());
            if (n > 0) done += static_cast<std::size_t>(n);
        }
        ::fsync(fd);
        counters->synced_bytes += static_cast<std::int64_t>(block.size());
        block[0]++;
    }
}

int memory_toucher(LoadCounters* counters) {
    void* p =
        ::mmap(nullptr, memory_bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) throw std::runtime_error("cannot map 3 GiB");
    auto* bytes = static_cast<volatile unsigned char*>(p);
    const auto page = static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
    for (;;) {
        for (std::size_t i = 0; i < memory_bytes; i += page) bytes[i] = bytes[i] + 1;
        ++counters->memory_passes;
    }
}

struct Load {
    std::vector<pid_t> pids;
    std::int64_t synced0 = 0, passes0 = 0;
    Steady::time_point t0;
};

/// Starts the load and returns once the 3 GiB are resident (and 2 s more). Throws.
Load start_load(Children& children, const fs::path& dir, LoadCounters* counters) {
    Load load;
    for (int i = 0; i < busy_loops; ++i)
        load.pids.push_back(children.start_body(busy_loop, "/dev/null", dir / "busy.err"));
    load.pids.push_back(
        children.start_body([&] { return sync_writer(dir / "sync-writer.tmp", counters); },
                            "/dev/null", dir / "sync-writer.err"));
    const std::int64_t passes = counters->memory_passes;
    const pid_t toucher = children.start_body([&] { return memory_toucher(counters); }, "/dev/null",
                                              dir / "memory.err");
    load.pids.push_back(toucher);
    const auto until = Steady::now() + 120s;
    while (counters->memory_passes == passes) {
        if (children.wait(toucher, 0s) || Steady::now() > until)
            throw std::runtime_error("the 3 GiB process did not touch its memory:\n" +
                                     read_file(dir / "memory.err"));
        pause_for(100ms);
    }
    pause_for(2s);
    load.synced0 = counters->synced_bytes;
    load.passes0 = counters->memory_passes;
    load.t0 = Steady::now();
    return load;
}

void stop_load(Children& children, Load& load, const fs::path& dir, const LoadCounters* counters) {
    const double s = std::chrono::duration<double>(Steady::now() - load.t0).count();
    std::printf("  load while both played: sync writer %.1f MB/s, 3 GiB touched %.2f times/s\n",
                static_cast<double>(counters->synced_bytes - load.synced0) / 1e6 / s,
                static_cast<double>(counters->memory_passes - load.passes0) / s);
    for (pid_t pid : load.pids) children.end(pid, SIGKILL);
    load.pids.clear();
    std::error_code ec;
    fs::remove(dir / "sync-writer.tmp", ec);
}

// ---- the players -------------------------------------------------------------------------

enum class Player { villagecast, sox };

const char* name(Player p) {
    return p == Player::villagecast ? "villagecast" : "sox play";
}

struct Result {
    Gaps gaps;
    int underruns = -1;  ///< what villagecast's play printed; -1 for sox
    bool ok = true;
};

/// villagecast's play prints "played 0:40.000, 3 underruns" (no count when there were none).
int parse_underruns(const std::string& out) {
    const auto played = out.rfind("played ");
    if (played == std::string::npos) return -1;
    const auto end = out.find(" underruns", played);
    if (end == std::string::npos) return 0;
    const auto start = out.rfind(' ', end - 1);
    return std::atoi(out.c_str() + start + 1);
}

struct Context {
    Options options;
    fs::path dir, station, wav, parec, play;
    Children* children = nullptr;
};

Result play_once(const Context& c, Player p) {
    Children& children = *c.children;
    const fs::path raw = c.dir / "monitor.raw";
    const pid_t recorder = start_recording(children, c.parec, raw);
    const fs::path out = c.dir / "player.out", err = c.dir / "player.err";
    const pid_t player =
        p == Player::villagecast
            ? children.start({c.options.villagecast.string(), "play", "-s", c.station.string(),
                              "--clip", "tone/sine", "--output", c.options.output},
                             out, err)
            : children.start({c.play.string(), "-q", c.wav.string()}, out, err);
    Result r;
    const auto code =
        children.wait(player, std::chrono::duration_cast<Steady::duration>(
                                  std::chrono::duration<double>(c.options.seconds + 60.0)));
    if (!code) {
        std::printf("  %s did not end within %.0f s of its tone's length: stopped\n", name(p),
                    60.0);
        children.end(player, SIGTERM);
        r.ok = false;
    } else if (*code != 0) {
        std::printf("  %s exited %d:\n%s", name(p), *code, read_file(err).c_str());
        r.ok = false;
    }
    pause_for(300ms);  // the sink's last buffer
    r.gaps = find_gaps(stop_recording(children, recorder, raw));
    if (p == Player::villagecast) r.underruns = parse_underruns(read_file(out));
    return r;
}

double ms(std::int64_t frames) {
    return 1000.0 * static_cast<double>(frames) / rate;
}

/// The tone the recording lacks: its length in the file less what was recorded of it (the
/// recorded tone's length less the inserted silence). Audio a player dropped, or (negative)
/// played twice.
double missing_ms(const Gaps& g, double seconds) {
    return 1000.0 * seconds - ms(g.tone_frames - g.silent_frames);
}

void print_result(int round, Player p, bool loaded, const Result& r, double seconds) {
    std::printf(
        "  round %d  %-11s  %-6s  %3d gaps  %8.1f ms inserted  longest %7.1f ms  tone %.3f s"
        "  %7.1f ms missing",
        round, name(p), loaded ? "loaded" : "quiet", r.gaps.count, ms(r.gaps.silent_frames),
        ms(r.gaps.longest_frames), static_cast<double>(r.gaps.tone_frames) / rate,
        missing_ms(r.gaps, seconds));
    if (r.underruns >= 0) std::printf("  %d underruns", r.underruns);
    std::printf("%s\n", r.ok ? "" : "  (FAILED)");
    std::fflush(stdout);
}

double median(std::vector<double> v) {
    if (v.empty()) return NAN;
    std::sort(v.begin(), v.end());
    const std::size_t n = v.size();
    return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2.0;
}

void print_medians(const Options& o, const std::vector<std::vector<Result>>& results) {
    std::printf("\nmedians over %d round(s); the tone is %.3f s long\n", o.rounds, o.seconds);
    std::printf("%-11s  %-6s  %6s  %22s  %15s  %13s  %16s  %9s\n", "player", "load", "gaps",
                "inserted silence ms", "longest gap ms", "tone length s", "tone missing ms",
                "underruns");
    for (int k = 0; k < 4; ++k) {
        const Player p = k % 2 == 0 ? Player::villagecast : Player::sox;
        const auto& rs = results[static_cast<std::size_t>(k)];
        std::vector<double> gaps, silent, longest, tone, missing, underruns;
        for (const auto& r : rs) {
            if (!r.ok) continue;  // said when it happened; not a figure of the player's
            gaps.push_back(r.gaps.count);
            silent.push_back(ms(r.gaps.silent_frames));
            longest.push_back(ms(r.gaps.longest_frames));
            tone.push_back(static_cast<double>(r.gaps.tone_frames) / rate);
            missing.push_back(missing_ms(r.gaps, o.seconds));
            if (r.underruns >= 0) underruns.push_back(r.underruns);
        }
        char under[32] = "-";
        if (!underruns.empty()) std::snprintf(under, sizeof under, "%g", median(underruns));
        std::printf("%-11s  %-6s  %6g  %22.1f  %15.1f  %13.3f  %16.1f  %9s", name(p),
                    k < 2 ? "quiet" : "loaded", median(gaps), median(silent), median(longest),
                    median(tone), median(missing), under);
        if (gaps.size() < rs.size())
            std::printf("  (%zu of %zu runs: the others failed)", gaps.size(), rs.size());
        std::printf("\n");
    }
}

int usage() {
    std::fprintf(stderr,
                 "usage: underload_bench [--rounds N] [--seconds S] [--villagecast PATH] "
                 "[--output SPEC] [--keep]\n");
    return 2;
}

}  // namespace

int main(int argc, char** argv) {
    Options o;
    o.villagecast = default_villagecast();
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--keep") {
            o.keep = true;
        } else if (a == "--rounds" && i + 1 < argc) {
            o.rounds = std::atoi(argv[++i]);
        } else if (a == "--seconds" && i + 1 < argc) {
            o.seconds = std::atof(argv[++i]);
        } else if (a == "--villagecast" && i + 1 < argc) {
            o.villagecast = argv[++i];
        } else if (a == "--output" && i + 1 < argc) {
            o.output = argv[++i];
        } else {
            return usage();
        }
    }
    if (o.rounds < 1 || o.seconds < 1) return usage();
    if (!fs::exists(o.villagecast)) {
        std::fprintf(stderr, "no villagecast binary at %s: build it or pass --villagecast PATH\n",
                     o.villagecast.c_str());
        return 2;
    }
    Context c;
    c.options = o;
    const fs::path pulseaudio = find_program("pulseaudio");
    c.parec = find_program("parec");
    c.play = find_program("play");
    if (pulseaudio.empty() || c.parec.empty() || find_program("pactl").empty()) {
        std::fprintf(stderr,
                     "pulseaudio, pactl and parec are needed: apt-get install pulseaudio "
                     "pulseaudio-utils libasound2-plugins (scripts/setup does)\n");
        return 2;
    }
    if (c.play.empty()) {
        std::fprintf(stderr, "sox's play is needed: apt-get install sox (scripts/setup does)\n");
        return 2;
    }

    struct sigaction action {};
    action.sa_handler = on_interrupt;
    ::sigaction(SIGINT, &action, nullptr);
    ::sigaction(SIGTERM, &action, nullptr);

    // A short path: the server's socket path must fit in a sockaddr_un.
    char pattern[] = "/tmp/vc-underload-XXXXXX";
    if (!::mkdtemp(pattern)) return 1;
    c.dir = pattern;
    c.station = c.dir / "station";
    c.wav = c.station / "clips/tone/sine.wav";
    // The load's counters, shared with its processes.
    void* shared = ::mmap(nullptr, sizeof(LoadCounters), PROT_READ | PROT_WRITE,
                          MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (shared == MAP_FAILED) return 1;
    auto* counters = new (shared) LoadCounters;

    int exit_code = 0;
    {
        Children children;
        c.children = &children;
        try {
            write_text(c.station / "station.toml",
                       "name = \"bench\"\ntimezone = \"Asia/Shanghai\"\nchime = \"\"\n"
                       "[output]\ndevice = \"null\"\nsample_rate = 48000\nchannels = 2\n");
            write_tone(c.wav, o.seconds, 440.0);  // 16-bit, peak 0.25 (-12 dBFS)
            // A copy of the binary: the build folder's may be relinked while the rounds run.
            fs::copy_file(o.villagecast, c.dir / "villagecast");
            c.options.villagecast = c.dir / "villagecast";
            start_pulse(children, c.dir, pulseaudio);
            std::printf(
                "villagecast: %s --output %s\nsox: %s\nin %s; %u cores; %d round(s) of a %.0f s "
                "440 Hz tone at -12 dBFS, 48 kHz stereo\nload: %d busy loops, %zu MB written "
                "with O_SYNC and fsync in a loop, %zu GiB touched in a loop (all nice 0)\n"
                "a gap: %.0f ms or more below %g inside the tone, as recorded from the sink\n\n",
                o.villagecast.c_str(), o.output.c_str(), c.play.c_str(), c.dir.c_str(),
                std::thread::hardware_concurrency(), o.rounds, o.seconds, busy_loops,
                disk_block >> 20, memory_bytes >> 30, ms(min_gap_frames),
                static_cast<double>(silence_threshold));
            std::fflush(stdout);

            // results[k]: villagecast quiet, sox quiet, villagecast loaded, sox loaded.
            std::vector<std::vector<Result>> results(4);
            for (int round = 1; round <= o.rounds; ++round) {
                const Player order[2] = {round % 2 == 1 ? Player::villagecast : Player::sox,
                                         round % 2 == 1 ? Player::sox : Player::villagecast};
                for (bool loaded : {false, true}) {
                    std::optional<Load> load;
                    if (loaded) load = start_load(children, c.dir, counters);
                    for (Player p : order) {
                        const Result r = play_once(c, p);
                        print_result(round, p, loaded, r, o.seconds);
                        results[static_cast<std::size_t>((loaded ? 2 : 0) +
                                                         (p == Player::sox ? 1 : 0))]
                            .push_back(r);
                    }
                    if (load) stop_load(children, *load, c.dir, counters);
                }
            }
            print_medians(o, results);
        } catch (const Interrupted&) {
            std::fprintf(stderr, "underload_bench: interrupted; cleaning up\n");
            exit_code = 130;
        } catch (const std::exception& e) {
            std::fprintf(stderr, "underload_bench: %s\n", e.what());
            exit_code = 1;
        }
        children.end_all();
    }
    if (!o.keep) {
        std::error_code ec;
        fs::remove_all(c.dir, ec);
    } else {
        std::printf("kept %s\n", c.dir.c_str());
    }
    return exit_code;
}
