#pragma once
// The station's schedule as an OccurrenceSource: every broadcast of every schedule file that
// loaded without error, expanded lazily in the station's time zone.
//
// next_after() keeps an ordered set of each broadcast's next instant after the last question,
// so asking again and again in time order (as the daemon and plan do) costs O(log n) per
// occurrence; asking about an earlier instant rebuilds the set (one short search per
// broadcast). between() walks each broadcast over the range and sorts once.

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <date/tz.h>

#include "scheduler/broadcast.hpp"
#include "scheduler/calendar_set.hpp"
#include "scheduler/occurrence_source.hpp"
#include "scheduler/schedule_context.hpp"
#include "scheduler/schedule_file.hpp"

namespace vc::scheduler {

/// Thread: one thread at a time (the const queries update a cache of next instants).
class Schedule final : public OccurrenceSource {
  public:
    /// The broadcasts of every file in `files` that has no error (a broken file is left out
    /// whole; the others still air), in `ctx.timezone` with `ctx.calendars`. When an id occurs
    /// twice (files not checked together by load_schedule) the first is kept.
    /// Throws UserError when the time zone is unknown.
    Schedule(const std::vector<ScheduleFile>& files, const ScheduleContext& ctx);

    /// The given broadcasts (first of a duplicated id kept). Throws UserError when the time
    /// zone is unknown.
    Schedule(std::vector<Broadcast> broadcasts, const std::string& zone_name,
             CalendarSet calendars);

    /// The earliest instant strictly after `t` at which any broadcast comes due.
    [[nodiscard]] std::optional<Instant> next_after(Instant t) const override;
    /// Every occurrence with from <= scheduled < to, ordered by (scheduled, broadcast_id), one
    /// per zone each broadcast reaches (in zone order).
    [[nodiscard]] std::vector<Occurrence> between(Instant from, Instant to) const override;
    /// Every occurrence scheduled exactly at `t`, ordered by broadcast_id.
    [[nodiscard]] std::vector<Occurrence> due_at(Instant t) const {
        return between(t, t + Millis(1));
    }

    /// The broadcast with this id, or nullptr.
    [[nodiscard]] const Broadcast* find(std::string_view id) const;
    /// The earliest instant strictly after `t` at which the broadcast `id` comes due; nullopt
    /// when it never does again or there is no such broadcast.
    [[nodiscard]] std::optional<Instant> next_of(std::string_view id, Instant t) const;
    /// Every broadcast, ordered by id.
    [[nodiscard]] const std::vector<Broadcast>& broadcasts() const { return broadcasts_; }
    [[nodiscard]] const date::time_zone& zone() const { return *zone_; }
    [[nodiscard]] const CalendarSet& calendars() const { return calendars_; }

    /// The occurrence of `b` at `when` (its zone unset).
    [[nodiscard]] static Occurrence occurrence_of(const Broadcast& b, Instant when);
    /// Appends `b`'s occurrences at `when`: one per zone it reaches, in zone order (one with no
    /// zone on a station without zones).
    static void add_occurrences(const Broadcast& b, Instant when, std::vector<Occurrence>& out);

  private:
    void advance_to(Instant t) const;

    std::vector<Broadcast> broadcasts_;  ///< sorted by id
    const date::time_zone* zone_;
    CalendarSet calendars_;
    /// (next instant after cursor_, index) of every broadcast that still comes due.
    mutable std::set<std::pair<Instant, std::size_t>> queue_;
    mutable std::optional<Instant> cursor_;
};

}  // namespace vc::scheduler
