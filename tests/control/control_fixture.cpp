#include "tests/control/control_fixture.hpp"

#include <catch2/catch.hpp>

#include <csignal>
#include <thread>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include "tests/support/run_command.hpp"

namespace vc::test {

namespace beast = boost::beast;
namespace http = beast::http;
namespace ip = boost::asio::ip;

nlohmann::json HttpResult::json() const {
    auto j = nlohmann::json::parse(body, nullptr, false);
    INFO("status " << status << ", body: " << body);
    REQUIRE_FALSE(j.is_discarded());
    return j;
}

HttpResult http_request(std::uint16_t port, const std::string& method, const std::string& target,
                        const std::string& token, const std::string& body,
                        const std::string& content_type) {
    boost::asio::io_context io;
    beast::tcp_stream stream(io);
    stream.expires_after(std::chrono::seconds(30));
    stream.connect(ip::tcp::endpoint(ip::make_address("127.0.0.1"), port));
    http::request<http::string_body> req{http::string_to_verb(method), target, 11};
    req.set(http::field::host, "127.0.0.1");
    if (!token.empty()) req.set(http::field::authorization, "Bearer " + token);
    if (!body.empty()) {
        req.set(http::field::content_type, content_type);
        req.body() = body;
    }
    req.keep_alive(false);
    req.prepare_payload();
    http::write(stream, req);
    beast::flat_buffer buffer;
    http::response_parser<http::string_body> parser;
    parser.body_limit(512ull * 1024 * 1024);
    if (method == "HEAD") parser.skip(true);
    http::read(stream, buffer, parser);
    auto res = parser.release();
    HttpResult r;
    r.status = static_cast<int>(res.result_int());
    r.body = res.body();
    for (const auto& f : res) {
        std::string name(f.name_string());
        for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        r.headers[name] = std::string(f.value());
    }
    beast::error_code ec;
    stream.socket().shutdown(ip::tcp::socket::shutdown_both, ec);
    return r;
}

std::string raw_exchange(std::uint16_t port, const std::string& bytes,
                         std::chrono::milliseconds timeout) {
    boost::asio::io_context io;
    beast::tcp_stream stream(io);
    stream.expires_after(timeout);
    stream.connect(ip::tcp::endpoint(ip::make_address("127.0.0.1"), port));
    std::string out;
    beast::error_code ec;
    boost::asio::write(stream, boost::asio::buffer(bytes), ec);
    // Tell the server nothing more comes, then read until it closes.
    stream.socket().shutdown(ip::tcp::socket::shutdown_send, ec);
    char buf[4096];
    while (true) {
        auto n = stream.read_some(boost::asio::buffer(buf), ec);
        out.append(buf, n);
        if (ec) break;
    }
    return out;
}

std::string add_operator(const std::filesystem::path& station, const std::string& name,
                         const std::string& role) {
    auto r = villagecast({"operator", "add", name, "--role", role, "-s", station.string()});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    auto token = r.out;
    while (!token.empty() && (token.back() == '\n' || token.back() == ' ')) token.pop_back();
    REQUIRE(token.size() == 48);
    return token;
}

ControlStation::ControlStation(const std::string& schedule, const std::string& control_extra,
                               StationSettings base) {
    root_ = dir_.path() / "station";
    port_ = free_port();
    StationSettings settings = base;
    settings.extra = "[control]\nlisten = \"127.0.0.1:" + std::to_string(port_) +
                     "\"\nweb_root = \"web\"\n" + control_extra + "\n" + base.extra + "\n";
    write_text(root_ / "web" / "index.html", "<!doctype html><title>console</title>\n");
    write_text(root_ / "web" / "js" / "app.js", "console.log('villagecast');\n");
    write_station(root_, settings);
    write_clip(root_, "tone/a2", 2.0);
    write_clip(root_, "tone/a6", 6.0, 660.0);
    write_clip(root_, "tone/long", 30.0, 550.0);
    write_playlist(root_, "news", "tone/a2");
    write_playlist(root_, "long", "tone/long");
    if (!schedule.empty()) write_text(root_ / "schedule.toml", schedule);
    viewer = add_operator(root_, "小李", "viewer");
    operator_ = add_operator(root_, "王芳", "operator");
    admin = add_operator(root_, "张主任", "admin");
}

void ControlStation::start(const std::string& output,
                           const std::map<std::string, std::string>& env) {
    daemon_ = start_daemon(root_, output, env);
    bool up = daemon_->wait_for_err("console and control API at", std::chrono::seconds(20));
    INFO("the daemon said:\n" << daemon_->err());
    REQUIRE(up);
}

int ControlStation::stop() {
    daemon_->signal(SIGTERM);
    auto code = daemon_->wait_for_exit(std::chrono::seconds(10));
    INFO("the daemon said:\n" << daemon_->err());
    REQUIRE(code.has_value());
    return *code;
}

nlohmann::json ControlStation::status() const {
    auto r = get("/api/status", viewer);
    INFO(r.body);
    REQUIRE(r.status == 200);
    return r.json();
}

nlohmann::json ControlStation::wait_status(const std::function<bool(const nlohmann::json&)>& done,
                                           std::chrono::milliseconds timeout) const {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    while (true) {
        auto s = status();
        if (done(s) || std::chrono::steady_clock::now() >= deadline) return s;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
}

std::vector<nlohmann::json> operator_events(const std::filesystem::path& station) {
    std::vector<nlohmann::json> out;
    for (const auto& e : events_of(audit_export(station, {}, true), "operator"))
        out.push_back(e["payload"]);
    return out;
}

}  // namespace vc::test
