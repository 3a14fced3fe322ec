#include "scheduler/toml_dates.hpp"

#include "scheduler/date_text.hpp"

namespace vc::scheduler {

std::optional<date::local_days> read_date_node(TomlTable& table, std::string_view key,
                                               const toml::node& node) {
    const std::string name = "`" + std::string(key) + "`";
    if (const auto* d = node.as_date()) {
        const auto& v = d->get();
        date::year_month_day ymd{date::year{v.year}, date::month{v.month}, date::day{v.day}};
        if (ymd.ok()) {
            return date::local_days{ymd};
        }
    } else if (const auto* s = node.as_string()) {
        if (auto day = parse_date(s->get())) {
            return day;
        }
        table.error(pos_of(node), name + ": \"" + s->get() + "\" is not " + std::string(date_help) +
                                      " (year-month-day)");
        return std::nullopt;
    }
    table.error(pos_of(node), name + " must be " + std::string(date_help) + ", not " +
                                  std::string(toml_type_name(node)));
    return std::nullopt;
}

std::optional<PlacedDate> read_date_key(TomlTable& table, std::string_view key) {
    const auto* node = table.get_node(key);
    if (!node) {
        return std::nullopt;
    }
    if (auto d = read_date_node(table, key, *node)) {
        return PlacedDate{*d, pos_of(*node)};
    }
    return std::nullopt;
}

std::optional<std::vector<PlacedDate>> read_dates_key(TomlTable& table, std::string_view key,
                                                      bool& ok) {
    const auto* node = table.get_node(key);
    if (!node) {
        return std::nullopt;
    }
    std::vector<PlacedDate> out;
    if (const auto* arr = node->as_array()) {
        for (const auto& el : *arr) {
            if (auto d = read_date_node(table, key, el)) {
                out.push_back({*d, pos_of(el)});
            } else {
                ok = false;
            }
        }
        return out;
    }
    if (auto d = read_date_node(table, key, *node)) {
        out.push_back({*d, pos_of(*node)});
    } else {
        ok = false;
    }
    return out;
}

}  // namespace vc::scheduler
