#include "control/control_client.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cstdlib>

#include <openssl/x509_vfy.h>
#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

#include "core/diagnostic.hpp"
#include "station/listen_address.hpp"
#include "station/station.hpp"

namespace vc::control {

namespace beast = boost::beast;
namespace http = beast::http;
namespace ip = boost::asio::ip;

std::string token_from(const std::string& option) {
    if (!option.empty()) return option;
    if (const char* env = std::getenv("VILLAGECAST_TOKEN"); env && *env) return env;
    throw UserError(
        "this talks to the running daemon and needs an operator's token: give --token TOKEN or "
        "set VILLAGECAST_TOKEN (`villagecast operator add NAME --role operator` makes one)");
}

bool station_daemon_running(const std::filesystem::path& station) {
    auto lock = station / "state" / "villagecast.lock";
    int fd = ::open(lock.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return false;
    bool held = ::flock(fd, LOCK_SH | LOCK_NB) != 0;
    ::close(fd);
    return held;
}

ControlClient::ControlClient(const std::filesystem::path& station, std::string token)
    : token_(std::move(token)) {
    auto st = station::load_station(station);
    if (!st.control.enabled())
        throw UserError("the console is off for this station ([control] listen = \"off\" in " +
                        st.file().string() + ")");
    auto a = station::local_address(station::parse_listen_address(st.control.listen));
    host_ = a.ip();
    port_ = std::to_string(a.port);
    tls_cert_ = st.control.tls_cert;
    url_ = std::string(tls_cert_.empty() ? "http" : "https") + "://" + a.text();
}

namespace {

template <class Stream>
ClientResponse exchange(Stream& stream, http::request<http::string_body>& req) {
    http::write(stream, req);
    beast::flat_buffer buffer;
    http::response_parser<http::string_body> parser;
    parser.body_limit(1024ull * 1024 * 1024);
    http::read(stream, buffer, parser);
    auto res = parser.release();
    return {static_cast<int>(res.result_int()), res.body(),
            std::string(res[http::field::content_type])};
}

}  // namespace

ClientResponse ControlClient::request(http::verb method, const std::string& target,
                                      const std::string& body,
                                      const std::string& content_type) const {
    boost::asio::io_context io;
    ip::tcp::resolver resolver(io);
    http::request<http::string_body> req{method, target, 11};
    req.set(http::field::host, host_);
    req.set(http::field::user_agent, "villagecast");
    req.set(http::field::authorization, "Bearer " + token_);
    if (!body.empty() || method == http::verb::post) {
        req.set(http::field::content_type, content_type);
        req.body() = body;
    }
    req.keep_alive(false);
    req.prepare_payload();
    try {
        auto endpoints = resolver.resolve(host_, port_);
        if (tls_cert_.empty()) {
            beast::tcp_stream stream(io);
            stream.expires_after(timeout_);
            stream.connect(endpoints);
            auto r = exchange(stream, req);
            beast::error_code ec;
            stream.socket().shutdown(ip::tcp::socket::shutdown_both, ec);
            return r;
        }
        boost::asio::ssl::context ctx(boost::asio::ssl::context::tls_client);
        // The station's own certificate is the one trusted (it may be self-signed).
        ctx.load_verify_file(tls_cert_.string());
        X509_VERIFY_PARAM_set_flags(SSL_CTX_get0_param(ctx.native_handle()),
                                    X509_V_FLAG_PARTIAL_CHAIN);
        ctx.set_verify_mode(boost::asio::ssl::verify_peer);
        beast::ssl_stream<beast::tcp_stream> stream(io, ctx);
        beast::get_lowest_layer(stream).expires_after(timeout_);
        beast::get_lowest_layer(stream).connect(endpoints);
        stream.handshake(boost::asio::ssl::stream_base::client);
        auto r = exchange(stream, req);
        beast::error_code ec;
        stream.shutdown(ec);
        return r;
    } catch (const boost::system::system_error& e) {
        if (e.code() == boost::asio::error::connection_refused)
            throw UserError("no daemon answers at " + url_ +
                            " ([control] listen): is `villagecast run` running for this "
                            "station?");
        throw UserError("cannot talk to the daemon at " + url_ + ": " + e.code().message());
    }
}

nlohmann::json ControlClient::call(http::verb method, const std::string& target,
                                   const nlohmann::json& body) const {
    auto r = request(method, target, body.is_null() ? std::string() : body.dump());
    auto j = nlohmann::json::parse(r.body, nullptr, false);
    if (r.status < 200 || r.status >= 300) {
        std::string message = !j.is_discarded() && j.is_object() && j.contains("error")
                                  ? j["error"].get<std::string>()
                                  : r.body;
        throw UserError("the daemon refused (" + std::to_string(r.status) + "): " + message);
    }
    if (r.body.empty()) return nlohmann::json::object();
    if (j.is_discarded()) throw UserError("the daemon's answer is not JSON: " + r.body);
    return j;
}

}  // namespace vc::control
