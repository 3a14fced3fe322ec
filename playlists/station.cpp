#include "playlists/station.hpp"

#include <cmath>
#include <set>

#include <date/tz.h>

#include "core/diagnostic.hpp"
#include "core/clip_ref.hpp"

namespace vc::pl {
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

std::string number_text(double v) {
    if (v == std::floor(v) && std::fabs(v) < 1e9) {
        return std::to_string(static_cast<long long>(v));
    }
    std::string s = std::to_string(v);
    while (!s.empty() && s.back() == '0') {
        s.pop_back();
    }
    return s;
}

/// Reads a number key and checks lo <= value <= hi; keeps `out` when absent or wrong.
void read_ranged(TomlTable& t, std::string_view key, double lo, double hi, std::string_view unit,
                 double& out) {
    auto v = t.get_number(key);
    if (!v) {
        return;
    }
    if (!std::isfinite(*v) || *v < lo || *v > hi) {
        t.error_at(key, "`" + std::string(key) + "` must be between " + number_text(lo) + " and " +
                            number_text(hi) + " " + std::string(unit) + ", not " + number_text(*v));
        return;
    }
    out = *v;
}

void read_output(TomlTable& t, OutputSettings& out) {
    if (const auto* n = t.get_node("device")) {
        if (n->is_string()) {
            auto device = *n->value<std::string>();
            if (device.empty()) {
                t.error(pos_of(*n),
                        "`device` in [output] is empty; write \"default\", a device name "
                        "or number, \"null\", \"wav:FILE\" or \"flac:FILE\"");
            } else if ((device.rfind("wav:", 0) == 0 || device.rfind("flac:", 0) == 0) &&
                       device.substr(device.find(':') + 1).empty()) {
                t.error(pos_of(*n), "`device` in [output]: \"" + device +
                                        "\" names no file; write e.g. \"wav:/var/lib/air.wav\"");
            } else {
                out.device = device;
            }
        } else if (n->is_integer()) {
            auto index = *n->value<std::int64_t>();
            if (index < 0) {
                t.error(pos_of(*n), "`device` in [output]: a device number cannot be negative");
            } else {
                out.device = std::to_string(index);
            }
        } else {
            t.error(pos_of(*n),
                    "`device` in [output] must be a device name in quotes or a device "
                    "number, not " +
                        std::string(toml_type_name(*n)));
        }
    }
    if (auto rate = t.get_integer("sample_rate")) {
        if (*rate < 8000 || *rate > 192000) {
            t.error_at("sample_rate",
                       "`sample_rate` in [output] must be between 8000 and 192000 "
                       "(Hz), not " +
                           std::to_string(*rate));
        } else {
            out.sample_rate = static_cast<int>(*rate);
        }
    }
    if (auto ch = t.get_integer("channels")) {
        if (*ch < 1 || *ch > 8) {
            t.error_at("channels", "`channels` in [output] must be between 1 and 8, not " +
                                       std::to_string(*ch));
        } else {
            out.channels = static_cast<int>(*ch);
        }
    }
    t.report_unknown_keys();
}

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
}

}  // namespace

Station load_station(const std::filesystem::path& root_in) {
    std::error_code ec;
    auto root = std::filesystem::absolute(root_in, ec).lexically_normal();
    if (ec) {
        root = root_in;
    }
    if (!root.has_filename() && root.has_parent_path()) {
        root = root.parent_path();
    }
    const auto file = root / "station.toml";
    if (!std::filesystem::is_regular_file(file, ec)) {
        throw UserError(root.string() +
                        " is not a station folder: station.toml is missing; use "
                        "--station DIR or set VILLAGECAST_STATION");
    }

    Station st;
    st.root = root;
    st.name = root.filename().string();
    const std::string display = file.string();
    Diagnostics diags;
    auto parsed = parse_toml_file(file, display, diags);
    if (!parsed) {
        diags.throw_if_errors();
    }

    TomlTable top(*parsed, display, diags);
    if (auto name = top.get_string("name")) {
        if (name->empty()) {
            top.error_at("name",
                         "`name` is empty; write the station's name, e.g. \"羊市镇广播站\"");
        } else {
            st.name = *name;
        }
    }
    if (auto tz = top.get_string("timezone")) {
        try {
            (void)date::locate_zone(*tz);
            st.timezone = *tz;
        } catch (const std::exception&) {
            top.error_at("timezone", "`timezone`: \"" + *tz +
                                         "\" is not a known time zone; write an IANA name such "
                                         "as \"Asia/Shanghai\"");
        }
    }
    if (auto chime = top.get_string("chime")) {
        if (chime->empty()) {
            st.chime.clear();
        } else if (auto problem = validate_clip_ref(*chime)) {
            top.error_at("chime", "`chime`: " + *problem);
        } else {
            st.chime = *chime;
            st.chime_pos = top.pos_of_key("chime");
        }
    }
    read_ranged(top, "loudness_target", -40.0, -5.0, "LUFS", st.loudness_target);
    read_ranged(top, "ceiling", -20.0, 0.0, "dBFS", st.ceiling);
    read_ranged(top, "duck_db", -60.0, 0.0, "dB", st.duck_db);
    if (auto gap = top.get_duration("gap_between")) {
        st.gap_between = *gap;
    }
    if (auto aircheck = top.get_bool("aircheck")) {
        st.aircheck = *aircheck;
    }
    if (auto zones = top.get_strings("zones")) {
        const toml::node* node = top.table().get("zones");
        const toml::array* arr = node->as_array();
        std::set<std::string> seen;
        bool ok = true;
        for (std::size_t i = 0; i < zones->size(); ++i) {
            const auto& zone = (*zones)[i];
            std::string problem;
            if (zone.empty()) {
                problem = "a zone name cannot be empty";
            } else if (zone == "all") {
                problem = "zone \"all\" is implicit (every loudspeaker); leave it out";
            } else if (!seen.insert(zone).second) {
                problem = "zone \"" + zone + "\" is listed twice";
            }
            if (!problem.empty()) {
                top.error(pos_of(arr ? *arr->get(i) : *node), "`zones`: " + problem);
                ok = false;
            }
        }
        if (ok) {
            st.zones = *zones;
        }
    }
    if (auto output = top.get_table("output")) {
        read_output(*output, st.output);
    }
    if (auto seasons = top.get_table("seasons")) {
        read_seasons(*seasons, st.seasons);
        seasons->report_unknown_keys();
    }
    top.report_unknown_keys();
    diags.throw_if_errors();
    return st;
}

}  // namespace vc::pl
