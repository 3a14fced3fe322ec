#include "scheduler/calendar_set.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <tuple>

#include "scheduler/date_text.hpp"
#include "scheduler/toml_dates.hpp"

namespace vc::scheduler {

void CalendarSet::add_year(int year, std::string file) {
    years_[year] = std::move(file);
}

void CalendarSet::add_holiday(date::local_days day, std::string name) {
    holidays_[day] = std::move(name);
}

void CalendarSet::add_makeup_workday(date::local_days day, std::string holiday_name) {
    makeup_[day] = std::move(holiday_name);
}

bool CalendarSet::covers(date::local_days day) const {
    return covers(static_cast<int>(date::year_month_day{day}.year()));
}

std::vector<int> CalendarSet::years() const {
    std::vector<int> out;
    for (const auto& [year, file] : years_) {
        out.push_back(year);
    }
    return out;
}

std::string CalendarSet::file_of(int year) const {
    auto it = years_.find(year);
    return it == years_.end() ? std::string() : it->second;
}

const std::string* CalendarSet::holiday_name(date::local_days day) const {
    auto it = holidays_.find(day);
    return it == holidays_.end() ? nullptr : &it->second;
}

std::optional<bool> CalendarSet::is_workday(date::local_days day) const {
    if (!covers(day)) {
        return std::nullopt;
    }
    if (makeup_.count(day) != 0) {
        return true;
    }
    if (holidays_.count(day) != 0) {
        return false;
    }
    const auto wd = date::weekday{day};
    return wd != date::Saturday && wd != date::Sunday;
}

namespace {

int year_of(date::local_days d) {
    return static_cast<int>(date::year_month_day{d}.year());
}

bool is_weekend(date::local_days d) {
    const auto wd = date::weekday{d};
    return wd == date::Saturday || wd == date::Sunday;
}

std::string place(const std::string& file, SourcePos p) {
    return file + ":" + std::to_string(p.line) + ":" + std::to_string(p.column);
}

struct ParsedHoliday {
    std::string name;
    date::local_days from;
    date::local_days until;
    SourcePos pos;
};

void read_calendar(const toml::table& root, const std::string& display_name,
                   const std::filesystem::path& path, CalendarSet& into, Diagnostics& diags) {
    Diagnostics local;
    TomlTable top(root, display_name, local);
    std::optional<int> year;
    if (auto y = top.get_integer("year")) {
        if (*y < 1970 || *y > 9999) {
            top.error_at("year", "`year` must be a year such as 2027, not " + std::to_string(*y));
        } else {
            year = static_cast<int>(*y);
        }
    } else if (!top.has("year")) {
        top.error(SourcePos{1, 1}, "a calendar file needs `year = YYYY` (the year it covers)");
    }
    if (year) {
        const auto stem = path.stem().string();
        const bool numeric = !stem.empty() && std::all_of(stem.begin(), stem.end(), [](char c) {
            return c >= '0' && c <= '9';
        });
        if (numeric && stem != std::to_string(*year)) {
            top.error_at("year", "`year = " + std::to_string(*year) + "` in a file named " +
                                     path.filename().string() + "; name the file " +
                                     std::to_string(*year) + ".toml or fix the year");
        } else if (into.covers(*year)) {
            top.error_at("year", "year " + std::to_string(*year) + " is already covered by " +
                                     into.file_of(*year) + "; keep one file per year");
        }
    }

    auto check_in_year = [&](TomlTable& t, std::string_view key, const PlacedDate& d) {
        if (year && year_of(d.day) != *year) {
            t.error(d.pos, "`" + std::string(key) + "`: " + format_date(d.day) + " is not in " +
                               std::to_string(*year) +
                               "; put it in the calendar file of its own year");
            return false;
        }
        return true;
    };

    std::vector<ParsedHoliday> holidays;
    std::vector<std::pair<PlacedDate, std::string>> makeups;
    for (auto& h : top.get_tables("holiday")) {
        ParsedHoliday ph;
        ph.pos = h.pos();
        bool ok = true;
        if (auto name = h.get_string("name")) {
            if (name->empty()) {
                h.error_at("name", "`name` in " + h.where() + " cannot be empty");
                ok = false;
            }
            ph.name = *name;
        } else {
            if (!h.has("name")) {
                h.error(h.pos(), h.where() + " needs `name` (such as \"春节\")");
            }
            ok = false;
        }
        auto from = read_date_key(h, "from");
        if (!from) {
            if (!h.has("from")) {
                h.error(h.pos(), h.where() + " needs `from` (its first day, such as \"" +
                                     (year ? std::to_string(*year) : std::string("2027")) +
                                     "-01-01\")");
            }
            ok = false;
        } else if (!check_in_year(h, "from", *from)) {
            ok = false;
        }
        auto until = read_date_key(h, "until");
        if (h.has("until") && !until) {
            ok = false;
        }
        if (until && !check_in_year(h, "until", *until)) {
            ok = false;
        }
        if (from && until && until->day < from->day) {
            h.error(until->pos, "`until` (" + format_date(until->day) + ") is before `from` (" +
                                    format_date(from->day) + ")");
            ok = false;
        }
        bool dates_ok = true;
        auto workdays = read_dates_key(h, "workdays", dates_ok);
        if (workdays) {
            for (const auto& w : *workdays) {
                if (!check_in_year(h, "workdays", w)) {
                    continue;
                }
                if (!is_weekend(w.day)) {
                    h.error(w.pos, "`workdays`: " + format_date(w.day) +
                                       " is a weekday already; list only the Saturdays and "
                                       "Sundays that are worked");
                    continue;
                }
                makeups.emplace_back(w, ph.name);
            }
        }
        h.report_unknown_keys();
        if (ok && from) {
            ph.from = from->day;
            ph.until = until ? until->day : from->day;
            holidays.push_back(ph);
        }
    }
    top.report_unknown_keys();

    // Overlaps and make-up days inside holidays.
    for (std::size_t i = 0; i < holidays.size(); ++i) {
        for (std::size_t j = 0; j < i; ++j) {
            if (holidays[i].from <= holidays[j].until && holidays[j].from <= holidays[i].until) {
                local.error(display_name, holidays[i].pos.line, holidays[i].pos.column,
                            "holiday `" + holidays[i].name + "` overlaps `" + holidays[j].name +
                                "` (" + place(display_name, holidays[j].pos) +
                                "); give each day to one holiday");
            }
        }
    }
    for (const auto& [w, name] : makeups) {
        for (const auto& h : holidays) {
            if (h.from <= w.day && w.day <= h.until) {
                local.error(display_name, w.pos.line, w.pos.column,
                            "`workdays`: " + format_date(w.day) + " is inside holiday `" + h.name +
                                "` (" + format_date(h.from) + " to " + format_date(h.until) + ")");
            }
        }
    }

    auto items = local.items();
    std::stable_sort(items.begin(), items.end(), [](const Diagnostic& a, const Diagnostic& b) {
        return std::tie(a.line, a.column) < std::tie(b.line, b.column);
    });
    for (auto& d : items) {
        diags.add(std::move(d));
    }
    if (local.has_errors() || !year) {
        return;
    }
    into.add_year(*year, display_name);
    for (const auto& h : holidays) {
        for (auto d = h.from; d <= h.until; d += date::days{1}) {
            into.add_holiday(d, h.name);
        }
    }
    for (const auto& [w, name] : makeups) {
        into.add_makeup_workday(w.day, name);
    }
}

}  // namespace

void load_calendar_text(std::string_view text, const std::string& display_name, CalendarSet& into,
                        Diagnostics& diags) {
    auto root = parse_toml_text(text, display_name, diags);
    if (!root) {
        return;
    }
    read_calendar(*root, display_name, std::filesystem::path(display_name), into, diags);
}

void load_calendar_file(const std::filesystem::path& path, const std::string& display_name,
                        CalendarSet& into, Diagnostics& diags) {
    auto root = parse_toml_file(path, display_name, diags);
    if (!root) {
        return;
    }
    read_calendar(*root, display_name, path, into, diags);
}

CalendarSet load_calendars(const std::filesystem::path& station_root, Diagnostics& diags) {
    CalendarSet set;
    const auto dir = station_root / "calendars";
    std::error_code ec;
    if (!std::filesystem::is_directory(dir, ec)) {
        return set;
    }
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
        if (entry.is_regular_file() && entry.path().extension() == ".toml") {
            files.push_back(entry.path());
        }
    }
    std::sort(files.begin(), files.end());
    for (const auto& f : files) {
        load_calendar_file(f, "calendars/" + f.filename().string(), set, diags);
    }
    return set;
}

}  // namespace vc::scheduler
