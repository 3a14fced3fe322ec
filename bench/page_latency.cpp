// Paging latency: from the microphone's sample to the loudspeaker's, through a private
// PulseAudio, with the station airing a background bed at the same time. A click train is
// played into a test microphone; one recording holds both the microphone (left) and the
// loudspeaker (right) on one clock, so each click's delay is exact to the frame.
//   local:   the daemon captures the microphone itself ([page] input = "default");
//   browser: this program plays the browser: it captures the microphone with parec (20 ms) and
//            sends 20 ms packets over the page WebSocket, as the console does.
// Also the daemon's CPU while paging, against the bed alone.
//
//   build/bench/page_latency [--seconds 300] [--output-latency 30ms] [--villagecast PATH]

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <numbers>
#include <string>
#include <thread>
#include <vector>

#include <sndfile.h>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/websocket.hpp>
#include <nlohmann/json.hpp>

#include "bench/support/bench_files.hpp"
#include "bench/support/bench_http.hpp"
#include "bench/support/child_process.hpp"

namespace fs = std::filesystem;
namespace beast = boost::beast;
namespace websocket = beast::websocket;
using nlohmann::json;
using namespace vc::bench;
using namespace std::chrono_literals;

namespace {

constexpr int rate = 48000;

void run(const std::string& command) {
    if (std::system(command.c_str()) != 0) throw std::runtime_error("failed: " + command);
}

/// A private PulseAudio: a 2-channel null sink "room" whose right side is the loudspeaker (the
/// default sink) and whose left side is the test microphone's feed (its monitor is the default
/// source); ALSA's default device goes to it.
fs::path start_pulse() {
    char pattern[] = "/tmp/vc-bench-pulse-XXXXXX";
    if (!::mkdtemp(pattern)) throw std::runtime_error("mkdtemp failed");
    const fs::path root = pattern;
    fs::create_directories(root / "run");
    fs::create_directories(root / "home");
    ::setenv("XDG_RUNTIME_DIR", (root / "run").c_str(), 1);
    ::setenv("HOME", (root / "home").c_str(), 1);
    ::unsetenv("PULSE_SERVER");
    std::ofstream(root / "home" / ".asoundrc")
        << "pcm.!default { type pulse }\nctl.!default { type pulse }\n";
    const auto side = [](const std::string& name, const std::string& channel) {
        return " -L 'module-remap-sink sink_name=" + name +
               " master=room channels=1 master_channel_map=" + channel +
               " channel_map=mono remix=no'";
    };
    run("pulseaudio -n --daemonize=yes --exit-idle-time=-1 --log-target=file:" +
        (root / "pulse.log").string() +
        " -L 'module-null-sink sink_name=room rate=48000 channels=2 "
        "channel_map=front-left,front-right'" +
        side("loudspeaker", "front-right") + side("microphone_feed", "front-left") +
        " -L module-native-protocol-unix >/dev/null 2>&1");
    run("pactl set-default-sink loudspeaker && pactl set-default-source microphone_feed.monitor");
    return root;
}

/// A click every 500 ms: 20 ms of 1 kHz at 0.5.
float click(std::int64_t i) {
    const std::int64_t k = i % (rate / 2);
    if (k >= rate / 50) return 0.0f;
    return static_cast<float>(
        0.5 * std::sin(2.0 * std::numbers::pi * 1000.0 * static_cast<double>(k) / rate));
}

/// Frames of channel `ch` (of 2) where |x| rises over 0.1 after 200 ms below it.
std::vector<std::int64_t> onsets(const std::vector<float>& x, int ch) {
    std::vector<std::int64_t> found;
    std::int64_t last = -rate;
    for (std::size_t i = static_cast<std::size_t>(ch); i < x.size(); i += 2) {
        const auto f = static_cast<std::int64_t>(i / 2);
        if (std::fabs(x[i]) > 0.1f) {
            if (f - last > rate / 5) found.push_back(f);
            last = f;
        }
    }
    return found;
}

std::vector<float> read_floats(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::vector<float> x;
    float v = 0;
    while (in.read(reinterpret_cast<char*>(&v), sizeof v)) x.push_back(v);
    return x;
}

struct Figures {
    std::size_t clicks = 0;
    double p50 = 0, p99 = 0, min = 0, max = 0;
};

Figures delays(const std::vector<float>& room) {
    const auto fed = onsets(room, 0);
    const auto heard = onsets(room, 1);
    std::vector<double> ms;
    for (auto h : heard) {
        auto it = std::upper_bound(fed.begin(), fed.end(), h);
        if (it == fed.begin()) continue;
        const double d = static_cast<double>(h - *std::prev(it)) * 1000.0 / rate;
        if (d < 450.0) ms.push_back(d);  // a click 500 ms apart from the next
    }
    Figures f;
    f.clicks = ms.size();
    if (ms.empty()) return f;
    std::sort(ms.begin(), ms.end());
    const auto at = [&](double q) {
        return ms[static_cast<std::size_t>(q * static_cast<double>(ms.size() - 1))];
    };
    f.p50 = at(0.5);
    f.p99 = at(0.99);
    f.min = ms.front();
    f.max = ms.back();
    return f;
}

/// parec of `device` into `file`, raw: float 2 channels, or s16 mono to standard output.
pid_t record_room(const fs::path& file) {
    return spawn({"/usr/bin/parec", "-d", "room.monitor", "--format=float32le", "--rate=48000",
                  "--channels=2", "--latency-msec=20"},
                 file, "/dev/null");
}

void stop(pid_t pid) {
    ::kill(pid, SIGTERM);
    wait_exit(pid);
}

struct Station {
    fs::path root;
    std::uint16_t port = 0;
    std::string token;
    pid_t daemon = -1;
};

std::string page_id(const Answer& a) {
    if (a.status != 202) throw std::runtime_error("POST /api/page answered " + a.body);
    return json::parse(a.body)["page"];
}

/// The clicks played into the test microphone for `seconds`.
pid_t feed(const fs::path& work, int seconds) {
    const fs::path wav = work / "clicks.wav";
    write_audio(wav, SF_FORMAT_WAV | SF_FORMAT_PCM_16, std::int64_t(seconds) * rate, click);
    return spawn({"/usr/bin/paplay", "-d", "microphone_feed", "--latency-msec=200", wav.string()},
                 "/dev/null", "/dev/null");
}

double cpu_over(pid_t pid, std::chrono::nanoseconds before,
                std::chrono::steady_clock::time_point t0) {
    const auto used = cpu_time(pid) - before;
    const auto wall = std::chrono::steady_clock::now() - t0;
    return 100.0 * static_cast<double>(used.count()) / static_cast<double>(wall.count());
}

void print(const std::string& name, const Figures& f, double cpu, const std::string& goal) {
    std::printf(
        "%-8s clicks %4zu  p50 %6.1f ms  p99 %6.1f ms  (min %.1f, max %.1f)  "
        "daemon CPU %.2f %% of a core  goal: %s\n",
        name.c_str(), f.clicks, f.p50, f.p99, f.min, f.max, cpu, goal.c_str());
}

}  // namespace

