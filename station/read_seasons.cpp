// station.toml's [seasons.NAME] tables: named yearly date ranges written "MM-DD", which
// schedule entries name in `season`.

#include "station/section_readers.hpp"

namespace vc::station {
namespace {

int days_in_month(int month) {
    static constexpr int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return days[month - 1];
}

/// "MM-DD" exactly: two digits, a dash, two digits, a real day of some year (02-29 allowed).
std::optional<MonthDay> parse_month_day(const std::string& text) {
    auto digit = [&](std::size_t i) { return text[i] >= '0' && text[i] <= '9'; };
    if (text.size() != 5 || !digit(0) || !digit(1) || text[2] != '-' || !digit(3) || !digit(4)) {
        return std::nullopt;
    }
    MonthDay md{(text[0] - '0') * 10 + (text[1] - '0'), (text[3] - '0') * 10 + (text[4] - '0')};
    if (md.month < 1 || md.month > 12 || md.day < 1 || md.day > days_in_month(md.month)) {
        return std::nullopt;
    }
    return md;
}

}  // namespace

void read_seasons(TomlTable& seasons, std::map<std::string, Season>& out) {
    for (const auto& [key, node] : seasons.table()) {
        std::string name(key.str());
        const auto* tbl = node.as_table();
        seasons.get_node(name);  // every season name is allowed
        if (!tbl) {
            std::string msg = "season `" + name + "` must be a table: [seasons.";
            msg += name;
            msg += "] with from = \"MM-DD\" and until = \"MM-DD\"";
            seasons.error(pos_of(node), std::move(msg));
            continue;
        }
        TomlTable t(*tbl, seasons.file(), seasons.diagnostics(), "[seasons." + name + "]");
        Season season;
        bool ok = true;
        for (std::string_view end : {"from", "until"}) {
            auto text = t.get_string(end);
            if (!text) {
                ok = false;
                if (!t.has(end)) {
                    t.error(t.pos(), "[seasons." + name + "] needs `" + std::string(end) +
                                         "` = \"MM-DD\" (e.g. \"05-01\")");
                }
                continue;
            }
            auto md = parse_month_day(*text);
            if (!md) {
                ok = false;
                t.error_at(end, "`" + std::string(end) + "` in [seasons." + name + "]: \"" + *text +
                                    "\" is not a date written MM-DD (e.g. \"05-01\" for 1 May)");
                continue;
            }
            (end == "from" ? season.from : season.until) = *md;
        }
        t.report_unknown_keys();
        if (ok) {
            out[name] = season;
        }
    }
    seasons.report_unknown_keys();
}

}  // namespace vc::station
