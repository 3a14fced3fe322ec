#pragma once
// Handing work from the control server's thread to the daemon's event loop and the answer back,
// without either thread waiting for the other: the work is posted to the loop, its result (or
// exception) is posted back to the server, and a timer on the server answers 503 when the loop
// does not answer in time. Nothing the loop holds refers to the server: it keeps only a weak
// reference to each exchange, so the server may stop with work still queued on the loop.

#include <chrono>
#include <exception>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>

#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>

#include "control/api_error.hpp"

namespace vc::control {

/// Created and called on the server's thread.
class LoopBridge {
  public:
    LoopBridge(boost::asio::io_context& loop, boost::asio::io_context& server,
               std::chrono::milliseconds timeout)
        : loop_(loop), server_(server), timeout_(timeout) {}

    /// Runs `on_loop` on the loop's thread; then, on the server's thread, `done` with its result
    /// or `failed` with what it threw, or with ApiError(503) after the timeout (the work may
    /// still run later).
    template <typename T>
    void call(std::function<T()> on_loop, std::function<void(T)> done,
              std::function<void(std::exception_ptr)> failed) {
        auto state = std::make_shared<State<T>>(server_);
        state->done = std::move(done);
        state->failed = std::move(failed);
        state->timer.expires_after(timeout_);
        auto seconds = std::to_string((timeout_.count() + 999) / 1000);
        state->timer.async_wait([state, seconds](const boost::system::error_code& ec) {
            if (ec || state->settled) return;
            state->settled = true;
            state->failed(std::make_exception_ptr(
                ApiError(503, "the daemon did not answer within " + seconds +
                                  " s; it may be busy or stopping (the change may still "
                                  "happen: look at the status)")));
        });
        std::weak_ptr<State<T>> weak = state;
        boost::asio::post(loop_, [weak, on_loop = std::move(on_loop)]() mutable {
            auto alive = weak.lock();
            if (!alive) return;
            std::optional<T> result;
            std::exception_ptr error;
            try {
                result.emplace(on_loop());
            } catch (...) {
                error = std::current_exception();
            }
            auto executor = alive->timer.get_executor();
            boost::asio::post(executor, [s = std::move(alive), result = std::move(result),
                                         error = std::move(error)]() mutable {
                if (s->settled) return;
                s->settled = true;
                s->timer.cancel();
                if (error)
                    s->failed(error);
                else
                    s->done(std::move(*result));
            });
        });
    }

  private:
    template <typename T>
    struct State {
        explicit State(boost::asio::io_context& io) : timer(io) {}
        boost::asio::steady_timer timer;
        bool settled = false;  // server thread only
        std::function<void(T)> done;
        std::function<void(std::exception_ptr)> failed;
    };

    boost::asio::io_context& loop_;
    boost::asio::io_context& server_;
    std::chrono::milliseconds timeout_;
};

}  // namespace vc::control
