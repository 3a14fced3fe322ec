// Live paging against the real daemon and a real sound server: PulseAudio's test microphone is
// fed a click train, the daemon airs it through PortAudio into the loudspeaker sink, and one
// recording of both (the room's two channels) shows how late each click was heard.

#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <numbers>
#include <thread>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/websocket.hpp>

#include "tests/control/control_fixture.hpp"
#include "tests/e2e/station_builder.hpp"
#include "tests/support/fixtures.hpp"
#include "tests/support/pulse_server.hpp"
#include "tests/support/run_command.hpp"

using nlohmann::json;
using vc::test::ControlStation;

namespace {

constexpr int rate = 48000;

/// A mono station on the test's PulseAudio loudspeaker, with a short page_max.
vc::test::StationSettings paging_station() {
    vc::test::StationSettings s;
    s.device = "default";
    s.channels = 1;
    s.extra = "[page]\npage_max = \"6s\"\n";
    return s;
}

/// Sample `i` of a click train: 20 ms bursts of 1 kHz at -6 dBFS, `spacing` frames apart from
/// 0.1 s.
float click_sample(std::int64_t i, std::int64_t spacing) {
    const std::int64_t first = rate / 10;
    if (i < first || (i - first) % spacing >= rate / 50) return 0.0f;
    const auto t = static_cast<double>((i - first) % spacing) / rate;
    return static_cast<float>(std::pow(10.0, -6.0 / 20.0) *
                              std::sin(2.0 * std::numbers::pi * 1000.0 * t));
}

/// `seconds` of clicks every second: further apart than any delay the test accepts, so that
/// each click heard is matched with the click fed.
void write_clicks(const std::filesystem::path& file, int seconds) {
    vc::test::write_audio(file, rate, 1, seconds * rate,
                          [](std::int64_t i, int) { return click_sample(i, rate); });
}

/// Frames of channel `ch` (of 2) at which |x| first rises over 0.1 after 100 ms of quiet.
std::vector<std::int64_t> onsets(const std::vector<float>& x, int ch) {
    std::vector<std::int64_t> found;
    const std::int64_t gap = rate / 10;
    for (std::size_t i = static_cast<std::size_t>(ch); i < x.size(); i += 2) {
        const auto f = static_cast<std::int64_t>(i / 2);
        if (std::fabs(x[i]) > 0.1f && (found.empty() || f - found.back() > gap)) found.push_back(f);
    }
    return found;
}

}  // namespace

TEST_CASE(
    "a page from the office microphone is heard on the loudspeaker within the latency bound, "
    "logged with its operator and its recording") {
    vc::test::PulseServer pulse(vc::test::PulseServer::Options::with_microphone());
    ControlStation s("", "", paging_station());
    write_clicks(s.root().parent_path() / "clicks.wav", 10);
    vc::test::MonitorRecording room(s.root().parent_path() / "room.raw", 2, "room.monitor");
    s.start("", vc::test::pulse_env());

    pulse.feed_microphone(s.root().parent_path() / "clicks.wav");
    auto r = s.post("/api/page", s.operator_, R"({"zones": ["all"]})");
    INFO(r.body);
    REQUIRE(r.status == 202);
    const std::string page = r.json()["page"];
    CHECK(r.json()["on_air"] == true);
    auto st = s.status();
    REQUIRE(st["on_air"].size() == 1);
    CHECK(st["on_air"][0]["live"] == "microphone");
    std::this_thread::sleep_for(std::chrono::milliseconds(5200));  // page_max is 6 s
    CHECK(s.del("/api/page/" + page, s.operator_).status == 204);
    // A page that has ended cannot be ended again.
    const auto log = vc::test::wait_for_final_row(s.root(), page, std::chrono::seconds(5));
    CHECK(s.del("/api/page/" + page, s.operator_).status == 400);
    const auto captured = room.stop();
    CHECK(s.stop() == 0);
    INFO("the daemon said:\n" << s.daemon().err());

    // Each click the loudspeaker played, matched with the click fed just before it.
    const auto fed = onsets(captured, 0);
    const auto heard = onsets(captured, 1);
    INFO("fed " << json(fed).dump() << "\nheard " << json(heard).dump());
    std::vector<std::int64_t> delays;
    for (auto h : heard) {
        auto it = std::upper_bound(fed.begin(), fed.end(), h);
        if (it != fed.begin()) delays.push_back(h - *std::prev(it));
    }
    REQUIRE(delays.size() >= 4);
    std::sort(delays.begin(), delays.end());
    const double median_ms = static_cast<double>(delays[delays.size() / 2]) * 1000.0 / rate;
    WARN("microphone to loudspeaker through PulseAudio: median " << median_ms << " ms over "
                                                                 << delays.size() << " clicks");
    // The goal is 150 ms; this build measures about 355 ms (docs/paging.md says where it goes).
    // The bound catches a page that lags by its ring or worse.
    CHECK(median_ms < 800.0);
    CHECK(delays.back() - delays.front() < rate / 20);  // steady: no drift, no gaps

    const auto rows = vc::test::rows_of(log, page);
    REQUIRE(rows.size() == 1);
    CHECK(rows[0]["status"] == "aired");
    CHECK(rows[0]["reason"] == "released by operator 王芳");
    CHECK(rows[0]["trigger"] == "operator 王芳");
    CHECK(rows[0]["priority"] == "urgent");
    CHECK(rows[0]["live"] == "microphone");
    // What was said is kept: the recording's hash is in the row, and it holds the clicks.
    REQUIRE(rows[0]["aircheck"].is_object());
    const std::filesystem::path recording = rows[0]["aircheck"]["path"].get<std::string>();
    REQUIRE(std::filesystem::exists(recording));
    CHECK(rows[0]["aircheck"]["sha256"].get<std::string>().size() == 64);
    int file_rate = 0;
    int channels = 0;
    const auto said = vc::test::read_audio(recording, file_rate, channels);
    REQUIRE(channels == 1);
    std::vector<float> stereo;
    for (float x : said) stereo.insert(stereo.end(), {x, x});
    CHECK(onsets(stereo, 0).size() >= 4);
}

