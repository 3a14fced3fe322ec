#pragma once
// One [[broadcast]] of a schedule file, parsed and checked: what airs, when, and how it yields.

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include <date/date.h>

#include "core/duration.hpp"
#include "core/toml_reader.hpp"
#include "scheduler/cron_expr.hpp"
#include "scheduler/day_filter.hpp"
#include "scheduler/priority.hpp"

namespace vc::scheduler {

/// How a broadcast's airing times are written.
enum class RuleKind {
    times,     ///< `at` times of day on the days of `days`/`monthdays`/`dates`/`season`
    one_shot,  ///< `at = "YYYY-MM-DD HH:MM"`: once
    cron,      ///< `cron = "..."`
};

/// When a broadcast airs, in local time: on each day the day rule (and the cron's day fields)
/// accept, at each time of `at`. A one-shot is the day rule "dates = [its date]" with one time.
/// Plain data; thread-safe to read.
struct Rule {
    RuleKind kind = RuleKind::times;
    DayFilter days;
    std::vector<std::chrono::seconds> at;  ///< times of day, ascending, unique (cron: its times)
    std::optional<CronExpr> cron;          ///< for RuleKind::cron
    std::optional<date::local_seconds> one_shot;  ///< for RuleKind::one_shot

    /// Whether the broadcast airs on `day`; `unknown` when the office calendar does not cover it.
    [[nodiscard]] DayMatch matches(date::local_days day, const CalendarSet& calendars) const {
        if (cron && !cron->matches_day(day)) {
            return DayMatch::no;
        }
        return days.matches(day, calendars);
    }
};

/// One broadcast. Plain data; thread-safe to read.
struct Broadcast {
    std::string id;        ///< unique across every schedule file of the station
    std::string playlist;  ///< what airs: a playlist name, or empty when `clip` is set
    std::string clip;      ///< a clip id, or empty
    /// The notice it speaks (`text = "…"`), or empty; `clip` is then the clip the station spoke
    /// it into (ScheduleContext::speak).
    std::string text;
    Rule rule;
    Priority priority = Priority::routine;
    Millis late{std::chrono::minutes(10)};  ///< how late it may still start; later it is missed
    std::vector<std::string> zones{"all"};  ///< where it is heard; "all" is every zone
    /// The zones `zones` reaches, in station.toml's order, its groups and "all" resolved
    /// (Schedule fills it from its context); empty on a station without zones.
    std::vector<std::string> reach;
    std::string file;  ///< the schedule file's display name ("schedule.d/a.toml")
    SourcePos pos;     ///< where its [[broadcast]] header is
    SourcePos id_pos;  ///< where its `id` value is

    /// "schedule.d/a.toml:12:1" (its header), for messages.
    [[nodiscard]] std::string place() const {
        return file + ":" + std::to_string(pos.line) + ":" + std::to_string(pos.column);
    }
    /// "schedule.d/a.toml:13:6" (its id), for messages about the id.
    [[nodiscard]] std::string id_place() const {
        return file + ":" + std::to_string(id_pos.line) + ":" + std::to_string(id_pos.column);
    }
};

}  // namespace vc::scheduler
