// Load: 200 clients poll /api/status over keep-alive connections for 30 s while a playlist airs
// through the paced null output. Every request must be answered 200 and the output must not
// underrun. Prints the figures (requests, rate, latency) for the record.

#include <catch2/catch.hpp>

#include <algorithm>
#include <iostream>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include "tests/control/control_fixture.hpp"
#include "tests/support/run_command.hpp"

namespace beast = boost::beast;
namespace http = beast::http;
namespace ip = boost::asio::ip;
using nlohmann::json;

namespace {

struct Figures {
    std::int64_t answered = 0;
    std::int64_t not_ok = 0;    ///< answered with another status than 200
    std::int64_t failures = 0;  ///< connection or read errors, and unanswered requests
    std::vector<double> latency_ms;
    std::int64_t last_on_air = 0;  ///< answers that showed the playlist on the air
};

/// One client: connects once, then GET /api/status, read the answer, again, until `end`.
class Poller : public std::enable_shared_from_this<Poller> {
  public:
    Poller(boost::asio::io_context& io, std::uint16_t port, std::string token,
           std::chrono::steady_clock::time_point end, Figures& figures)
        : stream_(io), port_(port), end_(end), figures_(figures) {
        req_ = {http::verb::get, "/api/status", 11};
        req_.set(http::field::host, "127.0.0.1");
        req_.set(http::field::authorization, "Bearer " + token);
        req_.keep_alive(true);
    }
    void start() {
        stream_.expires_after(std::chrono::seconds(10));
        stream_.async_connect(ip::tcp::endpoint(ip::make_address("127.0.0.1"), port_),
                              [self = shared_from_this()](beast::error_code ec) {
                                  if (ec) {
                                      ++self->figures_.failures;
                                      return;
                                  }
                                  self->send();
                              });
    }

  private:
    void send() {
        if (std::chrono::steady_clock::now() >= end_) return;
        sent_ = std::chrono::steady_clock::now();
        stream_.expires_after(std::chrono::seconds(10));
        http::async_write(
            stream_, req_, [self = shared_from_this()](beast::error_code ec, std::size_t) {
                if (ec) {
                    ++self->figures_.failures;
                    return;
                }
                self->res_ = {};
                http::async_read(
                    self->stream_, self->buffer_, self->res_,
                    [self](beast::error_code rec, std::size_t) { self->on_read(rec); });
            });
    }
    void on_read(beast::error_code ec) {
        if (ec) {
            ++figures_.failures;
            return;
        }
        figures_.latency_ms.push_back(
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - sent_)
                .count());
        ++figures_.answered;
        if (res_.result() != http::status::ok) {
            ++figures_.not_ok;
        } else if (res_.body().find("\"playlist\":\"long\"") != std::string::npos) {
            ++figures_.last_on_air;
        }
        send();
    }

    beast::tcp_stream stream_;
    std::uint16_t port_;
    std::chrono::steady_clock::time_point end_;
    Figures& figures_;
    http::request<http::empty_body> req_;
    http::response<http::string_body> res_;
    beast::flat_buffer buffer_;
    std::chrono::steady_clock::time_point sent_;
};

double percentile(std::vector<double> v, double p) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    auto i = static_cast<std::size_t>(p * static_cast<double>(v.size() - 1));
    return v[i];
}

}  // namespace

TEST_CASE("load: 200 clients poll the status for 30 s while a playlist airs, no underrun") {
    vc::test::ControlStation s;
    s.start();
    auto aired =
        s.post("/api/broadcast", s.operator_, R"({"playlist": "long", "priority": "routine"})");
    REQUIRE(aired.status == 202);
    const auto broadcast = aired.json()["broadcast"].get<std::string>();

    constexpr int clients = 200;
    constexpr auto duration = std::chrono::seconds(30);
    boost::asio::io_context io;
    Figures figures;
    auto start = std::chrono::steady_clock::now();
    auto end = start + duration;
    for (int i = 0; i < clients; ++i)
        std::make_shared<Poller>(io, s.port(), s.viewer, end, figures)->start();
    io.run();
    double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

    auto st = s.status();
    std::cout << "load: " << clients << " clients, " << figures.answered << " requests in "
              << seconds << " s (" << static_cast<double>(figures.answered) / seconds
              << " per second), latency p50 " << percentile(figures.latency_ms, 0.5) << " ms, p99 "
              << percentile(figures.latency_ms, 0.99) << " ms, max "
              << percentile(figures.latency_ms, 1.0) << " ms; not 200: " << figures.not_ok
              << ", failed: " << figures.failures
              << "; answers showing the playlist on the air: " << figures.last_on_air
              << "; output underruns: " << st["output"]["underruns"] << std::endl;
    CHECK(figures.failures == 0);
    CHECK(figures.not_ok == 0);
    CHECK(figures.answered >= clients * 30);  // at least one answer per client and second
    CHECK(figures.last_on_air > 0);
    CHECK(st["output"]["underruns"] == 0);

    CHECK(s.stop() == 0);
    auto rows = vc::test::rows_of(vc::test::audit_export(s.root()), broadcast);
    REQUIRE(rows.size() == 1);
    // The 30 s playlist either aired whole during the load or was cut only by the daemon's stop.
    CHECK((rows[0]["status"] == "aired" ||
           rows[0]["reason"].get<std::string>().rfind("daemon stopped", 0) == 0));
    CHECK(vc::test::villagecast({"audit", "verify", "-s", s.root().string()}).exit_code == 0);
}
