#pragma once
// The control API's routes: who may do what, reading each request's fields, and where the
// work happens. The server's thread checks the token and the fields; files and the as-run log
// are read on worker threads; changes run on the daemon's loop through the LoopBridge. Every
// answer comes back on the server's thread.

#include <cstdint>
#include <filesystem>
#include <functional>
#include <mutex>
#include <string>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/thread_pool.hpp>

#include "control/http_reply.hpp"
#include "control/login_counter.hpp"
#include "control/loop_actions.hpp"
#include "control/loop_bridge.hpp"
#include "control/operator_auth.hpp"
#include "core/clock.hpp"

namespace vc::control {

/// What the routes need to know of the station and the server.
struct RouterSettings {
    std::filesystem::path station;   ///< the station folder
    std::filesystem::path web_root;  ///< the console's files; empty: none
    std::uint64_t upload_limit = 64'000'000;
    std::string version;
    Instant started{};  ///< when the daemon started (uptime)
};

/// Server thread only (its work posts to the workers and the loop and comes back).
class ApiRouter {
  public:
    using Done = std::function<void(Reply)>;

    ApiRouter(RouterSettings settings, boost::asio::io_context& server,
              boost::asio::thread_pool& workers, LoopBridge& bridge, LoopActions& actions,
              const Clock& clock);

    /// Answers `request` from `peer` (its IP address) through `done`, exactly once, on the
    /// server's thread. Never throws.
    void handle(Request request, const std::string& peer, Done done);

    /// Refused logins counted so far.
    LoginCounter& logins() { return logins_; }

  private:
    struct Call;
    void api(const std::shared_ptr<Call>& call);
    void static_file(const std::shared_ptr<Call>& call);
    void status(const std::shared_ptr<Call>& call);
    void plan(const std::shared_ptr<Call>& call);
    void airings(const std::shared_ptr<Call>& call, bool csv);
    void broadcast(const std::shared_ptr<Call>& call);
    void upload(const std::shared_ptr<Call>& call);
    void clip_audio(const std::shared_ptr<Call>& call, const std::string& id);
    void delete_clip(const std::shared_ptr<Call>& call, const std::string& id);

    /// Runs `work` on a worker thread and answers with its reply (or the error it threw).
    void on_worker(const std::shared_ptr<Call>& call, std::function<Reply()> work);
    /// Runs `work` on the loop and answers with `reply(result)` (or the error it threw).
    template <typename T>
    void on_loop(const std::shared_ptr<Call>& call, std::function<T()> work,
                 std::function<Reply(T)> reply);
    /// Answers with an error; a refused change by a known operator is logged.
    void fail(const std::shared_ptr<Call>& call, std::exception_ptr error);
    void answer(const std::shared_ptr<Call>& call, Reply reply);
    void answer_statuses(const StatusSnapshot& snapshot, std::uint64_t generation);
    void fetch_status();

    RouterSettings settings_;
    boost::asio::io_context& server_;
    boost::asio::thread_pool& workers_;
    LoopBridge& bridge_;
    LoopActions& actions_;
    const Clock& clock_;
    OperatorAuth auth_;
    LoginCounter logins_;
    /// Worker threads scan the library one at a time (a scan may rewrite its index file) and
    /// store one upload at a time.
    std::mutex files_mutex_;

    // /api/status: requests that arrive while the loop is asked join that answer; a change
    // made since a request arrived makes it wait for a fresh one.
    std::vector<std::pair<std::shared_ptr<Call>, std::uint64_t>> status_waiters_;
    bool status_in_flight_ = false;
    std::uint64_t generation_ = 0;  ///< counts completed changes
};

}  // namespace vc::control
