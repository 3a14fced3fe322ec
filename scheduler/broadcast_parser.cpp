#include "scheduler/broadcast_parser.hpp"

#include <algorithm>
#include <array>
#include <cctype>

#include "scheduler/date_text.hpp"
#include "scheduler/schedule_checks.hpp"
#include "scheduler/toml_dates.hpp"

namespace vc::scheduler {

namespace {

constexpr std::array<std::string_view, 7> short_days{"sun", "mon", "tue", "wed",
                                                     "thu", "fri", "sat"};
constexpr std::array<std::string_view, 7> long_days{"sunday",   "monday", "tuesday", "wednesday",
                                                    "thursday", "friday", "saturday"};
constexpr std::string_view days_help =
    "\"daily\", \"weekdays\", \"weekends\", \"workdays\", \"restdays\", or a list of day names "
    "such as [\"mon\", \"wed\", \"sat\"]";
constexpr std::string_view at_help =
    "a time of day such as \"07:00\" or \"18:30:15\", a list of them, or one local date and "
    "time such as \"2026-12-03 19:30\"";

std::string lower(std::string_view s) {
    std::string out(s);
    for (auto& c : out) {
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return out;
}

std::string in_quotes(std::string_view s) {
    return "\"" + std::string(s) + "\"";
}

std::optional<int> day_index(std::string_view name) {
    const auto l = lower(name);
    for (std::size_t i = 0; i < 7; ++i) {
        if (l == short_days[i] || l == long_days[i]) {
            return static_cast<int>(i);
        }
    }
    return std::nullopt;
}

std::string join(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& s : items) {
        out += (out.empty() ? "" : ", ") + s;
    }
    return out;
}

/// One value of `at`.
struct AtValue {
    bool one_shot = false;
    std::chrono::seconds time_of_day{0};
    date::local_seconds when{};
    SourcePos pos;
};

std::optional<AtValue> read_at_node(TomlTable& t, const toml::node& n) {
    AtValue v;
    v.pos = pos_of(n);
    if (const auto* s = n.as_string()) {
        const auto& text = s->get();
        if (auto tod = parse_time_of_day(text)) {
            v.time_of_day = *tod;
            return v;
        }
        if (auto dt = parse_local_date_time(text)) {
            v.one_shot = true;
            v.when = *dt;
            return v;
        }
        t.error(v.pos, "`at`: " + in_quotes(text) + " is not " + std::string(at_help));
        return std::nullopt;
    }
    if (const auto* tm = n.as_time()) {
        const auto& x = tm->get();
        if (x.nanosecond != 0 || x.hour > 23 || x.minute > 59 || x.second > 59) {
            t.error(v.pos, "`at`: write whole seconds, such as \"07:00\" or \"07:00:30\"");
            return std::nullopt;
        }
        v.time_of_day = std::chrono::hours(x.hour) + std::chrono::minutes(x.minute) +
                        std::chrono::seconds(x.second);
        return v;
    }
    if (const auto* dt = n.as_date_time()) {
        const auto& x = dt->get();
        if (x.offset) {
            t.error(v.pos,
                    "`at`: write the local date and time without a UTC offset, such as "
                    "\"2026-12-03 19:30\"; every time is in the station's time zone");
            return std::nullopt;
        }
        const date::year_month_day ymd{date::year{x.date.year}, date::month{x.date.month},
                                       date::day{x.date.day}};
        if (!ymd.ok() || x.time.nanosecond != 0) {
            t.error(v.pos,
                    "`at`: write a real date and whole seconds, such as \"2026-12-03 19:30\"");
            return std::nullopt;
        }
        v.one_shot = true;
        v.when = date::local_seconds{date::local_days{ymd}} + std::chrono::hours(x.time.hour) +
                 std::chrono::minutes(x.time.minute) + std::chrono::seconds(x.time.second);
        return v;
    }
    t.error(v.pos,
            "`at` must be " + std::string(at_help) + ", not " + std::string(toml_type_name(n)));
    return std::nullopt;
}

/// Reads `days` into the filter; false on a problem (reported).
bool read_days(TomlTable& t, const toml::node& n, DayFilter& f) {
    if (const auto* s = n.as_string()) {
        const auto text = lower(s->get());
        if (text == "daily") {
            f.kind = DayKind::daily;
        } else if (text == "weekdays") {
            f.kind = DayKind::weekdays;
            f.weekday_mask = 0b0111110;
        } else if (text == "weekends") {
            f.kind = DayKind::weekends;
            f.weekday_mask = 0b1000001;
        } else if (text == "workdays") {
            f.kind = DayKind::workdays;
        } else if (text == "restdays") {
            f.kind = DayKind::restdays;
        } else if (auto i = day_index(text)) {
            f.kind = DayKind::listed;
            f.weekday_mask = static_cast<std::uint8_t>(1u << *i);
        } else {
            t.error(pos_of(n),
                    "`days`: " + in_quotes(s->get()) + " is not " + std::string(days_help));
            return false;
        }
        return true;
    }
    if (const auto* arr = n.as_array()) {
        if (arr->empty()) {
            t.error(pos_of(n), "`days` lists no day; leave it out to air every day");
            return false;
        }
        bool ok = true;
        std::uint8_t mask = 0;
        for (const auto& el : *arr) {
            const auto* s = el.as_string();
            std::optional<int> i;
            if (s) {
                i = day_index(s->get());
            }
            if (!i) {
                t.error(pos_of(el),
                        "`days`: " + (s ? in_quotes(s->get()) : std::string(toml_type_name(el))) +
                            " is not a day name; a list takes \"mon\", \"tue\", "
                            "\"wed\", \"thu\", \"fri\", \"sat\", \"sun\"");
                ok = false;
                continue;
            }
            mask = static_cast<std::uint8_t>(mask | (1u << *i));
        }
        f.kind = DayKind::listed;
        f.weekday_mask = mask;
        return ok;
    }
    t.error(pos_of(n),
            "`days` must be " + std::string(days_help) + ", not " + std::string(toml_type_name(n)));
    return false;
}

bool read_monthdays(TomlTable& t, const toml::node& n, DayFilter& f) {
    std::vector<const toml::node*> items;
    if (const auto* arr = n.as_array()) {
        if (arr->empty()) {
            t.error(pos_of(n),
                    "`monthdays` lists no day; leave it out to air on any day of the month");
            return false;
        }
        for (const auto& el : *arr) {
            items.push_back(&el);
        }
    } else {
        items.push_back(&n);
    }
    bool ok = true;
    for (const auto* el : items) {
        const auto v = el->value<std::int64_t>();
        if (!el->is_integer() || !v) {
            t.error(pos_of(*el),
                    "`monthdays` must be days of the month (1 to 31), such as [1, 15], not " +
                        std::string(toml_type_name(*el)));
            ok = false;
            continue;
        }
        if (*v < 1 || *v > 31) {
            t.error(pos_of(*el),
                    "`monthdays`: " + std::to_string(*v) + " is not a day of the month (1 to 31)");
            ok = false;
            continue;
        }
        f.monthday_mask |= 1u << static_cast<unsigned>(*v);
    }
    return ok;
}

std::vector<date::local_days> sorted_days(const std::vector<PlacedDate>& placed) {
    std::vector<date::local_days> out;
    out.reserve(placed.size());
    for (const auto& p : placed) {
        out.push_back(p.day);
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

}  // namespace

std::optional<Broadcast> parse_broadcast(TomlTable& t, const ScheduleContext& ctx) {
    Diagnostics& diags = t.diagnostics();
    const auto errors_before = diags.error_count();
    Broadcast b;
    b.file = t.file();
    b.pos = t.pos();
    b.id_pos = t.pos_of_key("id");

    // id
    if (auto id = t.get_string("id")) {
        b.id = *id;
        if (id->empty()) {
            t.error_at("id", "`id` cannot be empty");
        } else if (std::any_of(id->begin(), id->end(), [](char c) {
                       const auto u = static_cast<unsigned char>(c);
                       return u <= 0x20 || u == 0x7f;
                   })) {
            t.error_at("id", "`id` " + in_quotes(*id) +
                                 " cannot contain spaces or control characters; join words "
                                 "with dashes, such as \"morning-news\"");
        }
    } else if (!t.has("id")) {
        t.error(t.pos(), "this [[broadcast]] needs an `id`, such as id = \"morning-news\"");
    }

    // What airs.
    auto playlist = t.get_string("playlist");
    auto clip = t.get_string("clip");
    if (playlist && clip) {
        t.error_at("clip", "a broadcast airs a `playlist` or a `clip`, not both");
    } else if (!playlist && !clip && !t.has("playlist") && !t.has("clip")) {
        t.error(t.pos(),
                "this [[broadcast]] needs what it airs: playlist = \"NAME\" or "
                "clip = \"ID\"");
    } else if (playlist) {
        b.playlist = *playlist;
        if (playlist->empty()) {
            t.error_at("playlist", "`playlist` cannot be empty");
        } else if (ctx.playlist_exists && !ctx.playlist_exists(*playlist)) {
            t.error_at("playlist", "unknown playlist " + in_quotes(*playlist) +
                                       " (there is no playlists/" + *playlist + ".toml)");
        }
    } else if (clip) {
        b.clip = *clip;
        if (clip->empty()) {
            t.error_at("clip", "`clip` cannot be empty");
        } else if (ctx.clip_problem) {
            if (auto problem = ctx.clip_problem(*clip)) {
                if (*problem == "missing") {
                    t.error_at("clip", "unknown clip " + in_quotes(*clip) +
                                           " (no audio file clips/" + *clip + ".* in the library)");
                } else {
                    t.error_at("clip", "clip " + in_quotes(*clip) + " cannot air: " + *problem);
                }
            }
        }
    }

    // How it yields.
    if (auto p = t.get_string("priority")) {
        if (auto pr = parse_priority(*p)) {
            b.priority = *pr;
        } else {
            t.error_at("priority", "`priority`: " + in_quotes(*p) +
                                       " is not one of emergency, urgent, notice, routine, "
                                       "background");
        }
    }
    if (auto late = t.get_duration("late")) {
        b.late = *late;
    }

    if (const auto* zn = t.get_node("zones")) {
        if (auto zones = t.get_strings("zones")) {
            if (zones->empty()) {
                t.error_at("zones",
                           "`zones` lists no zone; leave it out (or write [\"all\"]) to "
                           "be heard everywhere");
            } else {
                const auto* arr = zn->as_array();
                std::vector<std::string> known = ctx.zones;
                for (std::size_t i = 0; i < zones->size(); ++i) {
                    const auto& z = (*zones)[i];
                    if (z == "all" || std::find(known.begin(), known.end(), z) != known.end()) {
                        continue;
                    }
                    const auto at = arr ? pos_of(*arr->get(i)) : pos_of(*zn);
                    t.error(at, "unknown zone " + in_quotes(z) + " (station.toml declares " +
                                    (known.empty() ? std::string("no zones") : join(known)) +
                                    "; \"all\" means every zone)");
                }
                b.zones = *zones;
            }
        }
    }

    // When it airs.
    auto& f = b.rule.days;
    std::vector<AtValue> at_values;
    bool at_ok = true;
    if (const auto* n = t.get_node("at")) {
        if (const auto* arr = n->as_array()) {
            if (arr->empty()) {
                t.error(pos_of(*n), "`at` lists no time; write one such as \"07:00\"");
                at_ok = false;
            }
            for (const auto& el : *arr) {
                if (auto v = read_at_node(t, el)) {
                    at_values.push_back(*v);
                } else {
                    at_ok = false;
                }
            }
        } else if (auto v = read_at_node(t, *n)) {
            at_values.push_back(*v);
        } else {
            at_ok = false;
        }
    }
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
