// HTTP requests through the control server's request parser (Beast's, with the limits the
// server's sessions set) and the API router, with no sockets: a test station with three
// operators (fixed tokens, below), the real Service on a simulated output and a manual clock,
// the loop and the server as two io_contexts polled here, and one worker thread as in the
// daemon. Each request is answered exactly once; the simulated clock then moves on 2 s so that
// what a request put on the air plays and ends. An answer of 500 (an exception no handler
// expected) stops the run like a crash.
//
// State carries over from one input to the next (as it does in the daemon); the clip and the
// playlist the seeds name are put back when a request deleted them.

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <sstream>
#include <string>
#include <thread>
#include <tuple>
#include <vector>

#include <sndfile.h>
#include <boost/asio/io_context.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/beast/http.hpp>

#include "asrun/asrun_writer.hpp"
#include "control/api_router.hpp"
#include "control/loop_actions.hpp"
#include "control/loop_bridge.hpp"
#include "core/clock.hpp"
#include "core/sha256.hpp"
#include "engine/service.hpp"
#include "engine/simulated_chain.hpp"
#include "fuzz/fuzz_support.hpp"
#include "station/station_state.hpp"

namespace http = boost::beast::http;
using namespace vc;

namespace {

// The operators' tokens, as the seeds carry them ("Authorization: Bearer ...").
constexpr const char* viewer_token = "viewer-token";
constexpr const char* operator_token = "operator-token";
constexpr const char* admin_token = "admin-token";

void write_tone(const std::filesystem::path& file) {
    std::filesystem::create_directories(file.parent_path());
    SF_INFO info{};
    info.samplerate = 8000;
    info.channels = 1;
    info.format = SF_FORMAT_WAV | SF_FORMAT_PCM_16;
    SNDFILE* sf = sf_open(file.c_str(), SFM_WRITE, &info);
    if (!sf) vc::fuzz::fail("cannot write the test clip");
    std::vector<float> samples(1600);
    for (std::size_t i = 0; i < samples.size(); ++i)
        samples[i] = static_cast<float>(0.3 * std::sin(2 * 3.14159265 * 440 * double(i) / 8000));
    sf_writef_float(sf, samples.data(), static_cast<sf_count_t>(samples.size()));
    sf_close(sf);
}

void put_back_files(const std::filesystem::path& root) {
    std::error_code ec;
    if (!std::filesystem::exists(root / "clips" / "tone.wav", ec))
        write_tone(root / "clips" / "tone.wav");
    if (!std::filesystem::exists(root / "playlists" / "news.toml", ec))
        fuzz::write_file(root / "playlists" / "news.toml",
                         "title = \"新闻\"\nintro = \"\"\n\n[[item]]\nclip = \"tone\"\n");
}

std::filesystem::path make_station() {
    const auto root = fuzz::process_dir() / "station";
    fuzz::write_file(root / "station.toml",
                     "name = \"测试站\"\ntimezone = \"Asia/Shanghai\"\nchime = \"\"\n"
                     "gap_between = \"1s\"\nzones = [\"羊市村\"]\n\n"
                     "[output]\ndevice = \"null\"\nsample_rate = 8000\nchannels = 1\n\n"
                     "[control]\nlisten = \"127.0.0.1:8470\"\nweb_root = \"web\"\n");
    put_back_files(root);
    fuzz::write_file(root / "schedule.toml",
                     "[[broadcast]]\nid = \"morning\"\nplaylist = \"news\"\nat = \"08:00\"\n"
                     "priority = \"routine\"\n");
    fuzz::write_file(root / "web" / "index.html", "<!doctype html><title>console</title>\n");
    fuzz::write_file(root / "web" / "js" / "app.js", "console.log('villagecast');\n");
    std::string operators;
    for (auto [name, role, token] : {std::tuple{"小李", "viewer", viewer_token},
                                     std::tuple{"王芳", "operator", operator_token},
                                     std::tuple{"张主任", "admin", admin_token}})
        operators += std::string("[[operator]]\nname = \"") + name + "\"\nrole = \"" + role +
                     "\"\ntoken_sha256 = \"" + sha256_hex(token) + "\"\n\n";
    fuzz::write_file(root / "state" / "operators.toml", operators);
    return root;
}

/// Everything the daemon wires around the router, made once per process and never destroyed
/// (the worker thread runs until the process ends).
struct Daemon {
    std::filesystem::path root = make_station();
    Instant start = Instant{date::sys_days{date::year{2026} / 12 / 1}} + std::chrono::hours(1);
    ManualClock clock{start};
    station::StationState station{root, date::local_days{date::year{2026} / 12 / 1}};
    asrun::AsrunWriter audit{root / "state" / "audit.db", clock};
    engine::SimulatedChain chain{"null", station.station().output_format(),
                                 station.station().ceiling, station.station().duck_db, start};
    engine::Service service{station, audit, chain, clock, [] {
                                engine::ServiceOptions o;
                                o.keep_output_open = true;
                                return o;
                            }()};
    control::LoopActions actions{service, station, audit, clock, [] {}};
    boost::asio::io_context loop;
    boost::asio::io_context server;
    boost::asio::thread_pool workers{1};
    control::LoopBridge bridge{loop, server, std::chrono::seconds(5)};
    control::ApiRouter router{[this] {
                                  control::RouterSettings s;
                                  s.station = root;
                                  s.web_root = root / "web";
                                  s.upload_limit = 64'000;
                                  s.version = "fuzz";
                                  s.started = start;
                                  return s;
                              }(),
                              server,
                              workers,
                              bridge,
                              actions,
                              clock};

