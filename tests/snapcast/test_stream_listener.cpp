// The daemon's listener on a Snapcast stream, against Debian's snapserver: it keeps
// snapserver's clock against this machine's, reads when snapserver really read a stream's
// first frame, and the stream's output moves its sound by that, so that a receiver hears the
// first loud sample when the output planned it.

#include <catch2/catch.hpp>

#include <chrono>
#include <cmath>
#include <memory>
#include <thread>
#include <vector>

#include "audio/outputs/snapcast_output.hpp"
#include "snapcast/server_status.hpp"
#include "snapcast/stream_listener.hpp"
#include "tests/support/fixtures.hpp"
#include "tests/support/free_port.hpp"
#include "tests/support/snapcast_probe.hpp"
#include "tests/support/snapcast_server.hpp"

namespace {

using namespace std::chrono_literals;

/// Waits (up to 10 s) until snapserver knows `id`, then puts it on `stream`.
void put_on_stream(const vc::snapcast::ControlAddress& control, const std::string& id,
                   const std::string& stream) {
    const auto deadline = std::chrono::steady_clock::now() + 10s;
    while (!vc::snapcast::server_status(control).find(id) &&
           std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(50ms);
    INFO("receiver " << id);
    CHECK(vc::snapcast::assign_receiver(control, id, stream).stream == stream);
}

}  // namespace

TEST_CASE(
    "a Snapcast stream's receivers hear its first loud sample when the output planned it, "
    "by snapserver's own time stamps",
    "[snapcast]") {
    vc::test::TempDir dir;
    const std::uint16_t control = vc::test::free_port();
    const std::uint16_t receivers = vc::test::free_port();
    const std::uint16_t source = vc::test::free_port();
    const std::string lines = "[stream]\nsource = tcp://127.0.0.1:" + std::to_string(source) +
                              "?name=wangjia&mode=server&sampleformat=48000:16:2&codec=pcm&"
                              "chunk_ms=50\nbuffer = 1000\n";
    vc::test::SnapServer server(dir.path() / "snapserver", lines, control, receivers);
    const vc::snapcast::ControlAddress address{"127.0.0.1", control};
    vc::SystemClock clock;

    auto listener = std::make_shared<vc::snapcast::StreamListener>(
        vc::snapcast::ListenerAddress{"127.0.0.1", receivers, "wangjia", source}, clock);
    put_on_stream(address, vc::snapcast::listener_id("wangjia"), "wangjia");
    vc::test::SnapcastProbe probe("probe-wangjia", receivers);
    put_on_stream(address, "probe-wangjia", "wangjia");
    // The listener is no village's receiver.
    const auto status = vc::snapcast::server_status(address);
    CHECK(status.find("probe-wangjia") == &status.receivers.at(0));
    CHECK(status.receivers.size() == 1);

    const auto deadline = std::chrono::steady_clock::now() + 5s;
    while (!listener->server_offset_ns() && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(20ms);
    INFO("listener: " << listener->problem() << "\nsnapserver said:\n" << server.log());
    REQUIRE(listener->server_offset_ns());
    // One machine: snapserver's clock is this machine's monotonic clock, so its Time answers
    // say about 0 (off by half a round trip's imbalance at most, which a loaded machine makes a
    // millisecond or so; the stamps of a snapserver on this machine are read with 0 exactly).
    CHECK(std::abs(*listener->server_offset_ns()) < 10'000'000);

    vc::audio::SnapcastOutput output("wangjia", {"127.0.0.1", source, 1000ms, 50ms, listener},
                                     clock);
    output.open({48000, 2});
    const auto anchor = output.first_frame_time();
    REQUIRE(anchor);
    // 1.5 s of silence, then 0.5 s at full scale.
    constexpr std::int64_t loud_from = 72000;
    constexpr std::int64_t block = 960;
    std::vector<float> samples(block * 2);
    for (std::int64_t f = 0; f < 96000; f += block) {
        for (std::int64_t i = 0; i < block; ++i)
            samples[2 * i] = samples[2 * i + 1] = f + i >= loud_from ? 0.9F : 0.0F;
        output.write(samples.data(), block);
    }
    const auto read = listener->marker_read();
    REQUIRE(read);
    // snapserver read the first frame when it was sent, give or take its own delays: its
    // stamp is one chunk (50 ms) before its read, and the first frame sounds a buffer (1 s)
    // and the lead (150 ms) after, less that chunk.
    const auto late = *read - (*anchor - 1150ms);
    const double late_ms = std::chrono::duration<double, std::milli>(late).count();
    INFO("snapserver read the first frame " << late_ms << " ms after it was sent");
    CHECK(std::chrono::abs(late) < 200ms);

    const auto heard_by = std::chrono::steady_clock::now() + 3s;
    while (!probe.first_loud_ns() && std::chrono::steady_clock::now() < heard_by)
        std::this_thread::sleep_for(20ms);
    output.close();
    INFO("probe: " << probe.problem());
    REQUIRE(probe.first_loud_ns());
    const std::int64_t planned_ns =
        std::chrono::duration_cast<std::chrono::nanoseconds>(anchor->time_since_epoch()).count() +
        loud_from * 1'000'000'000 / 48000;
    const double off_ms = static_cast<double>(*probe.first_loud_ns() - planned_ns) / 1e6;
    INFO("the receivers hear the first loud sample " << off_ms << " ms after it was planned");
    CHECK(std::abs(off_ms) <= 1.0);
}
