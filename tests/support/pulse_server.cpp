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

bool installed(const std::string& program) {
    return std::system(("command -v " + program + " >/dev/null 2>&1").c_str()) == 0;
}

/// PulseAudio's channel map of a sink or stream of `channels` channels.
std::string channel_map(int channels) {
    return channels == 4   ? "front-left,front-right,rear-left,rear-right"
           : channels == 1 ? "mono"
                           : "front-left,front-right";
}

}  // namespace

PulseServer::PulseServer(int channels) : channels_(channels) {
    for (const char* program : {"pulseaudio", "pactl", "parec"})
        if (!installed(program))
            FAIL(std::string(program) +
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
    const std::string command =
        "pulseaudio -n --daemonize=yes --exit-idle-time=-1 --log-target=file:" + log +
        " -L 'module-null-sink sink_name=loudspeaker rate=48000 channels=" +
        std::to_string(channels_) + " channel_map=" + channel_map(channels_) +
        "'"
        " -L 'module-native-protocol-unix' >>" +
        log + " 2>&1";
    try {
        if (std::system(command.c_str()) != 0)
            FAIL("pulseaudio did not start:\n" + read_bytes(log));
        if (std::system("pactl set-default-sink loudspeaker >/dev/null 2>&1") != 0)
            FAIL("pactl could not reach the test's pulseaudio:\n" + read_bytes(log));
    } catch (...) {
        kill_daemon();
        throw;
    }
}

PulseServer::~PulseServer() {
    kill_daemon();
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
    if (std::system("pulseaudio --kill >/dev/null 2>&1") != 0) {
        // Fall back to the pid file the daemon left.
        std::ifstream pid_file(root_ / "run" / "pulse" / "pid");
        pid_t pid = 0;
        if (pid_file >> pid && pid > 0) ::kill(pid, SIGTERM);
    }
    std::error_code ec;
    std::filesystem::remove_all(root_, ec);
    root_.clear();
}

MonitorRecording::MonitorRecording(std::filesystem::path file, int channels)
    : file_(std::move(file)) {
    const std::string channels_arg = "--channels=" + std::to_string(channels);
    const std::string map_arg = "--channel-map=" + channel_map(channels);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, file_.c_str(),
                                     O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
    const char* argv[] = {"parec",
                          "-d",
                          "loudspeaker.monitor",
                          "--format=float32le",
                          "--rate=48000",
                          channels_arg.c_str(),
                          map_arg.c_str(),
                          "--latency-msec=20",
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
    REQUIRE(std::system("pactl suspend-sink loudspeaker 1 && pactl suspend-sink loudspeaker 0") ==
            0);
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
