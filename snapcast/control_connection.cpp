#include "snapcast/control_connection.hpp"

#include <chrono>

#include <boost/asio/connect.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/write.hpp>

#include "core/diagnostic.hpp"

namespace vc::snapcast {

namespace asio = boost::asio;
using asio::ip::tcp;

std::string describe(const ControlAddress& a) {
    return "snapserver's control port " + a.host + ":" + std::to_string(a.port);
}

ControlConnection::ControlConnection(const ControlAddress& address, Millis timeout)
    : address_(address), socket_(io_) {
    tcp::resolver resolver(io_);
    boost::system::error_code ec;
    const auto endpoints = resolver.resolve(address.host, std::to_string(address.port), ec);
    if (ec) throw UserError("cannot reach " + describe(address) + ": " + ec.message());
    bool connected = false;
    asio::async_connect(socket_, endpoints, [&](boost::system::error_code e, const tcp::endpoint&) {
        failed_ = e;
        connected = !e;
    });
    io_.run_for(timeout);
    if (!connected) {
        const std::string why =
            failed_ ? failed_.message() : "no answer within " + format_duration(timeout);
        throw UserError("cannot reach " + describe(address) + ": " + why +
                        " (is snapserver running? its [tcp] port is [snapcast] control_port in "
                        "station.toml)");
    }
}

void ControlConnection::lost(const std::string& what) const {
    throw UserError("lost " + describe(address_) + ": " + what);
}

std::int64_t ControlConnection::send(const std::string& method, const nlohmann::json& params) {
    const std::int64_t id = next_id_++;
    const nlohmann::json request{
        {"jsonrpc", "2.0"}, {"id", id}, {"method", method}, {"params", params}};
    const std::string line = request.dump() + "\r\n";
    boost::system::error_code ec;
    asio::write(socket_, asio::buffer(line), ec);
    if (ec) lost(ec.message());
    return id;
}

void ControlConnection::run(Millis wait) {
    if (!reading_ && !failed_) {
        reading_ = true;
        asio::async_read_until(socket_, input_, '\n',
                               [this](boost::system::error_code ec, std::size_t n) {
                                   reading_ = false;
                                   if (ec) {
                                       failed_ = ec;
                                       return;
                                   }
                                   const auto begin = asio::buffers_begin(input_.data());
                                   line_.emplace(begin, begin + static_cast<std::ptrdiff_t>(n));
                                   input_.consume(n);
                               });
    }
    io_.restart();
    io_.run_for(wait);
}

std::optional<nlohmann::json> ControlConnection::next(Millis wait) {
    const auto until = std::chrono::steady_clock::now() + wait;
    for (;;) {
        if (line_) {
            auto j = nlohmann::json::parse(*line_, nullptr, false);
            line_.reset();
            if (j.is_object()) return j;
            continue;
        }
        if (failed_)
            lost(failed_ == asio::error::eof ? "it closed the connection" : failed_.message());
        const auto left =
            std::chrono::duration_cast<Millis>(until - std::chrono::steady_clock::now());
        if (left <= Millis(0)) return std::nullopt;
        run(left);
    }
}

nlohmann::json ControlConnection::result_of(const nlohmann::json& answer,
                                            const std::string& method) const {
    if (answer.contains("error")) {
        const auto& e = answer["error"];
        const std::string message = e.is_object() ? e.value("message", e.dump()) : e.dump();
        throw UserError(describe(address_) + " refused " + method + ": " + message);
    }
    if (!answer.contains("result"))
        throw UserError(describe(address_) + " answered " + method + " without a result");
    return answer["result"];
}

nlohmann::json ControlConnection::call(const std::string& method, const nlohmann::json& params,
                                       Millis timeout) {
    const auto id = send(method, params);
    const auto until = std::chrono::steady_clock::now() + timeout;
    for (;;) {
        const auto left =
            std::chrono::duration_cast<Millis>(until - std::chrono::steady_clock::now());
        auto j = left > Millis(0) ? next(left) : std::nullopt;
        if (!j)
            throw UserError(describe(address_) + " did not answer " + method + " within " +
                            format_duration(timeout));
        // A notification (no id) or an earlier answer: keep reading.
        if (!j->contains("id") || (*j)["id"] != id) continue;
        return result_of(*j, method);
    }
}

nlohmann::json call(const ControlAddress& address, const std::string& method,
                    const nlohmann::json& params, Millis timeout) {
    ControlConnection connection(address, timeout);
    return connection.call(method, params, timeout);
}

}  // namespace vc::snapcast
