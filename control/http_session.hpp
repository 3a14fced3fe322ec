#pragma once
// One client connection of the control server (plain TCP or TLS): reads requests one at a time
// with limits on the header, the body and the time they take, hands each to the router, and
// writes the answers back. A request that cannot be read (a malformed line, a header over
// 8 KB, a body over its limit) is answered with 400, 431 or 413 and the connection is closed.
// Runs on the server's thread only.

#include <chrono>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>

#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

#include "control/api_router.hpp"
#include "control/http_reply.hpp"
#include "control/page_audio_session.hpp"

namespace vc::control {

namespace beast = boost::beast;

/// The limits each request is read under.
struct SessionLimits {
    std::uint64_t body_limit = 64'000;        ///< every body but an upload's
    std::uint64_t upload_limit = 64'000'000;  ///< POST /api/clips
    std::uint32_t header_limit = 8 * 1024;
    std::chrono::seconds read_timeout{30};     ///< a request's header, and a small body
    std::chrono::seconds upload_timeout{600};  ///< an upload's body
};

/// True when a request to this target carries an upload (its own body limit).
inline bool is_upload_target(http::verb method, beast::string_view target) {
    return method == http::verb::post &&
           (target == "/api/clips" || target.starts_with("/api/clips?"));
}

template <class Stream>
class HttpSession : public std::enable_shared_from_this<HttpSession<Stream>> {
  public:
    static constexpr bool tls = !std::is_same_v<Stream, beast::tcp_stream>;

    template <typename... Args>
    HttpSession(ApiRouter& router, SessionLimits limits, std::string peer, Args&&... args)
        : stream_(std::forward<Args>(args)...),
          router_(router),
          limits_(limits),
          peer_(std::move(peer)) {}

    void run() {
        if constexpr (tls) {
            beast::get_lowest_layer(stream_).expires_after(limits_.read_timeout);
            stream_.async_handshake(boost::asio::ssl::stream_base::server,
                                    [self = this->shared_from_this()](beast::error_code ec) {
                                        if (!ec) self->read_header();
                                    });
        } else {
            read_header();
        }
    }

  private:
    void read_header() {
        parser_.emplace();
        parser_->header_limit(limits_.header_limit);
        // The limit for this request is known once its header is read (on_header): a declared
        // length is checked there, and a chunked body as it arrives.
        parser_->body_limit(std::numeric_limits<std::uint64_t>::max());
        beast::get_lowest_layer(stream_).expires_after(limits_.read_timeout);
        http::async_read_header(stream_, buffer_, *parser_,
                                [self = this->shared_from_this()](
                                    beast::error_code ec, std::size_t) { self->on_header(ec); });
    }

    void on_header(beast::error_code ec) {
        if (ec) return read_failed(ec);
        auto& req = parser_->get();
        bool upload = is_upload_target(req.method(), req.target());
        std::uint64_t limit = upload ? limits_.upload_limit : limits_.body_limit;
        if (auto length = parser_->content_length(); length && *length > limit)
            return refuse(413, std::string("the body is larger than ") +
                                   (upload ? "upload_limit" : "body_limit") + " (" +
                                   std::to_string(limit) + " bytes)");
        parser_->body_limit(limit);
        if (upload) beast::get_lowest_layer(stream_).expires_after(limits_.upload_timeout);
        if (beast::iequals(req[http::field::expect], "100-continue")) {
            auto cont = std::make_shared<http::response<http::empty_body>>(http::status::continue_,
                                                                           req.version());
            http::async_write(
                stream_, *cont,
                [self = this->shared_from_this(), cont](beast::error_code wec, std::size_t) {
                    if (wec) return self->close();
                    self->read_body();
                });
            return;
        }
        read_body();
    }

    void read_body() {
        http::async_read(stream_, buffer_, *parser_,
                         [self = this->shared_from_this()](beast::error_code ec, std::size_t) {
                             self->on_body(ec);
                         });
    }

    void on_body(beast::error_code ec) {
        if (ec) return read_failed(ec);
        beast::get_lowest_layer(stream_).expires_never();
        Request req = parser_->release();
        // A browser's microphone during a page: the connection becomes its WebSocket.
        if (websocket::is_upgrade(req)) {
            const auto page =
                page_audio_target(std::string_view(req.target().data(), req.target().size()));
            if (page.empty()) return refuse(404, "only /api/page/{id}/audio takes a WebSocket");
            std::make_shared<PageAudioSession<Stream>>(std::move(stream_), router_, page, peer_)
                ->run(std::move(req));
            return;
        }
        version_ = req.version();
        keep_alive_ = req.keep_alive();
        std::string peer = peer_;
        router_.handle(std::move(req), peer, [self = this->shared_from_this()](Reply reply) {
            self->send(std::move(reply), false);
        });
    }

    void read_failed(beast::error_code ec) {
        // The client went away, timed out, or the TLS layer failed: nothing to answer.
        if (ec == http::error::end_of_stream ||
            ec.category() != http::make_error_code(http::error::end_of_stream).category())
            return close();
        if (ec == http::error::header_limit)
            return refuse(431, "the request's header is larger than 8 KB");
        if (ec == http::error::body_limit) return refuse(413, "the body is larger than the limit");
        refuse(400, "the request could not be read: " + ec.message());
    }

    void refuse(int status, const std::string& message) {
        version_ = 11;
        send(error_reply(status, message), true);
    }

    void send(Reply reply, bool close_after) {
        prepare(reply, version_, keep_alive_ && !close_after);
        bool close = reply.close();
        beast::get_lowest_layer(stream_).expires_after(limits_.read_timeout);
        std::visit(
            [&](auto& m) {
                using M = std::decay_t<decltype(m)>;
                auto msg = std::make_shared<M>(std::move(m));
                http::async_write(
                    stream_, *msg,
                    [self = this->shared_from_this(), msg, hold = std::move(reply.hold), close](
                        beast::error_code ec, std::size_t) mutable {
                        // The body goes first, then its place in a budget (which
                        // may give the freed memory back to the system).
                        msg.reset();
                        hold.reset();
                        if (ec || close) return self->close();
                        self->read_header();
                    });
            },
            reply.message);
    }

    void close() {
        beast::error_code ec;
        if constexpr (tls) {
            beast::get_lowest_layer(stream_).expires_after(std::chrono::seconds(2));
            stream_.async_shutdown([self = this->shared_from_this()](beast::error_code) {
                beast::error_code ignored;
                beast::get_lowest_layer(self->stream_).socket().close(ignored);
            });
        } else {
            stream_.socket().shutdown(boost::asio::ip::tcp::socket::shutdown_send, ec);
            stream_.socket().close(ec);
        }
    }

    Stream stream_;
    beast::flat_buffer buffer_;
    std::optional<http::request_parser<http::string_body>> parser_;
    ApiRouter& router_;
    SessionLimits limits_;
    std::string peer_;
    unsigned version_ = 11;
    bool keep_alive_ = true;
};

}  // namespace vc::control
