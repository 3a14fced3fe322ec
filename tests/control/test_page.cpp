// Live paging against the real daemon and a real sound server: PulseAudio's test microphone is
// fed a click train, the daemon airs it through PortAudio into the loudspeaker sink, and one
// recording of both (the room's two channels) shows how late each click was heard.

#include <catch2/catch.hpp>

#include <fcntl.h>
#include <linux/input.h>
#include <sys/stat.h>
#include <unistd.h>

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
    std::this_thread::sleep_for(std::chrono::milliseconds(2500));
    // What the daemon measures of its own latency while the page airs.
    std::vector<std::int64_t> reported;
    for (int i = 0; i < 5; ++i) {
        const auto during = s.status();
        REQUIRE(during["on_air"].size() == 1);
        reported.push_back(during["on_air"][0]["latency_ms"].get<std::int64_t>());
        std::this_thread::sleep_for(std::chrono::milliseconds(500));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(200));  // page_max is 6 s
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
    std::sort(reported.begin(), reported.end());
    WARN("microphone to loudspeaker through PulseAudio: median "
         << median_ms << " ms over " << delays.size() << " clicks"
         << "; the daemon reported " << json(reported).dump());
    // The goal is 150 ms; with the station's default sound-server buffer this measures about
    // 215 ms (docs/paging.md says where it goes). The bound catches a page that lags by its
    // ring or worse.
    CHECK(median_ms < 800.0);
    // The daemon's own figure (its queues and the devices' reported latencies) is within 60 ms
    // of the latency measured from outside.
    const auto reported_ms = static_cast<double>(reported[reported.size() / 2]);
    CHECK(std::fabs(reported_ms - median_ms) < 60.0);
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
    "an emergency page preempts a notice that preempted a routine playlist, each airs again in "
    "turn, a page released while it waits is missed, and page_max ends a page nobody released") {
    vc::test::PulseServer pulse(vc::test::PulseServer::Options::with_microphone());
    ControlStation s("", "", paging_station());
    s.start("", vc::test::pulse_env());

    CHECK(s.post("/api/page", s.viewer, "{}").status == 403);
    CHECK(s.post("/api/page", s.operator_, R"({"priority": "emergency"})").status == 403);
    CHECK(s.post("/api/page", s.operator_, R"({"zones": ["西村"]})").status == 400);

    // Until `id` airs alone: its first sample went out and what it preempted has faded.
    auto on_air = [&](const std::string& id) {
        s.wait_status(
            [&](const json& j) {
                return j["on_air"].size() == 1 && j["on_air"][0]["broadcast"] == id &&
                       !j["on_air"][0]["since_ms"].is_null();
            },
            std::chrono::seconds(5));
    };
    // Routine (2 s), then a notice (6 s) that preempts it.
    auto routine =
        s.post("/api/broadcast", s.operator_, R"({"playlist": "news", "priority": "routine"})");
    REQUIRE(routine.status == 202);
    const std::string routine_id = routine.json()["broadcast"];
    on_air(routine_id);
    auto notice = s.post("/api/broadcast", s.operator_, R"({"clip": "tone/a6"})");
    REQUIRE(notice.status == 202);
    const std::string notice_id = notice.json()["broadcast"];
    on_air(notice_id);

    // The admin's emergency page from the clerk's command: on air at once, ended after --for.
    vc::test::CommandResult cli;
    std::thread command([&] {
        cli = vc::test::villagecast({"page", "-s", s.root().string(), "--token", s.admin,
                                     "--priority", "emergency", "--for", "3s"});
    });
    const json during = s.wait_status(
        [&](const json& j) {
            return j["on_air"].size() == 1 && j["on_air"][0]["live"] == "microphone" &&
                   !j["on_air"][0]["since_ms"].is_null();
        },
        std::chrono::seconds(5));
    const std::string emergency_page = during["on_air"][0]["broadcast"];

    // An operator's urgent page waits behind it, is told so, and is released before its turn.
    auto waiting = s.post("/api/page", s.operator_, "{}");
    REQUIRE(waiting.status == 202);
    const std::string waiting_page = waiting.json()["page"];
    CHECK(waiting.json()["on_air"] == false);
    CHECK(waiting.json()["waits_for"] == emergency_page + " (emergency)");
    CHECK(s.del("/api/page/" + waiting_page, s.operator_).status == 204);
    command.join();
    INFO(cli.out << cli.err);
    REQUIRE(cli.exit_code == 0);
    CHECK(cli.out.find("on air as " + emergency_page) != std::string::npos);
    CHECK(cli.out.find("page " + emergency_page + " ended") != std::string::npos);

    // The notice airs again, then the routine playlist.
    auto log = vc::test::wait_for_log(
        s.root(),
        [&](const json& j) {
            auto a = vc::test::rows_of(j, routine_id);
            return !a.empty() && a.back()["final"] == true;
        },
        std::chrono::seconds(30));
    // A page nobody releases: page_max (6 s) ends it.
    auto left = s.post("/api/page", s.admin, R"({"priority": "emergency"})");
    REQUIRE(left.status == 202);
    const std::string open_page = left.json()["page"];
    log = vc::test::wait_for_final_row(s.root(), open_page, std::chrono::seconds(12));
    CHECK(s.stop() == 0);
    INFO("the daemon said:\n" << s.daemon().err());
    INFO("log: " << log["airings"].dump(1));

    // Preempted once, then aired whole: two rows.
    auto interrupted_then_aired = [&](const std::string& id, const std::string& priority) {
        const auto rows = vc::test::rows_of(log, id);
        REQUIRE(rows.size() == 2);
        CHECK(rows[0]["status"] == "interrupted");
        CHECK(rows[0]["final"] == false);
        CHECK(rows[1]["status"] == "aired");
        CHECK(rows[1]["priority"] == priority);
        return rows;
    };
    const auto routine_rows = interrupted_then_aired(routine_id, "routine");
    const auto notice_rows = interrupted_then_aired(notice_id, "notice");
    const auto page_rows = vc::test::rows_of(log, emergency_page);
    REQUIRE(page_rows.size() == 1);
    CHECK(page_rows[0]["status"] == "aired");
    CHECK(page_rows[0]["priority"] == "emergency");
    CHECK(page_rows[0]["trigger"] == "operator 张主任");
    const auto waiting_rows = vc::test::rows_of(log, waiting_page);
    REQUIRE(waiting_rows.size() == 1);
    CHECK(waiting_rows[0]["status"] == "missed");
    CHECK(waiting_rows[0]["reason"] == "released by operator 王芳 before the line was free");
    // Each came back only after what preempted it had ended, in priority order.
    // (The page starts where the notice's fade ends: the same frame, within the rounding of
    // frames to milliseconds.)
    CHECK(notice_rows[0]["end_ms"].get<std::int64_t>() <=
          page_rows[0]["start_ms"].get<std::int64_t>() + 2);
    CHECK(notice_rows[1]["start_ms"].get<std::int64_t>() >=
          page_rows[0]["end_ms"].get<std::int64_t>());
    CHECK(routine_rows[1]["start_ms"].get<std::int64_t>() >=
          notice_rows[1]["end_ms"].get<std::int64_t>());
    const auto open_rows = vc::test::rows_of(log, open_page);
    REQUIRE(open_rows.size() == 1);
    CHECK(open_rows[0]["status"] == "aired");
    CHECK(open_rows[0]["reason"] == "page_max 6s reached");
    CHECK(open_rows[0]["priority"] == "emergency");
    const auto length =
        open_rows[0]["end_ms"].get<std::int64_t>() - open_rows[0]["start_ms"].get<std::int64_t>();
    CHECK(std::llabs(length - 6000) <= 100);
}

