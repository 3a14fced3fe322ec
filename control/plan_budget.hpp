#pragma once
// How much memory the console's plans may hold at once. A plan's answer is a JSON text in
// memory until it has been written to the client: each plan takes a place when it is asked for
// and reserves its body's bytes as they are written, and gives both back when the answer has
// been sent (or has failed). Over the budget the console answers 503 with Retry-After rather
// than grow; a plan too large for the whole budget is refused with 400.

#include <cstddef>
#include <memory>
#include <mutex>

namespace vc::control {

/// Shared by the server's thread (admit) and the workers (grow); any thread.
class PlanBudget {
  public:
    struct Limits {
        int plans = 4;                                 ///< plans asked for and not yet sent
        std::size_t bytes = std::size_t{64} << 20;     ///< their bodies together
        std::size_t trim_from = std::size_t{1} << 20;  ///< give memory back after a body this big
    };

    /// One plan's place in the budget; let go when its answer has been sent.
    class Ticket {
      public:
        ~Ticket();
        Ticket(const Ticket&) = delete;
        Ticket& operator=(const Ticket&) = delete;
        /// The plan's body has grown to `bytes`: reserves the growth. Throws ApiError(400) when
        /// this plan alone is larger than the budget, ApiError(503) with a Retry-After when the
        /// plans being sent hold too much of it.
        void grow(std::size_t bytes);

      private:
        friend class PlanBudget;
        struct State;
        explicit Ticket(std::shared_ptr<State> state) : state_(std::move(state)) {}
        std::shared_ptr<State> state_;
        std::size_t reserved_ = 0;
    };

    explicit PlanBudget(Limits limits);
    PlanBudget() : PlanBudget(Limits{}) {}

    /// A place for one more plan. Throws ApiError(503) with a Retry-After when `plans` plans
    /// are already being computed or sent.
    std::shared_ptr<Ticket> admit();

  private:
    std::shared_ptr<Ticket::State> state_;  // shared with the tickets, which may outlive it
};

}  // namespace vc::control
