#include "scheduler/broadcast_parser.hpp"

#include <algorithm>

#include "scheduler/broadcast_keys.hpp"
#include "scheduler/date_text.hpp"
#include "scheduler/schedule_checks.hpp"

namespace vc::scheduler {

std::optional<Broadcast> parse_broadcast(TomlTable& t, const ScheduleContext& ctx) {
    Diagnostics& diags = t.diagnostics();
    const auto errors_before = diags.error_count();
    Broadcast b;
    b.file = t.file();
    b.pos = t.pos();
    b.id_pos = t.pos_of_key("id");

    read_what_it_airs(t, ctx, b);

    // When it airs.
    auto& f = b.rule.days;
    bool at_ok = true;
    const std::vector<AtValue> at_values = read_at(t, at_ok);
    const bool has_at = t.has("at");
    const bool one_shot = std::any_of(at_values.begin(), at_values.end(),
                                      [](const AtValue& v) { return v.one_shot; });

    std::optional<CronExpr> cron;
    if (auto text = t.get_string("cron")) {
        try {
            cron = CronExpr::parse(*text);
        } catch (const CronError& e) {
            auto at = t.pos_of_key("cron");
            at.column += 1 + static_cast<int>(e.offset());  // past the opening quote
            t.error(at, std::string("`cron`: ") + e.what());
        }
    }
    const bool has_cron = t.has("cron");

    if (const auto* n = t.get_node("days")) {
        (void)read_days(t, *n, f);
    }
    if (const auto* n = t.get_node("monthdays")) {
        (void)read_monthdays(t, *n, f);
    }
    bool dates_ok = true;
    auto dates = read_dates_key(t, "dates", dates_ok);
    if (dates && dates->empty() && dates_ok) {
        t.error_at("dates", "`dates` lists no date; write at least one, such as [\"2026-12-08\"]");
    }
    if (auto s = t.get_string("season")) {
        auto it = ctx.seasons.find(*s);
        if (it == ctx.seasons.end()) {
            std::vector<std::string> names;
            for (const auto& [name, season] : ctx.seasons) {
                names.push_back(name);
            }
            t.error_at("season", "unknown season " + in_quotes(*s) + " (station.toml declares " +
                                     (names.empty() ? std::string("no seasons") : join(names)) +
                                     ")");
        } else {
            f.season = it->second;
            f.season->name = *s;
        }
    }
    auto from = read_date_key(t, "from");
    auto until = read_date_key(t, "until");
    if (from) {
        f.from = from->day;
    }
    if (until) {
        f.until = until->day;
    }
    if (from && until && until->day < from->day) {
        t.error(until->pos, "`until` (" + format_date(until->day) + ") is before `from` (" +
                                format_date(from->day) + ")");
    }
    bool except_ok = true;
    if (auto ex = read_dates_key(t, "except", except_ok)) {
        f.except = sorted_days(*ex);
    }

    t.report_unknown_keys();

    // Which fields go together.
    if (has_cron) {
        for (std::string_view key : {"at", "days", "monthdays", "dates"}) {
            if (t.has(key)) {
                t.error_at(key,
                           "`" + std::string(key) +
                               "` cannot be used with `cron`: the cron expression sets its own "
                               "times and days (use one or the other)");
            }
        }
    } else if (!has_at) {
        t.error(t.pos(),
                "this [[broadcast]] needs when it airs: `at` (times of day, or one date "
                "and time) or `cron`");
    }
    if (one_shot && !has_cron) {
        if (at_values.size() > 1 || (t.get_node("at") && t.get_node("at")->is_array() &&
                                     t.get_node("at")->as_array()->size() > 1)) {
            t.error_at("at",
                       "a one-shot `at` takes one date and time only; write a "
                       "[[broadcast]] for each, or `dates` with times of day in `at`");
        }
        for (std::string_view key : {"days", "monthdays", "dates", "season"}) {
            if (t.has(key)) {
                t.error_at(key, "`" + std::string(key) + "` cannot be used with a one-shot `at` (" +
                                    "a date and time); give `at` times of day instead");
            }
        }
    }
    if (!one_shot && !has_cron && t.has("dates")) {
        for (std::string_view key : {"days", "monthdays", "season"}) {
            if (t.has(key)) {
                t.warning(t.pos_of_key(key), "`" + std::string(key) +
                                                 "` is ignored: `dates` replaces `days`, "
                                                 "`monthdays` and `season`");
            }
        }
    }

    // Build the rule.
    if (has_cron && cron) {
        b.rule.kind = RuleKind::cron;
        b.rule.at = cron->times();
        b.rule.cron = std::move(cron);
    } else if (one_shot && at_values.size() == 1) {
        b.rule.kind = RuleKind::one_shot;
        const auto when = at_values.front().when;
        const auto day = date::floor<date::days>(when);
        b.rule.one_shot = when;
        b.rule.at = {when - day};
        f.has_dates = true;
        f.dates = {day};
    } else if (!one_shot && at_ok) {
        b.rule.kind = RuleKind::times;
        for (const auto& v : at_values) {
            b.rule.at.push_back(v.time_of_day);
        }
        std::sort(b.rule.at.begin(), b.rule.at.end());
        b.rule.at.erase(std::unique(b.rule.at.begin(), b.rule.at.end()), b.rule.at.end());
        if (dates) {
            f.has_dates = true;
            f.dates = sorted_days(*dates);
        }
    }
    if (f.has_dates) {
        // `dates` replaces days, monthdays and season.
        f.kind = DayKind::daily;
        f.weekday_mask = 0x7f;
        f.monthday_mask = 0;
        f.season.reset();
    }

    if (diags.error_count() != errors_before) {
        return std::nullopt;
    }

    // Checks that look ahead from today.
    if (auto years = uncovered_years(b.rule, ctx); !years.empty()) {
        std::string list;
        std::string files;
        for (const auto y : years) {
            list += (list.empty() ? "" : ", ") + std::to_string(y);
            files += (files.empty() ? "" : ", ") + ("calendars/" + std::to_string(y) + ".toml");
        }
        const auto kind = f.kind == DayKind::workdays ? "workdays" : "restdays";
        t.error_at("days", "`days = \"" + std::string(kind) +
                               "\"` follows the office calendar, but no calendar file covers " +
                               list + ", which this broadcast can reach" +
                               (f.until ? " (it runs until " + format_date(*f.until) + ")"
                                        : std::string(" within the next year")) +
                               "; add " + files);
        return std::nullopt;
    }
    if (!ctx.warnings) {
        return b;
    }
    if (b.rule.kind == RuleKind::one_shot && *b.rule.one_shot < date::local_seconds{ctx.today}) {
        t.warning(t.pos_of_key("at"), "`" + b.id + "` at " + format_local(*b.rule.one_shot) +
                                          " is already past (today is " + format_date(ctx.today) +
                                          "); it will not air");
    } else if (auto why = never_airs(b, ctx)) {
        t.warning(t.pos(), *why);
    }
    return b;
}

}  // namespace vc::scheduler