TEST_CASE(
    "a page with a page_chime airs the chime first and the voice after it, delayed by the "
    "chime's length and not cut") {
    vc::test::PulseServer pulse(vc::test::PulseServer::Options::with_microphone());
    auto settings = paging_station();
    settings.extra = "[page]\npage_max = \"30s\"\npage_chime = \"chime/page\"\n";
    ControlStation s("", "", settings);
    vc::test::write_clip(s.root(), "chime/page", 1.5, 880.0);
    // Clicks 2.5 s apart, fed once the page is on air: the first comes while the chime airs
    // (on a machine that is not very slow), and each is heard before the next is fed.
    const std::int64_t spacing = rate * 5 / 2;
    const std::int64_t chime = rate * 3 / 2;
    vc::test::write_audio(s.root().parent_path() / "clicks.wav", rate, 1, 8 * rate,
                          [&](std::int64_t i, int) { return click_sample(i, spacing); });
    vc::test::MonitorRecording room(s.root().parent_path() / "room.raw", 2, "room.monitor");
    s.start("", vc::test::pulse_env());

    auto r = s.post("/api/page", s.operator_, "{}");
    INFO(r.body);
    REQUIRE(r.status == 202);
    const std::string page = r.json()["page"];
    REQUIRE(r.json()["on_air"] == true);
    pulse.feed_microphone(s.root().parent_path() / "clicks.wav");
    std::this_thread::sleep_for(std::chrono::milliseconds(6000));
    CHECK(s.del("/api/page/" + page, s.operator_).status == 204);
    const auto log = vc::test::wait_for_final_row(s.root(), page, std::chrono::seconds(5));
    const auto captured = room.stop();
    CHECK(s.stop() == 0);
    INFO("the daemon said:\n" << s.daemon().err());

    const auto fed = onsets(captured, 0);
    const auto heard = onsets(captured, 1);
    INFO("fed " << json(fed).dump() << "\nheard " << json(heard).dump());
    REQUIRE(fed.size() >= 2);
    REQUIRE(heard.size() >= 2);
    // The chime first: 1.5 s of tone (onsets() sees a new onset in it every 100 ms).
    const std::int64_t chime_start = heard[0];
    const std::int64_t chime_end = chime_start + chime;
    std::int64_t loud = 0;
    for (std::int64_t f = chime_start; f < chime_end; ++f)
        loud += std::fabs(captured[static_cast<std::size_t>(f) * 2 + 1]) > 0.05f ? 1 : 0;
    CHECK(loud > chime / 2);
    // Then the voice: every click (all fed after the page went on air, its microphone open)
    // is heard the chime's 1.5 s plus the usual latency later, none cut, the first one, fed
    // while the chime aired, included. Those fed within 3 s are heard before the release.
    std::vector<std::int64_t> delays;
    for (auto f : fed) {
        if (f > fed[0] + 3 * rate) continue;
        const auto h = std::find_if(heard.begin(), heard.end(),
                                    [&](std::int64_t x) { return x > chime_end && x > f; });
        REQUIRE(h != heard.end());
        delays.push_back(*h - f);
    }
    INFO("delays " << json(delays).dump());
    REQUIRE(!delays.empty());
    for (auto d : delays) {
        CHECK(d >= chime);
        CHECK(d < chime + rate * 6 / 10);
    }
    CHECK(*std::max_element(delays.begin(), delays.end()) -
              *std::min_element(delays.begin(), delays.end()) <
          rate / 20);

    // The chime is in the page's row, with its hash.
    const auto rows = vc::test::rows_of(log, page);
    REQUIRE(rows.size() == 1);
    CHECK(rows[0]["status"] == "aired");
    REQUIRE(rows[0]["clips"].size() == 1);
    CHECK(rows[0]["clips"][0]["clip"] == "chime/page");
    CHECK(rows[0]["clips"][0]["sha256"].get<std::string>().size() == 64);
}