TEST_CASE(
    "a page preempts a notice, which airs again after it, page_max ends a page nobody released, "
    "and viewers and emergency pages by operators are refused") {
    vc::test::PulseServer pulse(vc::test::PulseServer::Options::with_microphone());
    ControlStation s("", "", paging_station());
    s.start("", vc::test::pulse_env());

    CHECK(s.post("/api/page", s.viewer, "{}").status == 403);
    CHECK(s.post("/api/page", s.operator_, R"({"priority": "emergency"})").status == 403);
    CHECK(s.post("/api/page", s.operator_, R"({"zones": ["西村"]})").status == 400);

    auto notice = s.post("/api/broadcast", s.operator_, R"({"clip": "tone/a6"})");
    REQUIRE(notice.status == 202);
    const std::string shown = notice.json()["broadcast"];
    std::this_thread::sleep_for(std::chrono::seconds(1));
    // The clerk's command: on air at once, ended after --for.
    auto cli = vc::test::villagecast(
        {"page", "-s", s.root().string(), "--token", s.operator_, "--for", "2s"});
    INFO(cli.out << cli.err);
    REQUIRE(cli.exit_code == 0);
    const auto named = cli.out.find("on air as page-");
    REQUIRE(named != std::string::npos);
    const std::string page = cli.out.substr(named + 10, cli.out.find(':', named) - named - 10);
    CHECK(cli.out.find("page " + page + " ended") != std::string::npos);

    // The next page is left open: page_max (6 s) ends it.
    auto left = s.post("/api/page", s.admin, R"({"priority": "emergency"})");
    REQUIRE(left.status == 202);
    const std::string open_page = left.json()["page"];
    const auto log = vc::test::wait_for_log(
        s.root(),
        [&](const json& j) {
            auto a = vc::test::rows_of(j, shown);
            auto b = vc::test::rows_of(j, open_page);
            return !a.empty() && a.back()["final"] == true && !b.empty() &&
                   b.back()["final"] == true;
        },
        std::chrono::seconds(30));
    CHECK(s.stop() == 0);
    INFO("the daemon said:\n" << s.daemon().err());
    INFO("log: " << log["airings"].dump(1));

    const auto notice_rows = vc::test::rows_of(log, shown);
    REQUIRE(notice_rows.size() == 2);
    CHECK(notice_rows[0]["status"] == "interrupted");
    CHECK(notice_rows[0]["final"] == false);
    CHECK(notice_rows[1]["status"] == "aired");
    const auto page_rows = vc::test::rows_of(log, page);
    REQUIRE(page_rows.size() == 1);
    CHECK(page_rows[0]["status"] == "aired");
    // The notice came back only after the page ended.
    CHECK(notice_rows[1]["start_ms"].get<std::int64_t>() >=
          page_rows[0]["end_ms"].get<std::int64_t>());
    const auto open_rows = vc::test::rows_of(log, open_page);
    REQUIRE(open_rows.size() == 1);
    CHECK(open_rows[0]["status"] == "aired");
    CHECK(open_rows[0]["reason"] == "page_max 6s reached");
    CHECK(open_rows[0]["priority"] == "emergency");
    const auto length =
        open_rows[0]["end_ms"].get<std::int64_t>() - open_rows[0]["start_ms"].get<std::int64_t>();
    CHECK(std::llabs(length - 6000) <= 100);
}

namespace {

namespace beast = boost::beast;
namespace websocket = beast::websocket;
using tcp = boost::asio::ip::tcp;

/// A browser's side of /api/page/{id}/audio: connects, sends the token and returns the
/// daemon's first answer.
struct BrowserMicrophone {
    boost::asio::io_context io;
    websocket::stream<tcp::socket> ws{io};

