#pragma once
// GET /api/status requests merged into one question to the loop at a time, each answered with
// a status no older than the last change answered before it arrived.

#include <cstdint>
#include <exception>
#include <string>
#include <utility>
#include <vector>

#include "control/api_call.hpp"
#include "core/instant.hpp"

namespace vc::control {

class Handoff;
class LoopActions;
struct StatusSnapshot;

/// Requests that arrive while the loop is asked share its answer; a change answered since a
/// request arrived makes that request wait for a fresh one (a client sees its own change).
/// Server thread only.
class StatusMerger {
  public:
    /// `version` and `started` (the daemon's) go into every answer.
    StatusMerger(Handoff& handoff, LoopActions& actions, std::string version, Instant started);

    /// Answers `call` with the status, through `handoff`, once the loop has told it.
    void request(const CallPtr& call);
    /// A change was answered: requests waiting from now on need a fresh status.
    void changed() { ++generation_; }

  private:
    void fetch();
    void answer_all(const StatusSnapshot& snapshot, std::uint64_t generation);
    void fail_all(std::exception_ptr error);

    Handoff& handoff_;
    LoopActions& actions_;
    std::string version_;
    Instant started_;
    std::vector<std::pair<CallPtr, std::uint64_t>> waiters_;  ///< with the generation they saw
    bool in_flight_ = false;
    std::uint64_t generation_ = 0;  ///< counts answered changes
};

}  // namespace vc::control
