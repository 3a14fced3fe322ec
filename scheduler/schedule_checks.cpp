#include "scheduler/schedule_checks.hpp"

#include <algorithm>
#include <map>

#include "scheduler/date_text.hpp"
#include "scheduler/zone_reach.hpp"

namespace vc::scheduler {

namespace {

bool zones_overlap(const std::vector<std::string>& a_named, const std::vector<std::string>& b_named,
                   const ScheduleContext& ctx) {
    if (ctx.zones.empty()) return true;  // one output: every broadcast is heard there
    const auto a = zones_reached(a_named, ctx);
    const auto b = zones_reached(b_named, ctx);
    return std::any_of(a.begin(), a.end(), [&](const std::string& z) {
        return std::find(b.begin(), b.end(), z) != b.end();
    });
}

}  // namespace

std::vector<int> uncovered_years(const Rule& rule, const ScheduleContext& ctx) {
    std::vector<int> years;
    if (!rule.days.needs_calendar()) {
        return years;
    }
    auto first = ctx.today;
    if (rule.days.from && *rule.days.from > first) {
        first = *rule.days.from;
    }
    const auto last = rule.days.until ? *rule.days.until : first + date::days{lookahead_days - 1};
    for (auto d = first; d <= last; d += date::days{1}) {
        if (!rule.days.matches_without_calendar(d) || ctx.calendars.covers(d)) {
            continue;
        }
        if (rule.cron && !rule.cron->matches_day(d)) {
            continue;
        }
        const int y = static_cast<int>(date::year_month_day{d}.year());
        if (years.empty() || years.back() != y) {
            years.push_back(y);
        }
        // Skip to the end of that year.
        d = date::local_days{date::year{y} / date::December / 31};
    }
    return years;
}

std::optional<std::string> never_airs(const Broadcast& b, const ScheduleContext& ctx) {
    const auto& rule = b.rule;
    if (rule.kind == RuleKind::one_shot) {
        const auto day = date::floor<date::days>(*rule.one_shot);
        if (day < ctx.today) {
            return std::nullopt;  // reported as past
        }
        if (rule.matches(day, ctx.calendars) == DayMatch::no) {
            return "`" + b.id + "` never airs: its date " + format_date(day) +
                   " is outside `from`/`until` or listed in `except`";
        }
        if (day > ctx.today + date::days{lookahead_days - 1})
            return "`" + b.id + "` does not air within a year: its date " + format_date(day) +
                   " is more than a year away (is the year right?)";
        return std::nullopt;
    }
    const auto last = ctx.today + date::days{lookahead_days - 1};
    for (auto d = ctx.today; d <= last; d += date::days{1}) {
        const auto m = rule.matches(d, ctx.calendars);
        if (m != DayMatch::no) {
            return std::nullopt;  // airs, or depends on a missing calendar
        }
    }
    std::string why;
    if (rule.days.until && *rule.days.until < ctx.today) {
        why = "its `until` (" + format_date(*rule.days.until) + ") is past";
    } else if (rule.days.from && *rule.days.from > last) {
        why = "its `from` (" + format_date(*rule.days.from) + ") is more than a year away";
    } else {
        why =
            "no day passes all of its day rules; check `days`, `monthdays`, `dates`, `season`, "
            "`from`, `until`, `except`" +
            std::string(rule.cron ? " and the cron's day and month fields" : "");
    }
    return "`" + b.id + "` does not air on any day from " + format_date(ctx.today) + " to " +
           format_date(last) + ": " + why;
}

void warn_collisions(const std::vector<CollisionCandidate>& candidates, const ScheduleContext& ctx,
                     bool across_files_only) {
    using Key = std::pair<std::vector<std::uint64_t>, std::vector<std::int64_t>>;
    std::map<Key, std::vector<std::size_t>> groups;
    for (std::size_t i = 0; i < candidates.size(); ++i) {
        const auto& rule = candidates[i].broadcast->rule;
        Key key;
        key.first.assign((lookahead_days + 63) / 64, 0);
        bool any = false;
        for (int k = 0; k < lookahead_days; ++k) {
            if (rule.matches(ctx.today + date::days{k}, ctx.calendars) == DayMatch::yes) {
                key.first[static_cast<std::size_t>(k / 64)] |= std::uint64_t{1} << (k % 64);
                any = true;
            }
        }
        if (!any) {
            continue;
        }
        for (const auto s : rule.at) {
            key.second.push_back(s.count());
        }
        groups[std::move(key)].push_back(i);
    }
    for (const auto& [key, members] : groups) {
        for (std::size_t a = 1; a < members.size(); ++a) {
            const auto& later = candidates[members[a]];
            for (std::size_t b = 0; b < a; ++b) {
                const auto& earlier = candidates[members[b]];
                if (across_files_only && earlier.file_index == later.file_index) {
                    continue;
                }
                if (!zones_overlap(earlier.broadcast->zones, later.broadcast->zones, ctx)) {
                    continue;
                }
                const auto& lb = *later.broadcast;
                later.diagnostics->warning(
                    lb.file, lb.pos.line, lb.pos.column,
                    "`" + lb.id + "` always comes due at the same instants as `" +
                        earlier.broadcast->id + "` (" + earlier.broadcast->place() +
                        "), on every day either airs in the next year: they compete every "
                        "time; move one of them or merge them");
                break;  // one warning per broadcast is enough
            }
        }
    }
}

}  // namespace vc::scheduler
