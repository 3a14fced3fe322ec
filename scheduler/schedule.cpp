#include "scheduler/schedule.hpp"

#include <algorithm>

#include "scheduler/local_time.hpp"
#include "scheduler/recurrence.hpp"
#include "scheduler/zone_reach.hpp"

namespace vc::scheduler {

namespace {

std::vector<Broadcast> airing_broadcasts(const std::vector<ScheduleFile>& files,
                                         const ScheduleContext& ctx) {
    std::vector<Broadcast> out;
    for (const auto& f : files) {
        if (f.ok()) {
            out.insert(out.end(), f.broadcasts.begin(), f.broadcasts.end());
        }
    }
    for (auto& b : out) b.reach = zones_reached(b.zones, ctx);
    return out;
}

/// Ranges up to this long are answered from the queue when it is not ahead of them.
constexpr auto short_range = std::chrono::hours(24);

}  // namespace

Schedule::Schedule(const std::vector<ScheduleFile>& files, const ScheduleContext& ctx)
    : Schedule(airing_broadcasts(files, ctx), ctx.timezone, ctx.calendars) {}

Schedule::Schedule(std::vector<Broadcast> broadcasts, const std::string& zone_name,
                   CalendarSet calendars)
    : broadcasts_(std::move(broadcasts)),
      zone_(&find_zone(zone_name)),
      calendars_(std::move(calendars)) {
    std::stable_sort(broadcasts_.begin(), broadcasts_.end(),
                     [](const Broadcast& a, const Broadcast& b) { return a.id < b.id; });
    broadcasts_.erase(
        std::unique(broadcasts_.begin(), broadcasts_.end(),
                    [](const Broadcast& a, const Broadcast& b) { return a.id == b.id; }),
        broadcasts_.end());
}

const Broadcast* Schedule::find(std::string_view id) const {
    auto it = std::lower_bound(broadcasts_.begin(), broadcasts_.end(), id,
                               [](const Broadcast& b, std::string_view v) { return b.id < v; });
    return it != broadcasts_.end() && it->id == id ? &*it : nullptr;
}

std::optional<Instant> Schedule::next_of(std::string_view id, Instant t) const {
    const auto* b = find(id);
    if (!b) {
        return std::nullopt;
    }
    return scheduler::next_after(b->rule, t, *zone_, calendars_);
}

void Schedule::advance_to(Instant t) const {
    if (!cursor_ || t < *cursor_) {
        queue_.clear();
        for (std::size_t i = 0; i < broadcasts_.size(); ++i) {
            if (auto n = scheduler::next_after(broadcasts_[i].rule, t, *zone_, calendars_)) {
                queue_.emplace(*n, i);
            }
        }
    } else {
        while (!queue_.empty() && queue_.begin()->first <= t) {
            const auto i = queue_.begin()->second;
            queue_.erase(queue_.begin());
            if (auto n = scheduler::next_after(broadcasts_[i].rule, t, *zone_, calendars_)) {
                queue_.emplace(*n, i);
            }
        }
    }
    cursor_ = t;
}

std::optional<Instant> Schedule::next_after(Instant t) const {
    advance_to(t);
    if (queue_.empty()) {
        return std::nullopt;
    }
    return queue_.begin()->first;
}

void Schedule::add_occurrences(const Broadcast& b, Instant when, std::vector<Occurrence>& out) {
    if (b.reach.empty()) {
        out.push_back(occurrence_of(b, when));
        return;
    }
    for (const auto& zone : b.reach) {
        out.push_back(occurrence_of(b, when));
        out.back().zone = zone;
    }
}

Occurrence Schedule::occurrence_of(const Broadcast& b, Instant when) {
    Occurrence o;
    o.broadcast_id = b.id;
    o.scheduled = when;
    o.priority = b.priority;
    o.late = b.late;
    o.playlist = b.playlist;
    o.clip = b.clip;
    return o;
}

std::vector<Occurrence> Schedule::between(Instant from, Instant to) const {
    std::vector<Occurrence> out;
    if (to <= from) {
        return out;
    }
    std::vector<std::pair<Instant, std::size_t>> found;
    std::vector<Instant> instants;
    const auto before = from - Millis(1);
    if (to - from <= short_range && cursor_ && *cursor_ <= before) {
        // The queue holds each broadcast's next instant after `before`: only those due
        // before `to` can have occurrences in the range.
        advance_to(before);
        for (const auto& [when, i] : queue_) {
            if (when >= to) {
                break;
            }
            instants.clear();
            instants_between(broadcasts_[i].rule, from, to, *zone_, calendars_, instants);
            for (const auto w : instants) {
                found.emplace_back(w, i);
            }
        }
    } else {
        for (std::size_t i = 0; i < broadcasts_.size(); ++i) {
            instants.clear();
            instants_between(broadcasts_[i].rule, from, to, *zone_, calendars_, instants);
            for (const auto w : instants) {
                found.emplace_back(w, i);
            }
        }
    }
    // Broadcasts are sorted by id, so the index orders ties by id.
    std::sort(found.begin(), found.end());
    out.reserve(found.size());
    for (const auto& [when, i] : found) {
        add_occurrences(broadcasts_[i], when, out);
    }
    return out;
}

}  // namespace vc::scheduler
