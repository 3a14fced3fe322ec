#pragma once
// The question the scheduler answers, lazily and with no clock of its own:
// "after instant t, what comes due next?"

#include <optional>
#include <vector>

#include "core/instant.hpp"
#include "scheduler/occurrence.hpp"

namespace vc::scheduler {

/// A source of occurrences in time order. Implementations compute lazily: asking about next
/// week does not expand last year. Thread: whoever owns it (the daemon's loop, or plan).
class OccurrenceSource {
  public:
    virtual ~OccurrenceSource() = default;
    /// The earliest scheduled instant strictly after `t`, or nullopt when nothing ever comes due.
    [[nodiscard]] virtual std::optional<Instant> next_after(Instant t) const = 0;
    /// Every occurrence with from <= scheduled < to, ordered by (scheduled, broadcast_id).
    [[nodiscard]] virtual std::vector<Occurrence> between(Instant from, Instant to) const = 0;
};

}  // namespace vc::scheduler
