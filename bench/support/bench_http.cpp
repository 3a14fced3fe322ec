// One request to a benchmark's daemon over HTTP, with Beast.

#include "bench/support/bench_http.hpp"

#include <chrono>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

namespace vc::bench {

namespace beast = boost::beast;
namespace http = beast::http;
namespace ip = boost::asio::ip;

Answer request(std::uint16_t port, const std::string& method, const std::string& target,
               const std::string& token, const std::string& body) {
    const auto t0 = std::chrono::steady_clock::now();
    boost::asio::io_context io;
    beast::tcp_stream stream(io);
    stream.expires_after(std::chrono::seconds(600));
    stream.connect(ip::tcp::endpoint(ip::make_address("127.0.0.1"), port));
    http::request<http::string_body> req{http::string_to_verb(method), target, 11};
    req.set(http::field::host, "127.0.0.1");
    req.set(http::field::authorization, "Bearer " + token);
    if (!body.empty()) {
        req.set(http::field::content_type, "application/json");
        req.body() = body;
    }
    req.keep_alive(false);
    req.prepare_payload();
    http::write(stream, req);
    beast::flat_buffer buffer;
    http::response_parser<http::string_body> parser;
    parser.body_limit(4ull << 30);
    http::read(stream, buffer, parser);
    Answer a;
    a.status = static_cast<int>(parser.get().result_int());
    a.body = std::move(parser.get().body());
    a.bytes = a.body.size();
    a.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    beast::error_code ec;
    stream.socket().shutdown(ip::tcp::socket::shutdown_both, ec);
    return a;
}

std::uint16_t free_port() {
    boost::asio::io_context io;
    ip::tcp::acceptor a(io, ip::tcp::endpoint(ip::make_address("127.0.0.1"), 0));
    return a.local_endpoint().port();
}

}  // namespace vc::bench
