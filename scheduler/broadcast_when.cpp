// When a broadcast airs: the values of `at`, `days` and `monthdays`, each checked where it is
// written.

#include <algorithm>
#include <array>
#include <cctype>

#include "scheduler/broadcast_keys.hpp"
#include "scheduler/date_text.hpp"

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

std::optional<int> day_index(std::string_view name) {
    const auto l = lower(name);
    for (std::size_t i = 0; i < 7; ++i) {
        if (l == short_days[i] || l == long_days[i]) {
            return static_cast<int>(i);
        }
    }
    return std::nullopt;
}

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

}  // namespace

std::vector<AtValue> read_at(TomlTable& t, bool& ok) {
    std::vector<AtValue> values;
    const auto* n = t.get_node("at");
    if (!n) return values;
    if (const auto* arr = n->as_array()) {
        if (arr->empty()) {
            t.error(pos_of(*n), "`at` lists no time; write one such as \"07:00\"");
            ok = false;
        }
        for (const auto& el : *arr) {
            if (auto v = read_at_node(t, el)) {
                values.push_back(*v);
            } else {
                ok = false;
            }
        }
    } else if (auto v = read_at_node(t, *n)) {
        values.push_back(*v);
    } else {
        ok = false;
    }
    return values;
}

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

}  // namespace vc::scheduler
