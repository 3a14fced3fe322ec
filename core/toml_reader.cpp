#include "core/toml_reader.hpp"

#include <fstream>
#include <sstream>

namespace vc {

SourcePos pos_of(const toml::node& node) {
    const auto& src = node.source();
    return {static_cast<int>(src.begin.line), static_cast<int>(src.begin.column)};
}

std::optional<toml::table> parse_toml_text(std::string_view text, const std::string& display_name,
                                           Diagnostics& diags) {
    try {
        return toml::parse(text, display_name);
    } catch (const toml::parse_error& e) {
        const auto& b = e.source().begin;
        diags.error(display_name, static_cast<int>(b.line), static_cast<int>(b.column),
                    "not valid TOML: " + std::string(e.description()));
        return std::nullopt;
    }
}

std::optional<toml::table> parse_toml_file(const std::filesystem::path& path,
                                           const std::string& display_name, Diagnostics& diags) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        diags.error(display_name, 0, 0,
                    "cannot be read (does it exist, and may this user read it?)");
        return std::nullopt;
    }
    std::ostringstream ss;
    ss << in.rdbuf();
    return parse_toml_text(ss.str(), display_name, diags);
}

std::string_view toml_type_name(const toml::node& node) {
    switch (node.type()) {
        case toml::node_type::string:
            return "a string";
        case toml::node_type::integer:
            return "an integer";
        case toml::node_type::floating_point:
            return "a number";
        case toml::node_type::boolean:
            return "true/false";
        case toml::node_type::date:
            return "a date";
        case toml::node_type::time:
            return "a time";
        case toml::node_type::date_time:
            return "a date-time";
        case toml::node_type::array:
            return "a list";
        case toml::node_type::table:
            return "a table";
        default:
            return "nothing";
    }
}

TomlTable::TomlTable(const toml::table& table, std::string file, Diagnostics& diags,
                     std::string where)
    : table_(&table),
      file_(std::move(file)),
      diags_(&diags),
      where_(std::move(where)),
      pos_(pos_of(table)) {}

std::string TomlTable::describe_key(std::string_view key) const {
    std::string out = "`" + std::string(key) + "`";
    if (!where_.empty()) out += " in " + where_;
    return out;
}

void TomlTable::wrong_type(std::string_view key, const toml::node& node,
                           std::string_view expected) {
    error(pos_of(node), describe_key(key) + " must be " + std::string(expected) + ", not " +
                            std::string(toml_type_name(node)));
}

const toml::node* TomlTable::get_node(std::string_view key) {
    known_.emplace(key);
    return table_->get(key);
}

bool TomlTable::has(std::string_view key) const {
    return table_->contains(key);
}

SourcePos TomlTable::pos_of_key(std::string_view key) const {
    if (const auto* n = table_->get(key)) return pos_of(*n);
    return pos_;
}

std::optional<std::string> TomlTable::get_string(std::string_view key) {
    const auto* n = get_node(key);
    if (!n) return std::nullopt;
    if (auto s = n->value<std::string>(); s && n->is_string()) return *s;
    wrong_type(key, *n, "a string in quotes");
    return std::nullopt;
}

std::optional<double> TomlTable::get_number(std::string_view key) {
    const auto* n = get_node(key);
    if (!n) return std::nullopt;
    if (n->is_integer() || n->is_floating_point()) return n->value<double>();
    wrong_type(key, *n, "a number");
    return std::nullopt;
}

std::optional<std::int64_t> TomlTable::get_integer(std::string_view key) {
    const auto* n = get_node(key);
    if (!n) return std::nullopt;
    if (n->is_integer()) return n->value<std::int64_t>();
    wrong_type(key, *n, "a whole number");
    return std::nullopt;
}

std::optional<bool> TomlTable::get_bool(std::string_view key) {
    const auto* n = get_node(key);
    if (!n) return std::nullopt;
    if (n->is_boolean()) return n->value<bool>();
    wrong_type(key, *n, "true or false");
    return std::nullopt;
}

