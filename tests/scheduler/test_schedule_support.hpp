#pragma once
// Helpers shared by the schedule tests: contexts, schedules from text, instants and local
// times written the way people read them.

#include <string>
#include <vector>

#include <date/tz.h>
#include <catch2/catch.hpp>

#include "scheduler/calendar_set.hpp"
#include "scheduler/date_text.hpp"
#include "scheduler/local_time.hpp"
#include "scheduler/schedule.hpp"
#include "scheduler/schedule_file.hpp"

namespace vc::scheduler::test {

inline date::local_days day(int y, unsigned m, unsigned d) {
    return date::local_days{date::year{y} / date::month{m} / date::day{d}};
}

/// A UTC instant.
inline Instant utc(int y, unsigned m, unsigned d, int h = 0, int min = 0, int s = 0) {
    return Instant{date::sys_days{date::year{y} / date::month{m} / date::day{d}}} +
           std::chrono::hours(h) + std::chrono::minutes(min) + std::chrono::seconds(s);
}

/// An instant given as local time in `zone`.
inline Instant local(const std::string& zone, int y, unsigned m, unsigned d, int h = 0,
                     int min = 0) {
    return to_instant(find_zone(zone), date::local_seconds{day(y, m, d)} + std::chrono::hours(h) +
                                           std::chrono::minutes(min));
}

/// A calendar with China's 2026 National Day week: 10-01..10-07 off, Sunday 09-20 and
/// Saturday 10-10 worked. Only 2026 is covered.
inline CalendarSet calendar_2026() {
    CalendarSet c;
    c.add_year(2026, "calendars/2026.toml");
    for (unsigned d = 1; d <= 7; ++d) c.add_holiday(day(2026, 10, d), "国庆节");
    c.add_makeup_workday(day(2026, 9, 20), "国庆节");
    c.add_makeup_workday(day(2026, 10, 10), "国庆节");
    return c;
}

/// Zones north/south, seasons summer (05-01..09-30) and winter (11-01..02-29), playlists
/// "news", "weather", "policy-digest", "meeting-call"; clips "chime" (ok),
/// "emergency/flood-drill" (ok), "broken" (its problem: "truncated file"); today 2026-09-01;
/// Asia/Shanghai; the 2026 calendar.
inline ScheduleContext context() {
    ScheduleContext ctx;
    ctx.timezone = "Asia/Shanghai";
    ctx.zones = {"north", "south"};
    ctx.seasons["summer"] = Season{"summer", date::May / 1, date::September / 30};
    ctx.seasons["winter"] = Season{"winter", date::November / 1, date::February / 29};
    ctx.calendars = calendar_2026();
    ctx.playlist_exists = [](const std::string& name) {
        return name == "news" || name == "weather" || name == "policy-digest" ||
               name == "meeting-call";
    };
    ctx.clip_problem = [](const std::string& id) -> std::optional<std::string> {
        if (id == "chime" || id == "emergency/flood-drill") return std::nullopt;
        if (id == "broken") return std::string("truncated file");
        return std::string("missing");
    };
    ctx.today = day(2026, 9, 1);
    return ctx;
}

/// Every diagnostic as `file:line:col: severity: message`.
inline std::vector<std::string> messages(const Diagnostics& d) {
    std::vector<std::string> out;
    for (const auto& item : d.items()) out.push_back(item.str());
    return out;
}

/// The same, one per line.
inline std::string all_text(const Diagnostics& d) {
    std::string out;
    for (const auto& m : messages(d)) out += m + "\n";
    return out;
}

inline ScheduleFile parse(const std::string& text, const ScheduleContext& ctx = context(),
                          const std::string& name = "schedule.toml") {
    return load_schedule_text(text, name, ctx);
}

/// The diagnostics of a one-broadcast file "[[broadcast]]\nid = \"b\"\n" + lines.
inline std::vector<std::string> problems(const std::string& lines,
                                         const ScheduleContext& ctx = context()) {
    return messages(parse("[[broadcast]]\nid = \"b\"\n" + lines, ctx).diagnostics);
}

/// Lines of a broadcast's body and the diagnostics they must give, for table-driven tests.
struct ProblemCase {
    std::string lines;
    std::vector<std::string> expected;
};

/// CHECKs that each case's `problems(prefix + lines)` are exactly its expected diagnostics.
inline void check_problems(const std::string& prefix, const std::vector<ProblemCase>& cases) {
    for (const auto& c : cases) {
        INFO(prefix + c.lines);
        CHECK(problems(prefix + c.lines) == c.expected);
    }
}

/// CHECKs that each case's whole file text (`lines`) gives exactly its expected diagnostics.
inline void check_file_problems(const std::vector<ProblemCase>& cases) {
    for (const auto& c : cases) {
        INFO(c.lines);
        CHECK(messages(parse(c.lines).diagnostics) == c.expected);
    }
}

/// What the schedule's messages say a value of `days` or `at` may be, and why a field cannot
/// stand beside `cron` or a one-shot `at`.
inline const std::string days_help =
    "\"daily\", \"weekdays\", \"weekends\", \"workdays\", \"restdays\", or a list of day names "
    "such as [\"mon\", \"wed\", \"sat\"]";
inline const std::string at_help =
    "a time of day such as \"07:00\" or \"18:30:15\", a list of them, or one local date and "
    "time such as \"2026-12-03 19:30\"";
inline const std::string with_cron =
    " cannot be used with `cron`: the cron expression sets its own times and days (use one or "
    "the other)";
inline const std::string with_one_shot =
    " cannot be used with a one-shot `at` (a date and time); give `at` times of day instead";

/// A schedule from one file's text that must load without error.
/// `ctx` without its zones: a schedule built with it has one occurrence per broadcast and
/// instant, on the station's one output (the recurrence tests count instants, not zones).
inline ScheduleContext one_output(ScheduleContext ctx) {
    ctx.zones.clear();
    ctx.zone_groups.clear();
    return ctx;
}

/// The schedule of one file, checked against `ctx`, on one output.
inline Schedule schedule_of(const std::string& text, const ScheduleContext& ctx = context()) {
    auto file = parse(text, ctx);
    const auto problems = all_text(file.diagnostics);
    INFO(problems);
    REQUIRE(file.ok());
    return Schedule(std::vector<ScheduleFile>{file}, one_output(ctx));
}

/// "YYYY-MM-DD HH:MM[:SS] id" for each occurrence in [from, to), in the schedule's zone.
inline std::vector<std::string> airings(const Schedule& s, Instant from, Instant to) {
    std::vector<std::string> out;
    for (const auto& o : s.between(from, to)) {
        const auto lt = date::floor<std::chrono::seconds>(to_local(s.zone(), o.scheduled));
        out.push_back(format_local(lt) + " " + o.broadcast_id);
    }
    return out;
}

/// The local dates on which the schedule has occurrences in [from, to), once each.
inline std::vector<std::string> dates_of(const Schedule& s, Instant from, Instant to) {
    std::vector<std::string> out;
    for (const auto& o : s.between(from, to)) {
        auto d = format_date(local_date_of(s.zone(), o.scheduled));
        if (out.empty() || out.back() != d) out.push_back(d);
    }
    return out;
}

}  // namespace vc::scheduler::test