    Daemon() { service.start(clock.now(), "fuzz"); }
};

Daemon& daemon() {
    static Daemon* d = new Daemon;
    return *d;
}

void move_clock_to(ManualClock& clock, Instant t) {
    if (t > clock.now()) clock.advance(std::chrono::duration_cast<Millis>(t - clock.now()));
}

/// Runs the simulated output and the Service's timers up to `to`, as `run --simulate` does:
/// each stream event and wake-up at its frame, in order.
void advance(Daemon& d, Instant to) {
    const std::int64_t limit = d.chain.frame_for(to);
    for (;;) {
        const auto wake = d.service.next_wakeup();
        const auto event = d.chain.next_event_frame();
        std::int64_t target = limit;
        if (wake) target = std::min(target, std::max(d.chain.frame_for(*wake), d.chain.position()));
        if (event) target = std::min(target, *event);
        const bool event_due = event && *event == target;
        const bool wake_due = wake && d.chain.frame_for(*wake) <= target;
        if (!event_due && !wake_due && target <= d.chain.position()) break;
        std::vector<audio::StreamEvent> events;
        const std::int64_t render_to = event_due ? target + 1 : target;
        if (render_to > d.chain.position()) d.chain.advance_to(render_to, events);
        for (const auto& e : events) {
            move_clock_to(d.clock, d.chain.time_of(e.frame));
            d.service.on_stream_event(e);
        }
        if (wake_due) {
            move_clock_to(d.clock, *wake);
            d.service.wake(d.clock.now());
        }
        move_clock_to(d.clock, d.chain.time_of(std::min(d.chain.position(), limit)));
    }
    move_clock_to(d.clock, to);
}

/// Polls the server and the loop until neither has anything left to run.
std::size_t poll_once(Daemon& d) {
    d.server.restart();
    d.loop.restart();
    return d.server.poll() + d.loop.poll();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    Daemon& d = daemon();

    // The server's parser, with the limits a session reads a request under.
    http::request_parser<http::string_body> parser;
    parser.header_limit(8 * 1024);
    parser.body_limit(64'000);
    parser.eager(true);
    boost::beast::error_code ec;
    std::size_t used = parser.put(boost::asio::buffer(data, size), ec);
    (void)used;
    if (!ec && !parser.is_done() && parser.need_eof()) parser.put_eof(ec);
    if (ec || !parser.is_done()) return 0;
    control::Request request = parser.release();
    const unsigned version = request.version();
    const bool keep_alive = request.keep_alive();

    bool answered = false;
    int status = 0;
    std::string body;
    d.router.handle(std::move(request), "127.0.0.1", [&](control::Reply reply) {
        if (answered) vc::fuzz::fail("a request was answered twice");
        answered = true;
        control::prepare(reply, version, keep_alive);
        if (auto* s = std::get_if<control::StringResponse>(&reply.message)) {
            status = static_cast<int>(s->result_int());
            body = s->body();
            std::ostringstream out;
            out << *s;
        } else {
            status = static_cast<int>(std::get<control::FileResponse>(reply.message).result_int());
        }
    });
    // The worker thread may still be busy: wait for the answer (libFuzzer's -timeout reports a
    // request never answered), then for what follows it.
    while (!answered) {
        if (poll_once(d) == 0) std::this_thread::yield();
    }
    while (poll_once(d) != 0) {
    }
    if (status == 500) {
        std::fprintf(stderr, "500: %s\n", body.c_str());
        vc::fuzz::fail("an answer of 500");
    }
    advance(d, d.clock.now() + std::chrono::seconds(2));
    put_back_files(d.root);
    return 0;
}