std::optional<Millis> TomlTable::get_duration(std::string_view key) {
    const auto* n = get_node(key);
    if (!n) return std::nullopt;
    if (!n->is_string()) {
        wrong_type(key, *n, std::string(duration_help));
        return std::nullopt;
    }
    auto text = *n->value<std::string>();
    if (auto d = parse_duration(text)) {
        if (*d <= max_duration) return d;
        error(pos_of(*n), describe_key(key) + ": \"" + text +
                              "\" is longer than villagecast takes (3660d, about ten years)");
        return std::nullopt;
    }
    error(pos_of(*n),
          describe_key(key) + ": \"" + text + "\" is not " + std::string(duration_help));
    return std::nullopt;
}

std::optional<std::vector<std::string>> TomlTable::get_strings(std::string_view key) {
    const auto* n = get_node(key);
    if (!n) return std::nullopt;
    if (n->is_string()) return std::vector<std::string>{*n->value<std::string>()};
    if (const auto* arr = n->as_array()) {
        std::vector<std::string> out;
        bool ok = true;
        for (const auto& el : *arr) {
            if (el.is_string()) {
                out.push_back(*el.value<std::string>());
            } else {
                error(pos_of(el), describe_key(key) +
                                      ": every entry must be a string in quotes, not " +
                                      std::string(toml_type_name(el)));
                ok = false;
            }
        }
        if (ok) return out;
        return std::nullopt;
    }
    wrong_type(key, *n, "a string or a list of strings");
    return std::nullopt;
}

std::optional<std::vector<std::int64_t>> TomlTable::get_integers(std::string_view key) {
    const auto* n = get_node(key);
    if (!n) return std::nullopt;
    if (n->is_integer()) return std::vector<std::int64_t>{*n->value<std::int64_t>()};
    if (const auto* arr = n->as_array()) {
        std::vector<std::int64_t> out;
        bool ok = true;
        for (const auto& el : *arr) {
            if (el.is_integer()) {
                out.push_back(*el.value<std::int64_t>());
            } else {
                error(pos_of(el), describe_key(key) + ": every entry must be a whole number, not " +
                                      std::string(toml_type_name(el)));
                ok = false;
            }
        }
        if (ok) return out;
        return std::nullopt;
    }
    wrong_type(key, *n, "a whole number or a list of them");
    return std::nullopt;
}

std::optional<TomlTable> TomlTable::get_table(std::string_view key) {
    const auto* n = get_node(key);
    if (!n) return std::nullopt;
    if (const auto* t = n->as_table())
        return TomlTable(*t, file_, *diags_, "[" + std::string(key) + "]");
    wrong_type(key, *n, "a table ([" + std::string(key) + "])");
    return std::nullopt;
}

std::vector<TomlTable> TomlTable::get_tables(std::string_view key) {
    std::vector<TomlTable> out;
    const auto* n = get_node(key);
    if (!n) return out;
    const auto* arr = n->as_array();
    if (!arr) {
        wrong_type(key, *n, "a list of tables ([[" + std::string(key) + "]])");
        return out;
    }
    int index = 0;
    for (const auto& el : *arr) {
        ++index;
        if (const auto* t = el.as_table()) {
            out.emplace_back(*t, file_, *diags_,
                             "[[" + std::string(key) + "]] #" + std::to_string(index));
        } else {
            error(pos_of(el), "`" + std::string(key) + "` entries must be tables ([[" +
                                  std::string(key) + "]]), not " + std::string(toml_type_name(el)));
        }
    }
    return out;
}

void TomlTable::error(SourcePos at, std::string message) {
    diags_->error(file_, at.line, at.column, std::move(message));
}

void TomlTable::warning(SourcePos at, std::string message) {
    diags_->warning(file_, at.line, at.column, std::move(message));
}

void TomlTable::report_unknown_keys() {
    for (const auto& [key, node] : *table_) {
        if (known_.count(key.str()) != 0) continue;
        std::string allowed;
        for (const auto& k : known_) allowed += (allowed.empty() ? "" : ", ") + k;
        const auto& src = key.source();
        SourcePos at = src.begin.line ? SourcePos{static_cast<int>(src.begin.line),
                                                  static_cast<int>(src.begin.column)}
                                      : pos_of(node);
        error(at, "unknown key " + describe_key(key.str()) +
                      (allowed.empty() ? "" : " (expected one of: " + allowed + ")"));
    }
}

}  // namespace vc
