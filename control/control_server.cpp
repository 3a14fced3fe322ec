#include "control/control_server.hpp"

#include <boost/asio/post.hpp>

#include "control/static_files.hpp"
#include "core/diagnostic.hpp"
#include "core/log.hpp"
#include "station/station.hpp"

namespace vc::control {

namespace ip = boost::asio::ip;

ServerSettings server_settings(const station::Station& station, const std::string& version,
                               Instant started) {
    const auto& c = station.control;
    ServerSettings s;
    s.address = station::parse_listen_address(c.listen);
    s.tls_cert = c.tls_cert;
    s.tls_key = c.tls_key;
    if (!station::listen_allowed(s.address, c.tls()))
        throw UserError("[control] listen = \"" + c.listen +
                        "\" is reachable from the network, so the console must use HTTPS: set "
                        "tls_cert and tls_key in [control], or listen on 127.0.0.1 only");
    s.limits.body_limit = c.body_limit;
    s.limits.upload_limit = c.upload_limit;
    s.router.station = station.root;
    s.router.web_root = default_web_root(c.web_root);
    s.router.upload_limit = c.upload_limit;
    s.router.version = version;
    s.router.started = started;
    return s;
}

ControlServer::ControlServer(ServerSettings settings, boost::asio::io_context& loop,
                             LoopActions& actions, const Clock& clock)
    : settings_(std::move(settings)),
      clock_(clock),
      bridge_(loop, io_, settings_.loop_timeout),
      actions_(actions),
      router_(settings_.router, io_, workers_, bridge_, actions, clock),
      acceptor_(io_),
      retry_timer_(io_),
      accept_timer_(io_),
      minute_timer_(io_) {
    if (!settings_.tls_cert.empty()) {
        tls_.emplace(boost::asio::ssl::context::tls_server);
        tls_->set_options(
            boost::asio::ssl::context::default_workarounds | boost::asio::ssl::context::no_sslv2 |
            boost::asio::ssl::context::no_sslv3 | boost::asio::ssl::context::no_tlsv1 |
            boost::asio::ssl::context::no_tlsv1_1);
        boost::system::error_code ec;
        tls_->use_certificate_chain_file(settings_.tls_cert.string(), ec);
        if (ec)
            throw UserError("[control] tls_cert: cannot use " + settings_.tls_cert.string() +
                            " as a PEM certificate: " + ec.message());
        tls_->use_private_key_file(settings_.tls_key.string(), boost::asio::ssl::context::pem, ec);
        if (ec)
            throw UserError("[control] tls_key: cannot use " + settings_.tls_key.string() +
                            " as the certificate's PEM private key: " + ec.message());
    }
}

ControlServer::~ControlServer() {
    stop();
}

void ControlServer::start() {
    guard_.emplace(io_.get_executor());
    boost::asio::post(io_, [this] {
        listen();
        flush_logins();
    });
    thread_ = std::thread([this] { io_.run(); });
}

std::vector<RefusedLogins> ControlServer::stop() {
    if (stopped_) return {};
    stopped_ = true;
    guard_.reset();
    io_.stop();
    if (thread_.joinable()) thread_.join();
    workers_.stop();
    workers_.join();
    // The server's thread has ended: its state may be read here.
    boost::system::error_code ec;
    acceptor_.close(ec);
    return router_.logins().take_all();
}

void ControlServer::listen() {
    const auto& a = settings_.address;
    boost::system::error_code ec;
    ip::tcp::endpoint endpoint(ip::make_address(a.ip(), ec), a.port);
    auto try_once = [&]() -> std::string {
        boost::system::error_code e;
        acceptor_.close(e);
        acceptor_.open(endpoint.protocol(), e);
        if (e) return e.message();
        acceptor_.set_option(ip::tcp::acceptor::reuse_address(true), e);
        acceptor_.bind(endpoint, e);
        if (e) return e.message();
        acceptor_.listen(boost::asio::socket_base::max_listen_connections, e);
        if (e) return e.message();
        return "";
    };
    if (auto problem = try_once(); !problem.empty()) {
        acceptor_.close(ec);
        log_line(clock_, Level::error,
                 "console: cannot listen on " + a.text() + ": " + problem +
                     " (another program or station uses it? change [control] listen); "
                     "the station airs as usual, trying again in 10 s");
        retry_timer_.expires_after(std::chrono::seconds(10));
        retry_timer_.async_wait([this](const boost::system::error_code& e) {
            if (!e) listen();
        });
        return;
    }
    port_ = acceptor_.local_endpoint().port();
    station::ListenAddress bound = a;
    bound.port = port_;
    log_line(
        clock_, Level::info,
        std::string("console and control API at ") + (tls_ ? "https" : "http") + "://" +
            bound.text() + "/" +
            (settings_.router.web_root.empty() ? " (the console's web files were not found)" : ""));
    accept();
}

void ControlServer::accept() {
    acceptor_.async_accept([this](const boost::system::error_code& ec, ip::tcp::socket socket) {
        if (ec == boost::asio::error::operation_aborted) return;
        if (!ec) {
            boost::system::error_code pe;
            auto remote = socket.remote_endpoint(pe);
            std::string peer = pe ? "unknown" : remote.address().to_string();
            socket.set_option(ip::tcp::no_delay(true), pe);
            if (tls_) {
                std::make_shared<HttpSession<beast::ssl_stream<beast::tcp_stream>>>(
                    router_, settings_.limits, peer, std::move(socket), *tls_)
                    ->run();
            } else {
                std::make_shared<HttpSession<beast::tcp_stream>>(router_, settings_.limits, peer,
                                                                 std::move(socket))
                    ->run();
            }
        }
        if (ec) {
            // Out of file descriptors, say: try again shortly rather than spin.
            accept_timer_.expires_after(std::chrono::milliseconds(100));
            accept_timer_.async_wait([this](const boost::system::error_code& e) {
                if (!e) accept();
            });
            return;
        }
        accept();
    });
}

void ControlServer::flush_logins() {
    auto counts = router_.logins().take_finished(clock_.now());
    if (!counts.empty()) {
        auto& actions = actions_;
        bridge_.call<bool>(
            [&actions, counts] {
                actions.logins_refused(counts);
                return true;
            },
            [](bool) {}, [](std::exception_ptr) {});
    }
    // Just after the next minute starts.
    auto now = clock_.now();
    auto next = std::chrono::floor<std::chrono::minutes>(now) + std::chrono::minutes(1) +
                std::chrono::milliseconds(200);
    minute_timer_.expires_after(next - now);
    minute_timer_.async_wait([this](const boost::system::error_code& ec) {
        if (!ec) flush_logins();
    });
}

}  // namespace vc::control
