// The console's plans' memory budget: places and bytes, given back when the answer is sent.
#include "control/plan_budget.hpp"

#include <malloc.h>

#include <string>

#include "control/api_error.hpp"

namespace vc::control {

namespace {

/// Bytes are reserved in steps of this many, so that a growing body takes the lock rarely.
constexpr std::size_t step = std::size_t{256} << 10;
/// Seconds a client is told to wait before asking again.
constexpr int retry_after_s = 5;

std::string megabytes(std::size_t bytes) {
    return std::to_string((bytes + (std::size_t{1} << 20) - 1) >> 20) + " MB";
}

}  // namespace

struct PlanBudget::Ticket::State {
    explicit State(Limits limits_in) : limits(limits_in) {}
    const Limits limits;
    std::mutex mutex;
    int plans = 0;
    std::size_t bytes = 0;
};

PlanBudget::PlanBudget(Limits limits) : state_(std::make_shared<Ticket::State>(limits)) {}

std::shared_ptr<PlanBudget::Ticket> PlanBudget::admit() {
    {
        std::lock_guard lock(state_->mutex);
        if (state_->plans >= state_->limits.plans)
            throw ApiError(503,
                           "the console is already computing or sending " +
                               std::to_string(state_->plans) +
                               " plans, as many as it does at once; try again in a few seconds",
                           retry_after_s);
        ++state_->plans;
    }
    return std::shared_ptr<Ticket>(new Ticket(state_));
}

void PlanBudget::Ticket::grow(std::size_t bytes) {
    if (bytes <= reserved_) return;
    auto& s = *state_;
    std::size_t wanted = (bytes + step - 1) / step * step;
    if (wanted > s.limits.bytes) {
        if (bytes > s.limits.bytes)
            throw ApiError(400, "this plan is larger than the " + megabytes(s.limits.bytes) +
                                    " the console sends at once: ask for fewer `days`, or run "
                                    "`villagecast plan --format json` on the station's computer");
        wanted = s.limits.bytes;
    }
    std::lock_guard lock(s.mutex);
    std::size_t more = wanted - reserved_;
    if (s.bytes + more > s.limits.bytes)
        throw ApiError(503,
                       "the console is sending other plans (" + megabytes(s.bytes) + " of its " +
                           megabytes(s.limits.bytes) + " for plans); try again in a few seconds",
                       retry_after_s);
    s.bytes += more;
    reserved_ = wanted;
}

PlanBudget::Ticket::~Ticket() {
    bool trim = false;
    {
        std::lock_guard lock(state_->mutex);
        state_->bytes -= reserved_;
        --state_->plans;
        trim = reserved_ >= state_->limits.trim_from;
    }
    // glibc keeps freed memory in its arenas (a worker thread's arena holds the body); a large
    // answer is rare, so giving it back to the system costs little.
    if (trim) malloc_trim(0);
}

}  // namespace vc::control