    json connect(std::uint16_t port, const std::string& page, const std::string& token) {
        ws.next_layer().connect({boost::asio::ip::make_address("127.0.0.1"), port});
        ws.handshake("127.0.0.1", "/api/page/" + page + "/audio");
        ws.text(true);
        ws.write(boost::asio::buffer(json{{"token", token}}.dump()));
        beast::flat_buffer answer;
        ws.read(answer);
        return json::parse(beast::buffers_to_string(answer.data()));
    }

    /// Sends `samples` from frame `seq` on, in 20 ms packets paced in real time.
    void stream(const std::vector<float>& samples, std::uint64_t seq = 0) {
        ws.binary(true);
        const std::size_t packet = rate / 50;
        auto next = std::chrono::steady_clock::now();
        for (std::size_t from = 0; from < samples.size(); from += packet) {
            const std::size_t n = std::min(packet, samples.size() - from);
            std::vector<unsigned char> bytes(8 + 2 * n);
            const std::uint64_t first = seq + from;
            for (int i = 0; i < 8; ++i) bytes[i] = static_cast<unsigned char>(first >> (8 * i));
            for (std::size_t i = 0; i < n; ++i) {
                const auto v = static_cast<std::int16_t>(samples[from + i] * 32767.0f);
                bytes[8 + 2 * i] = static_cast<unsigned char>(v & 0xff);
                bytes[9 + 2 * i] = static_cast<unsigned char>((v >> 8) & 0xff);
            }
            ws.write(boost::asio::buffer(bytes));
            next += std::chrono::milliseconds(20);
            std::this_thread::sleep_until(next);
        }
    }
};

/// `seconds` of clicks 250 ms apart, as samples.
std::vector<float> clicks(int seconds) {
    std::vector<float> out(static_cast<std::size_t>(seconds * rate));
    for (std::size_t i = 0; i < out.size(); ++i)
        out[i] = click_sample(static_cast<std::int64_t>(i), rate / 4);
    return out;
}

}  // namespace

TEST_CASE(
    "a page from a browser's microphone over the WebSocket is heard, and one whose WebSocket "
    "dies ends as interrupted, input lost, within page_dropout") {
    vc::test::PulseServer pulse(vc::test::PulseServer::Options::with_microphone());
    ControlStation s("", "", paging_station());
    vc::test::MonitorRecording room(s.root().parent_path() / "room.raw", 2, "room.monitor");
    s.start("", vc::test::pulse_env());

    auto r = s.post("/api/page", s.operator_, R"({"input": "browser"})");
    INFO(r.body);
    REQUIRE(r.status == 202);
    const std::string page = r.json()["page"];
    {
        BrowserMicrophone viewer;
        CHECK(viewer.connect(s.port(), page, s.viewer).value("error", "").find("viewer") !=
              std::string::npos);
    }
    BrowserMicrophone browser;
    REQUIRE(browser.connect(s.port(), page, s.operator_) == json{{"ok", true}});
    browser.stream(clicks(3));
    REQUIRE(s.del("/api/page/" + page, s.operator_).status == 204);
    const auto captured = room.stop();

    // A second page whose WebSocket dies after 1 s of sound.
    auto second = s.post("/api/page", s.operator_, R"({"input": "browser"})");
    REQUIRE(second.status == 202);
    const std::string lost_page = second.json()["page"];
    BrowserMicrophone dying;
    REQUIRE(dying.connect(s.port(), lost_page, s.operator_) == json{{"ok", true}});
    // It goes on air once the station's gap after the first page has passed.
    s.wait_status(
        [&](const json& j) {
            for (const auto& a : j["on_air"])
                if (a["broadcast"] == lost_page) return true;
            return false;
        },
        std::chrono::seconds(5));
    dying.stream(clicks(1));
    const auto cut = std::chrono::system_clock::now();
    dying.ws.next_layer().close();
    const auto log = vc::test::wait_for_final_row(s.root(), lost_page, std::chrono::seconds(8));
    CHECK(s.stop() == 0);
    INFO("the daemon said:\n" << s.daemon().err());

    const auto heard = onsets(captured, 1);
    INFO("heard " << json(heard).dump());
    CHECK(heard.size() >= 9);
    const auto rows = vc::test::rows_of(log, page);
    REQUIRE(rows.size() == 1);
    CHECK(rows[0]["status"] == "aired");
    CHECK(rows[0]["live"] == "browser");
    const auto lost_rows = vc::test::rows_of(log, lost_page);
    REQUIRE(lost_rows.size() == 1);
    CHECK(lost_rows[0]["status"] == "interrupted");
    CHECK(lost_rows[0]["reason"] == "input lost: the browser sent nothing for 2s");
    const auto cut_ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(cut.time_since_epoch()).count();
    const auto ended = lost_rows[0]["end_ms"].get<std::int64_t>();
    CHECK(ended - cut_ms >= 1500);
    CHECK(ended - cut_ms <= 3500);  // page_dropout (2 s), checked every 250 ms, then a 0.5 s fade
}