int main(int argc, char** argv) {
    int seconds = 300;
    bool bed = true;
    std::string output_latency;  ///< [output] latency; empty: the station's default
    fs::path villagecast = default_villagecast();
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--seconds" && i + 1 < argc)
            seconds = std::atoi(argv[++i]);
        else if (a == "--villagecast" && i + 1 < argc)
            villagecast = argv[++i];
        else if (a == "--no-bed")
            bed = false;
        else if (a == "--output-latency" && i + 1 < argc)
            output_latency = argv[++i];
        else {
            std::cerr << "usage: page_latency [--seconds N] [--no-bed] [--output-latency 30ms] "
                         "[--villagecast PATH]\n";
            return 2;
        }
    }
    const fs::path pulse = start_pulse();
    const fs::path work =
        fs::temp_directory_path() / ("vc-page-bench-" + std::to_string(::getpid()));
    Station s;
    s.root = work / "station";
    s.port = free_port();
    write_text(s.root / "station.toml",
               "name = \"bench\"\ntimezone = \"Asia/Shanghai\"\nchime = \"\"\n"
               "[output]\ndevice = \"default\"\nsample_rate = 48000\nchannels = 1\n" +
                   (output_latency.empty() ? "" : "latency = \"" + output_latency + "\"\n") +
                   "[control]\nlisten = \"127.0.0.1:" + std::to_string(s.port) +
                   "\"\n[page]\npage_max = \"1h\"\n");
    write_tone(s.root / "clips" / "bed.wav", seconds * 2 + 120, 150.0);
    {
        const fs::path out = work / "operator.txt";
        const pid_t p = spawn({villagecast.string(), "operator", "add", "bench", "--role", "admin",
                               "-s", s.root.string()},
                              out, work / "operator.err");
        if (wait_exit(p) != 0) throw std::runtime_error("operator add failed");
        s.token = read_file(out);
        while (!s.token.empty() && std::isspace(static_cast<unsigned char>(s.token.back())))
            s.token.pop_back();
    }
    s.daemon = spawn({villagecast.string(), "run", "-s", s.root.string()}, work / "daemon.out",
                     work / "daemon.err");
    for (int i = 0; i < 200; ++i) {
        try {
            request(s.port, "GET", "/api/whoami", s.token);
            break;
        } catch (const std::exception&) {
            std::this_thread::sleep_for(100ms);
        }
    }
    // The bed: background, ducked under each page.
    if (bed)
        request(s.port, "POST", "/api/broadcast", s.token,
                R"({"clip": "bed", "priority": "background"})");
    std::this_thread::sleep_for(2s);
    const auto bed_cpu0 = cpu_time(s.daemon);
    const auto bed_t0 = std::chrono::steady_clock::now();
    std::this_thread::sleep_for(10s);
    const double bed_cpu = cpu_over(s.daemon, bed_cpu0, bed_t0);

    std::printf(
        "page_latency: %d s of paging per input, clicks every 500 ms, a bed airing "
        "underneath\n",
        seconds);
    std::printf("bed alone: daemon CPU %.2f %% of a core\n", bed_cpu);

    // The office microphone.
    {
        const pid_t rec = record_room(work / "local.raw");
        const pid_t mic = feed(work, seconds + 2);
        const auto page = page_id(request(s.port, "POST", "/api/page", s.token, "{}"));
        const auto cpu0 = cpu_time(s.daemon);
        const auto t0 = std::chrono::steady_clock::now();
        // What the daemon reports of its own latency (status: on_air latency_ms), each second.
        std::vector<double> reported;
        for (int i = 0; i < seconds; ++i) {
            std::this_thread::sleep_until(t0 + std::chrono::seconds(i + 1));
            const auto st = json::parse(request(s.port, "GET", "/api/status", s.token).body);
            if (i > 0 && !st["on_air"].empty())
                reported.push_back(st["on_air"][0].value("latency_ms", 0.0));
        }
        const double cpu = cpu_over(s.daemon, cpu0, t0);
        request(s.port, "DELETE", "/api/page/" + page, s.token);
        stop(mic);
        stop(rec);
        print("local", delays(read_floats(work / "local.raw")), cpu, "p50 <= 150 ms");
        std::sort(reported.begin(), reported.end());
        if (!reported.empty())
            std::printf("local    the daemon's own figure (status latency_ms): p50 %.0f ms\n",
                        reported[reported.size() / 2]);
    }
    std::this_thread::sleep_for(3s);
    // The browser: parec stands in for getUserMedia, 20 ms packets over the WebSocket.
    {
        const pid_t rec = record_room(work / "browser.raw");
        const auto page =
            page_id(request(s.port, "POST", "/api/page", s.token, R"({"input": "browser"})"));
        boost::asio::io_context io;
        websocket::stream<boost::asio::ip::tcp::socket> ws(io);
        ws.next_layer().connect({boost::asio::ip::make_address("127.0.0.1"), s.port});
        ws.handshake("127.0.0.1", "/api/page/" + page + "/audio");
        ws.write(boost::asio::buffer(json{{"token", s.token}}.dump()));
        beast::flat_buffer answer;
        ws.read(answer);
        ws.binary(true);
        int fds[2];
        if (::pipe(fds) != 0) throw std::runtime_error("pipe failed");
        const pid_t capture = ::fork();
        if (capture == 0) {
            ::dup2(fds[1], STDOUT_FILENO);
            ::close(fds[0]);
            ::execl("/usr/bin/parec", "parec", "-d", "microphone_feed.monitor", "--format=s16le",
                    "--rate=48000", "--channels=1", "--latency-msec=20", nullptr);
            ::_exit(127);
        }
        ::close(fds[1]);
        const pid_t mic = feed(work, seconds + 2);
        const auto cpu0 = cpu_time(s.daemon);
        const auto t0 = std::chrono::steady_clock::now();
        const std::size_t packet = rate / 50;
        std::vector<unsigned char> bytes(8 + 2 * packet);
        std::uint64_t seq = 0;
        while (std::chrono::steady_clock::now() - t0 < std::chrono::seconds(seconds)) {
            std::size_t got = 0;
            while (got < 2 * packet) {
                const auto n = ::read(fds[0], bytes.data() + 8 + got, 2 * packet - got);
                if (n <= 0) throw std::runtime_error("parec stopped");
                got += static_cast<std::size_t>(n);
            }
            for (int i = 0; i < 8; ++i) bytes[i] = static_cast<unsigned char>(seq >> (8 * i));
            ws.write(boost::asio::buffer(bytes));
            seq += packet;
        }
        const double cpu = cpu_over(s.daemon, cpu0, t0);
        request(s.port, "DELETE", "/api/page/" + page, s.token);
        stop(mic);
        stop(capture);
        ::close(fds[0]);
        stop(rec);
        print("browser", delays(read_floats(work / "browser.raw")), cpu, "p50 <= 300 ms");
    }
    const auto out = json::parse(request(s.port, "GET", "/api/status", s.token).body)["output"];
    std::printf("output: %lld underruns, %lld sound-server underflows over the run\n",
                static_cast<long long>(out.value("underruns", 0)),
                static_cast<long long>(out.value("host_underflows", 0)));
    ::kill(s.daemon, SIGTERM);
    wait_exit(s.daemon);
    std::system("pulseaudio --kill >/dev/null 2>&1");
    fs::remove_all(work);
    fs::remove_all(pulse);
    return 0;
}