namespace {

/// Writes one evdev event (struct input_event) to `fd`, as a foot switch's driver does.
void key_event(int fd, int code, int value) {
    input_event e{};
    e.type = EV_KEY;
    e.code = static_cast<unsigned short>(code);
    e.value = value;
    input_event sync{};
    sync.type = EV_SYN;
    REQUIRE(::write(fd, &e, sizeof e) == static_cast<ssize_t>(sizeof e));
    REQUIRE(::write(fd, &sync, sizeof sync) == static_cast<ssize_t>(sizeof sync));
}

}  // namespace

TEST_CASE(
    "holding the push-to-talk key pages from the microphone and letting go ends the page, "
    "logged under the key's operator") {
    vc::test::PulseServer pulse(vc::test::PulseServer::Options::with_microphone());
    vc::test::TempDir pipes;
    const auto key = pipes / "foot-switch";
    REQUIRE(::mkfifo(key.c_str(), 0600) == 0);
    auto settings = paging_station();
    settings.extra +=
        "push_to_talk = \"" + key.string() +
        "\"\npush_to_talk_key = \"KEY_F12\"\npush_to_talk_operator = \"村委会话筒\"\n";
    ControlStation s("", "", settings);
    s.start("", vc::test::pulse_env());
    // The daemon holds the pipe open once it runs; a writer then opens it at once.
    int fd = -1;
    for (int i = 0; i < 100 && fd < 0; ++i) {
        fd = ::open(key.c_str(), O_WRONLY | O_NONBLOCK | O_CLOEXEC);
        if (fd < 0) std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    REQUIRE(fd >= 0);

    key_event(fd, KEY_A, 1);  // another key does nothing
    key_event(fd, KEY_A, 0);
    key_event(fd, KEY_F12, 1);
    key_event(fd, KEY_F12, 2);  // the key repeats while held
    const json held = s.wait_status(
        [](const json& j) {
            return j["on_air"].size() == 1 && j["on_air"][0]["live"] == "microphone";
        },
        std::chrono::seconds(5));
    const std::string page = held["on_air"][0]["broadcast"];
    CHECK(held["on_air"][0]["trigger"] == "operator 村委会话筒");
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));
    key_event(fd, KEY_F12, 2);
    key_event(fd, KEY_F12, 0);
    const auto log = vc::test::wait_for_final_row(s.root(), page, std::chrono::seconds(5));
    ::close(fd);
    CHECK(s.stop() == 0);
    INFO("the daemon said:\n" << s.daemon().err());
    CHECK(s.daemon().err().find("push-to-talk: KEY_F12 on " + key.string()) != std::string::npos);

    const auto rows = vc::test::rows_of(log, page);
    REQUIRE(rows.size() == 1);
    CHECK(rows[0]["status"] == "aired");
    CHECK(rows[0]["live"] == "microphone");
    CHECK(rows[0]["trigger"] == "operator 村委会话筒");
    CHECK(rows[0]["reason"] == "released by operator 村委会话筒");
    // Held 1.5 s after the status showed it. (Under a sanitizer the output may open so late
    // that the row has no confirmed start: the length is checked where it is known.)
    if (rows[0]["start_ms"].is_number() && rows[0]["end_ms"].is_number()) {
        const auto length =
            rows[0]["end_ms"].get<std::int64_t>() - rows[0]["start_ms"].get<std::int64_t>();
        CHECK(length >= 1000);
        CHECK(length < 4000);
    }
    // Only the one page: the other key and the repeats started nothing.
    std::size_t pages = 0;
    for (const auto& r : log["airings"]) pages += r.value("live", "").empty() ? 0 : 1;
    CHECK(pages == 1);
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
