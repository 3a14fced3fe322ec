#pragma once
// A browser's microphone during a page: the WebSocket at /api/page/{id}/audio. The first
// message is text, {"token": "..."} (a browser cannot set an Authorization header on a
// WebSocket), answered {"ok": true} or an error and a close; then each binary message is one
// packet of the browser's sound: its first frame's number (8 bytes, little-endian, counted from
// 0 at the page's start) and 16-bit little-endian mono samples at the station's rate. A gap in
// the numbers is counted as frames lost and goes out as silence; when no packet comes for the
// station's page_dropout, the daemon ends the page, interrupted: input lost. Runs on the
// server's thread only.

#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include <boost/beast/core.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/beast/websocket/ssl.hpp>
#include <nlohmann/json.hpp>

#include "control/api_router.hpp"
#include "engine/page_inputs.hpp"

namespace vc::control {

namespace websocket = boost::beast::websocket;

/// The largest packet taken: 1 s of sound.
inline constexpr std::size_t max_page_packet = 8 + 2 * 48000;

template <class Stream>
class PageAudioSession : public std::enable_shared_from_this<PageAudioSession<Stream>> {
  public:
    PageAudioSession(Stream&& stream, ApiRouter& router, std::string page, std::string peer)
        : ws_(std::move(stream)), router_(router), page_(std::move(page)), peer_(std::move(peer)) {}

    void run(Request request) {
        boost::beast::get_lowest_layer(ws_).expires_never();
        ws_.set_option(websocket::stream_base::timeout::suggested(boost::beast::role_type::server));
        ws_.read_message_max(max_page_packet);
        ws_.async_accept(request, [self = this->shared_from_this()](boost::beast::error_code ec) {
            if (!ec) self->read();
        });
    }

  private:
    void read() {
        ws_.async_read(
            buffer_, [self = this->shared_from_this()](boost::beast::error_code ec, std::size_t) {
                if (ec) return;  // the browser closed it or went away: page_dropout ends the page
                self->on_message();
            });
    }

    void on_message() {
        const auto data = buffer_.cdata();
        const auto* bytes = static_cast<const unsigned char*>(data.data());
        const std::size_t size = data.size();
        if (!authorised_) {
            authorise(std::string(reinterpret_cast<const char*>(bytes), size));
            buffer_.consume(size);
            return;
        }
        if (ws_.got_binary() && size >= 8 && (size - 8) % 2 == 0) {
            std::uint64_t seq = 0;
            for (int i = 7; i >= 0; --i) seq = (seq << 8) | bytes[i];
            samples_.resize((size - 8) / 2);
            for (std::size_t i = 0; i < samples_.size(); ++i)
                samples_[i] = static_cast<std::int16_t>(bytes[8 + 2 * i] | (bytes[9 + 2 * i] << 8));
            if (auto* pages = router_.page_inputs())
                pages->push_browser(page_, seq, samples_.data(), samples_.size());
        }
        buffer_.consume(size);
        read();
    }

    void authorise(const std::string& text) {
        auto j = nlohmann::json::parse(text, nullptr, false);
        std::string error;
        if (!j.is_object() || !j.contains("token") || !j["token"].is_string()) {
            error = "the first message must be {\"token\": \"...\"}";
        } else if (auto op = router_.operator_of("Bearer " + j["token"].get<std::string>(), peer_);
                   !op) {
            error = "the token is not an operator's (it may have been removed)";
        } else if (!allows(op->role, Role::operator_)) {
            error = "paging needs the operator role; " + op->name + " is a viewer";
        }
        reply_ = nlohmann::json(error.empty() ? nlohmann::json{{"ok", true}}
                                              : nlohmann::json{{"error", error}})
                     .dump();
        ws_.text(true);
        ws_.async_write(boost::asio::buffer(reply_),
                        [self = this->shared_from_this(), ok = error.empty()](
                            boost::beast::error_code ec, std::size_t) {
                            if (ec) return;
                            if (!ok) {
                                self->ws_.async_close(websocket::close_code::policy_error,
                                                      [self](boost::beast::error_code) {});
                                return;
                            }
                            self->authorised_ = true;
                            self->ws_.binary(true);
                            self->read();
                        });
    }

    websocket::stream<Stream> ws_;
    ApiRouter& router_;
    std::string page_;
    std::string peer_;
    boost::beast::flat_buffer buffer_;
    std::vector<std::int16_t> samples_;
    std::string reply_;
    bool authorised_ = false;
};

/// The page named by an upgrade to /api/page/{id}/audio, or empty for another target.
inline std::string page_audio_target(std::string_view target) {
    constexpr std::string_view prefix = "/api/page/";
    constexpr std::string_view suffix = "/audio";
    if (!target.starts_with(prefix) || !target.ends_with(suffix) ||
        target.size() <= prefix.size() + suffix.size())
        return {};
    auto id = target.substr(prefix.size(), target.size() - prefix.size() - suffix.size());
    for (char c : id)
        if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.' || c == '_'))
            return {};
    return std::string(id);
}

}  // namespace vc::control
