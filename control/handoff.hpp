#pragma once
// Where a call's work runs and how the call is answered: the one place that moves work to the
// worker threads and the daemon's loop (LoopBridge) and brings results and errors back.

#include <chrono>
#include <cstdint>
#include <exception>
#include <functional>
#include <memory>
#include <optional>
#include <utility>

#include "control/api_call.hpp"

namespace boost::asio {
class io_context;
class thread_pool;
}  // namespace boost::asio

namespace vc::control {

class LoopActions;
class LoopBridge;

/// Created and called on the server's thread; each callback runs where its name says.
class Handoff {
  public:
    /// `changed` is called on the server's thread whenever a change (POST, DELETE) is answered
    /// with success.
    Handoff(boost::asio::io_context& server, boost::asio::thread_pool& workers, LoopBridge& bridge,
            LoopActions& actions, std::function<void()> changed);
    ~Handoff();
    Handoff(const Handoff&) = delete;
    Handoff& operator=(const Handoff&) = delete;

    /// Answers `call` with `reply`; a call is answered once, later answers are dropped.
    void answer(const CallPtr& call, Reply reply);
    /// Answers with the error `error` holds: ApiError's status; a station file's error is 400
    /// for a change and 503 for a reading; anything else 500. A change refused to a known
    /// operator is recorded in the as-run log.
    void fail(const CallPtr& call, std::exception_ptr error);

    /// Runs `work` on a worker thread and answers with its reply.
    void on_worker(const CallPtr& call, std::function<Reply()> work);
    /// The same, one such job at a time: the jobs that wait for their turn hold no worker
    /// thread, so a queue of long computations (plans) leaves a worker free for other calls.
    void on_serial_worker(const CallPtr& call, std::function<Reply()> work);

    /// Runs `work` on the loop, then answers with `reply(result)` on the server's thread. A
    /// change is answered once the rows it wrote to the as-run log are on disk (see
    /// answer_when_logged).
    template <typename T>
    void on_loop(const CallPtr& call, std::function<T()> work, std::function<Reply(T)> reply) {
        auto ticket = std::make_shared<std::uint64_t>(0);
        ask_loop<T>(
            [this, ticket, work = std::move(work)] {
                T result = work();
                *ticket = log_ticket();
                return result;
            },
            [this, call, ticket, reply = std::move(reply)](T result) {
                auto shared = std::make_shared<T>(std::move(result));
                answer_when_logged(call, *ticket,
                                   [reply, shared] { return reply(std::move(*shared)); });
            },
            [this, call](std::exception_ptr error) { fail(call, error); });
    }

    /// Runs `work` on a worker thread, then `then(result)` on the loop, then answers with
    /// `reply(result)` on the server's thread, as on_loop does.
    template <typename T>
    void on_worker_then_loop(const CallPtr& call, std::function<T()> work,
                             std::function<void(const T&)> then,
                             std::function<Reply(const T&)> reply) {
        auto result = std::make_shared<std::optional<T>>();
        auto ticket = std::make_shared<std::uint64_t>(0);
        worker_job(
            call, [work = std::move(work), result] { result->emplace(work()); },
            [this, call, result, ticket, then = std::move(then), reply = std::move(reply)] {
                loop_job(
                    [this, result, ticket, then] {
                        then(**result);
                        *ticket = log_ticket();
                    },
                    [this, call, result, ticket, reply] {
                        answer_when_logged(call, *ticket,
                                           [reply, result] { return reply(**result); });
                    },
                    [this, call](std::exception_ptr error) { fail(call, error); });
            });
    }

    /// Asks the loop for a value that no single call owns: `done` or `failed` (503 when the
    /// loop does not answer in time) then runs on the server's thread.
    template <typename T>
    void ask_loop(std::function<T()> work, std::function<void(T)> done,
                  std::function<void(std::exception_ptr)> failed) {
        auto result = std::make_shared<std::optional<T>>();
        loop_job([work = std::move(work), result] { result->emplace(work()); },
                 [done = std::move(done), result] { done(std::move(**result)); },
                 std::move(failed));
    }

  private:
    /// The loop's thread: the ticket of the last as-run row queued so far.
    [[nodiscard]] std::uint64_t log_ticket() const;
    /// Answers with what `make` returns once the as-run log holds every row up to `ticket`
    /// (synced to disk), so that a change answered with success is on record even if the power
    /// fails a moment later. It waits at most `log_wait` (checking every 2 ms, holding no
    /// thread); when the log is held up longer (locked by another program, a failing disk) it
    /// answers anyway, with the header `X-Villagecast-Logged: pending` (the rows wait in order
    /// and status shows them). A reading, or a change with nothing to write, is answered at once.
    void answer_when_logged(const CallPtr& call, std::uint64_t ticket, std::function<Reply()> make);
    void loop_job(std::function<void()> work, std::function<void()> done,
                  std::function<void(std::exception_ptr)> failed);
    /// Runs `work` on a worker thread (through the serial queue when `serial`); then, on the
    /// server's thread, `next`, or fails the call with what `work` threw.
    void worker_job(const CallPtr& call, std::function<void()> work, std::function<void()> next,
                    bool serial = false);
    void worker_reply(const CallPtr& call, std::function<Reply()> work, bool serial);
    /// Answers with what `make` returns, or with the error it throws.
    void answer_with(const CallPtr& call, const std::function<Reply()>& make);

    boost::asio::io_context& server_;
    boost::asio::thread_pool& workers_;
    struct Serial;  // a strand of the workers
    std::unique_ptr<Serial> serial_;
    LoopBridge& bridge_;
    LoopActions& actions_;
    std::function<void()> changed_;
    static constexpr std::chrono::milliseconds log_wait{1000};
};

}  // namespace vc::control
