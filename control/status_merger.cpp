// Merging concurrent GET /api/status requests into one question to the daemon's loop.
#include "control/status_merger.hpp"

#include <chrono>

#include "control/api_json.hpp"
#include "control/handoff.hpp"
#include "control/loop_actions.hpp"

namespace vc::control {

StatusMerger::StatusMerger(Handoff& handoff, LoopActions& actions, std::string version,
                           Instant started)
    : handoff_(handoff), actions_(actions), version_(std::move(version)), started_(started) {}

void StatusMerger::request(const CallPtr& call) {
    waiters_.emplace_back(call, generation_);
    if (!in_flight_) fetch();
}

void StatusMerger::fetch() {
    in_flight_ = true;
    std::uint64_t generation = generation_;
    handoff_.ask_loop<StatusSnapshot>([&actions = actions_] { return actions.status(); },
                                      [this, generation](StatusSnapshot snapshot) {
                                          in_flight_ = false;
                                          answer_all(snapshot, generation);
                                      },
                                      [this](std::exception_ptr error) {
                                          in_flight_ = false;
                                          fail_all(error);
                                      });
}

void StatusMerger::answer_all(const StatusSnapshot& snapshot, std::uint64_t generation) {
    auto uptime = std::chrono::duration_cast<std::chrono::seconds>(snapshot.now - started_);
    std::string body = status_json(snapshot, version_, uptime.count())
                           .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    std::vector<std::pair<CallPtr, std::uint64_t>> later;
    auto waiters = std::exchange(waiters_, {});
    for (auto& [call, seen] : waiters) {
        if (seen > generation) {
            later.emplace_back(call, seen);
            continue;
        }
        handoff_.answer(call, json_text_reply(http::status::ok, body));
    }
    waiters_ = std::move(later);
    if (!waiters_.empty()) fetch();
}

void StatusMerger::fail_all(std::exception_ptr error) {
    auto waiters = std::exchange(waiters_, {});
    for (auto& [call, seen] : waiters) handoff_.fail(call, error);
}

}  // namespace vc::control
