#include "tests/support/pulse_server.hpp"

#include <catch2/catch.hpp>

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <fstream>

#include "tests/support/fixtures.hpp"

extern char** environ;

namespace vc::test {

namespace {

/// Whether process `pid` still runs (a zombie that nobody reaped does not).
bool running(pid_t pid) {
    if (::kill(pid, 0) != 0) return false;
    std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
    std::string line;
    std::getline(stat, line);
    const auto paren = line.rfind(')');
    return paren == std::string::npos || paren + 2 >= line.size() || line[paren + 2] != 'Z';
}

bool installed(const std::string& program) {
    return std::system(("command -v " + program + " >/dev/null 2>&1").c_str()) == 0;
}

/// PulseAudio's name of channel `index` of a sink or stream of `channels` channels.
std::string channel_name(int channels, int index) {
    if (channels == 1) return "mono";
    if (channels == 2 || channels == 4) {
        constexpr const char* names[] = {"front-left", "front-right", "rear-left", "rear-right"};
        return names[index];
    }
    return "aux" + std::to_string(index);
}

/// PulseAudio's channel map of a sink or stream of `channels` channels.
std::string channel_map(int channels) {
    std::string map;
    for (int c = 0; c < channels; ++c) map += (c ? "," : "") + channel_name(channels, c);
    return map;
}

}  // namespace

PulseServer::PulseServer(int channels)
    : PulseServer([channels] {
          Options options;
          options.channels = channels;
          return options;
      }()) {}

PulseServer::PulseServer(Options options) : options_(options) {
    std::vector<std::string> programs{"pulseaudio", "pactl", "parec"};
    if (options_.microphone) programs.emplace_back("paplay");
    for (const auto& program : programs)
        if (!installed(program))
            FAIL(program +
                 " is not installed: the real PortAudio path is tested through a PulseAudio null "
                 "sink; install it with `apt-get install pulseaudio pulseaudio-utils "
                 "libasound2-plugins` (scripts/setup does)");

    // A short path: the daemon's socket path must fit in a sockaddr_un.
    char pattern[] = "/tmp/vc-pulse-XXXXXX";
    REQUIRE(::mkdtemp(pattern) != nullptr);
    root_ = pattern;
    std::filesystem::create_directories(root_ / "run");
    std::filesystem::create_directories(root_ / "home");
    ::setenv("XDG_RUNTIME_DIR", (root_ / "run").c_str(), 1);
    ::setenv("HOME", (root_ / "home").c_str(), 1);
    ::unsetenv("PULSE_SERVER");
    std::ofstream(root_ / "home" / ".asoundrc")
        << "pcm.!default { type pulse }\nctl.!default { type pulse }\n";
    start();
}

void PulseServer::start() {
    const std::string log = (root_ / "pulse.log").string();
    std::string modules;
    // One null sink paces every side; each side is one of its channels.
    const auto side = [](const std::string& name, const std::string& channel) {
        return " -L 'module-remap-sink sink_name=" + name +
               " master=room channels=1 master_channel_map=" + channel +
               " channel_map=mono remix=no'";
    };
    if (options_.microphone) {
        modules = " -L 'module-null-sink sink_name=room rate=48000 channels=2 channel_map=" +
                  channel_map(2) + "'" + side("loudspeaker", "front-right") +
                  side("microphone_feed", "front-left");
    } else if (options_.receivers > 0) {
        REQUIRE(options_.receivers <= 31);  // PulseAudio's PA_CHANNELS_MAX is 32
        const int channels = 1 + options_.receivers;
        modules =
            " -L 'module-null-sink sink_name=room rate=48000 channels=" + std::to_string(channels) +
            " channel_map=" + channel_map(channels) + "'" +
            side("loudspeaker", channel_name(channels, 0));
        for (int r = 1; r <= options_.receivers; ++r)
            modules += side("receiver" + std::to_string(r), channel_name(channels, r));
    } else {
        modules = " -L 'module-null-sink sink_name=loudspeaker rate=48000 channels=" +
                  std::to_string(options_.channels) +
                  " channel_map=" + channel_map(options_.channels) + "'";
    }
    // A room of many receivers' sinks: at start the null sink's thread rewinds each of them for
    // longer than PulseAudio's real-time limit (rlimit-rttime, 200 ms), and the kernel kills it;
    // it runs at normal priority.
    const std::string priority = options_.receivers > 3 ? " --realtime=no" : "";
    const std::string command = "pulseaudio -n --daemonize=yes --exit-idle-time=-1" + priority +
                                " --log-target=file:" + log + modules +
                                " -L 'module-native-protocol-unix' >>" + log + " 2>&1";
    try {
        if (std::system(command.c_str()) != 0)
            FAIL("pulseaudio did not start:\n" + read_bytes(log));
        if (std::system("pactl set-default-sink loudspeaker >/dev/null 2>&1") != 0)
            FAIL("pactl could not reach the test's pulseaudio:\n" + read_bytes(log));
        if (options_.microphone &&
            std::system("pactl set-default-source microphone_feed.monitor >/dev/null 2>&1") != 0)
            FAIL("pactl could not set the default source:\n" + read_bytes(log));
    } catch (...) {
        kill_daemon();
        throw;
    }
}

PulseServer::~PulseServer() {
    stop_feed();
    kill_daemon();
}

void PulseServer::feed_microphone(const std::filesystem::path& sound_file) {
    REQUIRE(options_.microphone);
    stop_feed();
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
    const char* argv[] = {"paplay",           "-d",   "microphone_feed", "--latency-msec=200",
                          sound_file.c_str(), nullptr};
    const int rc =
        posix_spawnp(&feed_pid_, "paplay", &actions, nullptr, const_cast<char**>(argv), environ);
    posix_spawn_file_actions_destroy(&actions);
    REQUIRE(rc == 0);

    // As for a recording: the idle null sink has rendered ahead, and the new stream would wait
    // that out; restart the sink's clock once the stream is connected.
    bool connected = false;
    for (int attempt = 0; attempt < 200 && !connected; ++attempt) {
        connected = std::system("pactl list short sink-inputs 2>/dev/null | grep -q .") == 0;
        if (!connected) ::usleep(10'000);
    }
    REQUIRE(connected);
    REQUIRE(std::system("pactl suspend-sink room 1 && pactl suspend-sink room 0") == 0);
}

void PulseServer::wait_for_feed() {
    if (feed_pid_ <= 0) return;
    int status = 0;
    REQUIRE(::waitpid(feed_pid_, &status, 0) == feed_pid_);
    feed_pid_ = -1;
    CHECK((WIFEXITED(status) && WEXITSTATUS(status) == 0));
}

void PulseServer::stop_feed() noexcept {
    if (feed_pid_ <= 0) return;
    ::kill(feed_pid_, SIGTERM);
    int status = 0;
    ::waitpid(feed_pid_, &status, 0);
    feed_pid_ = -1;
}

void PulseServer::stop() {
    REQUIRE(std::system("pulseaudio --kill >/dev/null 2>&1") == 0);
    // Gone once its socket no longer answers.
    for (int attempt = 0; attempt < 100; ++attempt) {
        if (std::system("pactl info >/dev/null 2>&1") != 0) return;
        ::usleep(50'000);
    }
    FAIL("pulseaudio did not stop");
}

void PulseServer::kill_daemon() noexcept {
    if (root_.empty()) return;
    pid_t pid = 0;
    {
        std::ifstream pid_file(root_ / "run" / "pulse" / "pid");
        if (!(pid_file >> pid)) pid = 0;
    }
    if (std::system("pulseaudio --kill >/dev/null 2>&1") != 0 && pid > 0) ::kill(pid, SIGTERM);
    // `pulseaudio --kill` returns at once; the exiting daemon still writes in its folder, so the
    // folder goes once the daemon has (up to 5 s).
    for (int waited = 0; pid > 0 && waited < 500 && running(pid); ++waited) ::usleep(10'000);
    std::error_code ec;
    std::filesystem::remove_all(root_, ec);
    root_.clear();
}

MonitorRecording::MonitorRecording(std::filesystem::path file, int channels, std::string monitor)
    : file_(std::move(file)) {
    const std::string channels_arg = "--channels=" + std::to_string(channels);
    const std::string map_arg = "--channel-map=" + channel_map(channels);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, file_.c_str(),
                                     O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
    const char* argv[] = {"parec",         "-d",
                          monitor.c_str(), "--format=float32le",
                          "--rate=48000",  channels_arg.c_str(),
                          map_arg.c_str(), "--latency-msec=20",
                          nullptr};
    const int rc =
        posix_spawnp(&pid_, "parec", &actions, nullptr, const_cast<char**>(argv), environ);
    posix_spawn_file_actions_destroy(&actions);
    REQUIRE(rc == 0);

    // An idle null sink renders two seconds ahead, and a stream that joins it waits that out.
    // Once parec is connected (asking for 20 ms), suspending and resuming the sink restarts its
    // clock at the clients' latency.
    bool connected = false;
    for (int attempt = 0; attempt < 200 && !connected; ++attempt)
        connected = std::system("pactl list short source-outputs 2>/dev/null | grep -q .") == 0;
    REQUIRE(connected);
    // The sink whose clock paces the monitor: a remap sink's master when it has one.
    std::string sink = monitor.substr(0, monitor.rfind(".monitor"));
    if (sink == "loudspeaker" &&
        std::system("pactl list short sinks 2>/dev/null | cut -f2 | grep -qx room") == 0)
        sink = "room";
    REQUIRE(std::system(("pactl suspend-sink " + sink + " 1 && pactl suspend-sink " + sink + " 0")
                            .c_str()) == 0);
}

MonitorRecording::~MonitorRecording() {
    if (pid_ > 0) stop();
}

std::vector<float> MonitorRecording::stop() {
    if (pid_ > 0) {
        ::kill(pid_, SIGINT);
        int status = 0;
        ::waitpid(pid_, &status, 0);
        pid_ = -1;
    }
    const std::string bytes = read_bytes(file_);
    std::vector<float> samples(bytes.size() / sizeof(float));
    std::memcpy(samples.data(), bytes.data(), samples.size() * sizeof(float));
    return samples;
}

}  // namespace vc::test
