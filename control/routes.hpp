#pragma once
// The control API's handlers, one file per resource (routes_*.cpp), and what they share: the
// station's settings, the hand-off to the workers and the loop, and the status merger.

#include <functional>
#include <mutex>
#include <string>
#include <utility>

#include "control/api_call.hpp"
#include "control/handoff.hpp"
#include "control/plan_budget.hpp"
#include "control/router_settings.hpp"

namespace vc {
class Clock;
}

namespace vc::control {

class LoopActions;
class StatusMerger;

/// What every handler may use; the server's thread only, except `files`.
struct RouteContext {
    RouteContext(const RouterSettings& settings_in, Handoff& handoff_in, LoopActions& actions_in,
                 StatusMerger& status_in, const Clock& clock_in)
        : settings(settings_in),
          handoff(handoff_in),
          actions(actions_in),
          status(status_in),
          clock(clock_in) {}

    const RouterSettings& settings;
    Handoff& handoff;
    LoopActions& actions;  ///< used on the loop only (through `handoff`)
    StatusMerger& status;
    const Clock& clock;
    /// Held by the worker threads that read or write the station's files: library scans run
    /// one at a time (a scan may rewrite the index file), and so do uploads and deletions.
    std::mutex files;
    /// The plans being computed or sent, and the memory their answers hold.
    PlanBudget plans;

    /// Runs `work` on a worker thread holding `files`, and answers with its reply.
    void read_files(const CallPtr& call, std::function<Reply()> work) {
        handoff.on_worker(call, [this, work = std::move(work)] {
            std::lock_guard lock(files);
            return work();
        });
    }

    /// Runs `work(actions, the operator's name)` on the loop and answers with `reply(result)`.
    template <typename T>
    void operator_action(const CallPtr& call,
                         std::function<T(LoopActions&, const std::string& who)> work,
                         std::function<Reply(T)> reply) {
        handoff.on_loop<T>(
            call,
            [&loop_actions = actions, who = call->op->name, work = std::move(work)] {
                return work(loop_actions, who);
            },
            std::move(reply));
    }
};

namespace routes {

/// The most days GET /api/plan covers at once (two months; `villagecast plan` goes further).
constexpr int max_plan_days = 62;

// routes_operators.cpp
void whoami(RouteContext& context, const CallPtr& call);
// routes_status.cpp
void status(RouteContext& context, const CallPtr& call);
// routes_plan.cpp
void plan(RouteContext& context, const CallPtr& call);
// routes_airings.cpp
void airings(RouteContext& context, const CallPtr& call);
void airings_csv(RouteContext& context, const CallPtr& call);
// routes_clips.cpp
void library(RouteContext& context, const CallPtr& call);
void clip_audio(RouteContext& context, const CallPtr& call);
void upload_clip(RouteContext& context, const CallPtr& call);
void delete_clip(RouteContext& context, const CallPtr& call);
// routes_say.cpp
void say(RouteContext& context, const CallPtr& call);
// routes_playlists.cpp
void playlists(RouteContext& context, const CallPtr& call);
// routes_villages.cpp
void villages(RouteContext& context, const CallPtr& call);
// routes_broadcast.cpp
void broadcast(RouteContext& context, const CallPtr& call);
void remove_one_shot(RouteContext& context, const CallPtr& call);
void stop(RouteContext& context, const CallPtr& call);
// routes_page.cpp
void page(RouteContext& context, const CallPtr& call);
void end_page(RouteContext& context, const CallPtr& call);
// routes_station.cpp
void reload(RouteContext& context, const CallPtr& call);
// routes_static.cpp
void static_file(RouteContext& context, const CallPtr& call);

}  // namespace routes

}  // namespace vc::control
