// Moving a call's work to the worker threads and the daemon's loop, and answering the call.
#include "control/handoff.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>

#include "control/api_error.hpp"
#include "control/loop_actions.hpp"
#include "control/loop_bridge.hpp"
#include "core/diagnostic.hpp"

namespace vc::control {

struct Handoff::Serial {
    explicit Serial(boost::asio::thread_pool& workers) : strand(workers.get_executor()) {}
    boost::asio::strand<boost::asio::thread_pool::executor_type> strand;
};

Handoff::Handoff(boost::asio::io_context& server, boost::asio::thread_pool& workers,
                 LoopBridge& bridge, LoopActions& actions, std::function<void()> changed)
    : server_(server),
      workers_(workers),
      serial_(std::make_unique<Serial>(workers)),
      bridge_(bridge),
      actions_(actions),
      changed_(std::move(changed)) {}

Handoff::~Handoff() = default;

void Handoff::answer(const CallPtr& call, Reply reply) {
    if (call->answered) return;
    call->answered = true;
    if (call->change) changed_();
    call->done(std::move(reply));
}

void Handoff::fail(const CallPtr& call, std::exception_ptr error) {
    int status = 500;
    int retry_after_s = 0;
    std::string message;
    try {
        std::rethrow_exception(error);
    } catch (const ApiError& e) {
        status = e.status();
        retry_after_s = e.retry_after_s();
        message = e.what();
    } catch (const DiagnosticError& e) {
        status = call->change ? 400 : 503;
        message = e.what();
    } catch (const UserError& e) {
        status = call->change ? 400 : 503;
        message = e.what();
    } catch (const std::exception& e) {
        message = std::string("the daemon could not do it: ") + e.what();
    }
    if (call->op && call->change && status >= 400 && status < 500) {
        std::string detail =
            std::string(call->request.method_string()) + " " + call->target.path + ": " + message;
        loop_job(
            [&actions = actions_, who = call->op->name, detail] { actions.refused(who, detail); },
            [] {}, [](std::exception_ptr) {});
    }
    auto reply = error_reply(status, message);
    if (status == 401)
        std::get<StringResponse>(reply.message).set(http::field::www_authenticate, "Bearer");
    if (retry_after_s > 0)
        std::get<StringResponse>(reply.message)
            .set(http::field::retry_after, std::to_string(retry_after_s));
    if (status == 405) {
        // The allowed methods are the message's list.
        auto pos = message.find("takes ");
        if (pos != std::string::npos)
            std::get<StringResponse>(reply.message)
                .set(http::field::allow, message.substr(pos + 6));
    }
    call->change = false;  // a refusal changes nothing
    answer(call, std::move(reply));
}

void Handoff::on_worker(const CallPtr& call, std::function<Reply()> work) {
    worker_reply(call, std::move(work), false);
}

void Handoff::on_serial_worker(const CallPtr& call, std::function<Reply()> work) {
    worker_reply(call, std::move(work), true);
}

void Handoff::worker_reply(const CallPtr& call, std::function<Reply()> work, bool serial) {
    auto reply = std::make_shared<std::optional<Reply>>();
    worker_job(
        call, [work = std::move(work), reply] { reply->emplace(work()); },
        [this, call, reply] { answer(call, std::move(**reply)); }, serial);
}

void Handoff::loop_job(std::function<void()> work, std::function<void()> done,
                       std::function<void(std::exception_ptr)> failed) {
    bridge_.call<bool>(
        [work = std::move(work)] {
            work();
            return true;
        },
        [done = std::move(done)](bool) { done(); }, std::move(failed));
}

void Handoff::worker_job(const CallPtr& call, std::function<void()> work,
                         std::function<void()> next, bool serial) {
    auto job = [this, call, work = std::move(work), next = std::move(next)]() mutable {
        std::exception_ptr error;
        try {
            work();
        } catch (...) {
            error = std::current_exception();
        }
        // What the work held (a plan's place in its budget) goes with the job, not later.
        work = nullptr;
        boost::asio::post(server_, [this, call, error, next = std::move(next)] {
            if (error) return fail(call, error);
            next();
        });
    };
    if (serial)
        boost::asio::post(serial_->strand, std::move(job));
    else
        boost::asio::post(workers_, std::move(job));
}

std::uint64_t Handoff::log_ticket() const {
    return actions_.log_ticket();
}

void Handoff::answer_when_logged(const CallPtr& call, std::uint64_t ticket,
                                 std::function<Reply()> make) {
    if (!call->change || actions_.logged_through() >= ticket) return answer_with(call, make);
    struct Wait {
        explicit Wait(boost::asio::io_context& io) : timer(io) {}
        boost::asio::steady_timer timer;
        std::chrono::steady_clock::time_point give_up;
    };
    auto wait = std::make_shared<Wait>(server_);
    wait->give_up = std::chrono::steady_clock::now() + log_wait;
    auto check = std::make_shared<std::function<void()>>();
    *check = [this, call, ticket, make = std::move(make), wait, weak = std::weak_ptr(check)] {
        const bool logged = actions_.logged_through() >= ticket;
        if (logged || std::chrono::steady_clock::now() >= wait->give_up) {
            answer_with(call, [&] {
                Reply reply = make();
                if (!logged)
                    if (auto* r = std::get_if<StringResponse>(&reply.message))
                        r->set("X-Villagecast-Logged", "pending");
                return reply;
            });
            return;
        }
        // The pending wait holds the check alive; the check holds only a weak reference to
        // itself, so nothing is left once it answers.
        wait->timer.expires_after(std::chrono::milliseconds(2));
        wait->timer.async_wait([again = weak.lock()](const boost::system::error_code& ec) {
            if (again && !ec) (*again)();
        });
    };
    (*check)();
}

void Handoff::answer_with(const CallPtr& call, const std::function<Reply()>& make) {
    try {
        answer(call, make());
    } catch (...) {
        fail(call, std::current_exception());
    }
}

}  // namespace vc::control
