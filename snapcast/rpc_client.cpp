#include "snapcast/rpc_client.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/streambuf.hpp>
#include <boost/asio/write.hpp>

#include "core/diagnostic.hpp"

namespace vc::snapcast {

namespace asio = boost::asio;
using asio::ip::tcp;

namespace {

std::string where(const ControlAddress& a) {
    return "snapserver's control port " + a.host + ":" + std::to_string(a.port);
}

}  // namespace

nlohmann::json call(const ControlAddress& address, const std::string& method,
                    const nlohmann::json& params, Millis timeout) {
    asio::io_context io;
    tcp::socket socket(io);
    asio::streambuf input;
    const nlohmann::json request{
        {"jsonrpc", "2.0"}, {"id", 1}, {"method", method}, {"params", params}};
    const std::string line = request.dump() + "\r\n";
    boost::system::error_code failed;
    std::optional<nlohmann::json> response;
    std::function<void()> read_line = [&] {
        asio::async_read_until(
            socket, input, '\n', [&](boost::system::error_code ec, std::size_t n) {
                if (ec) {
                    failed = ec;
                    return;
                }
                std::string text(
                    asio::buffers_begin(input.data()),
                    asio::buffers_begin(input.data()) + static_cast<std::ptrdiff_t>(n));
                input.consume(n);
                auto j = nlohmann::json::parse(text, nullptr, false);
                // A notification (no id) or another answer: keep reading.
                if (j.is_object() && j.contains("id") && j["id"] == 1) {
                    response = std::move(j);
                    return;
                }
                read_line();
            });
    };
    tcp::resolver resolver(io);
    boost::system::error_code resolve_error;
    const auto endpoints =
        resolver.resolve(address.host, std::to_string(address.port), resolve_error);
    if (resolve_error)
        throw UserError("cannot reach " + where(address) + ": " + resolve_error.message());
    asio::async_connect(socket, endpoints, [&](boost::system::error_code ec, const tcp::endpoint&) {
        if (ec) {
            failed = ec;
            return;
        }
        asio::async_write(socket, asio::buffer(line),
                          [&](boost::system::error_code wec, std::size_t) {
                              if (wec) {
                                  failed = wec;
                                  return;
                              }
                              read_line();
                          });
    });
    io.run_for(timeout);
    if (failed)
        throw UserError("cannot reach " + where(address) + ": " + failed.message() +
                        " (is snapserver running? its [tcp] port is [snapcast] control_port in "
                        "station.toml)");
    if (!response)
        throw UserError(where(address) + " did not answer " + method + " within " +
                        format_duration(timeout));
    if (response->contains("error")) {
        const auto& e = (*response)["error"];
        const std::string message = e.is_object() ? e.value("message", e.dump()) : e.dump();
        throw UserError(where(address) + " refused " + method + ": " + message);
    }
    if (!response->contains("result"))
        throw UserError(where(address) + " answered " + method + " without a result");
    return (*response)["result"];
}

}  // namespace vc::snapcast
