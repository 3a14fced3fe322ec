#include "station/station.hpp"

#include <cctype>
#include <cmath>
#include <limits>
#include <set>

#include <date/tz.h>

#include <arpa/inet.h>
#include <netinet/in.h>

#include "core/clip_ref.hpp"
#include "core/diagnostic.hpp"

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

// An amplifier command: ["/usr/local/bin/amp", "on"], the program as an absolute path.
void read_amp_command(TomlTable& t, std::string_view key, std::vector<std::string>& out) {
    if (!t.has(key)) return;
    auto argv = t.get_strings(key);
    if (!argv) return;  // get_strings reported the wrong type
    if (argv->empty() || argv->front().empty() || argv->front().front() != '/') {
        t.error_at(key, "`" + std::string(key) +
                            "` in [output] must be a command as a list, its program as an "
                            "absolute path, e.g. [\"/usr/local/bin/amp\", \"on\"]");
        return;
    }
    out = *argv;
}

void read_amp_delay(TomlTable& t, std::string_view key, Millis most, Millis& out) {
    auto d = t.get_duration(key);
    if (!d) return;
    if (*d < Millis(0) || *d > most) {
        t.error_at(key, "`" + std::string(key) + "` in [output] must be between 0s and " +
                            format_duration(most));
        return;
    }
    out = *d;
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
    read_amp_command(t, "before", out.before);
    read_amp_command(t, "after", out.after);
    read_amp_delay(t, "before_lead", Millis(60'000), out.before_lead);
    read_amp_delay(t, "after_delay", Millis(3'600'000), out.after_delay);
    read_amp_delay(t, "command_timeout", Millis(300'000), out.command_timeout);
    if (out.command_timeout < Millis(100))
        t.error_at("command_timeout", "`command_timeout` in [output] must be at least 100ms");
    t.report_unknown_keys();
}

/// True for "localhost", 127.0.0.0/8 and ::1.
bool is_loopback_host(const std::string& host) {
    if (host == "localhost") return true;
    in_addr v4{};
    if (inet_pton(AF_INET, host.c_str(), &v4) == 1) return (ntohl(v4.s_addr) >> 24) == 127;
    in6_addr v6{};
    if (inet_pton(AF_INET6, host.c_str(), &v6) == 1) return IN6_IS_ADDR_LOOPBACK(&v6);
    return false;
}

void read_control(TomlTable& t, const std::filesystem::path& root, ControlSettings& out) {
    auto path_key = [&](std::string_view key, bool folder) -> std::filesystem::path {
        auto text = t.get_string(key);
        if (!text) return {};
        if (text->empty()) return {};
        std::filesystem::path p = *text;
        if (p.is_relative()) p = root / p;
        std::error_code ec;
        bool ok =
            folder ? std::filesystem::is_directory(p, ec) : std::filesystem::is_regular_file(p, ec);
        if (!ok) {
            t.error_at(key, "`" + std::string(key) + "` in [control]: " + p.string() +
                                (folder ? " is not a folder" : " is not a file") +
                                " (a path relative to the station folder, or absolute)");
            return {};
        }
        return p;
    };
    out.tls_cert = path_key("tls_cert", false);
    out.tls_key = path_key("tls_key", false);
    out.web_root = path_key("web_root", true);
    if (t.has("tls_cert") != t.has("tls_key")) {
        t.error_at(t.has("tls_cert") ? "tls_cert" : "tls_key",
                   "[control] needs both `tls_cert` and `tls_key` (a PEM certificate and its "
                   "private key), or neither");
    }
    for (std::string_view key : {"upload_limit", "body_limit"}) {
        const auto* n = t.get_node(key);
        if (!n) continue;
        std::optional<std::uint64_t> bytes;
        if (n->is_integer() && *n->value<std::int64_t>() > 0) {
            bytes = static_cast<std::uint64_t>(*n->value<std::int64_t>());
        } else if (n->is_string()) {
            bytes = parse_byte_size(*n->value<std::string>());
        }
        if (!bytes || *bytes == 0) {
            t.error(pos_of(*n), "`" + std::string(key) +
                                    "` in [control] must be a size such as \"64MB\", \"500KB\" "
                                    "or \"64MiB\"");
            continue;
        }
        (key == "upload_limit" ? out.upload_limit : out.body_limit) = *bytes;
    }
    if (auto listen = t.get_string("listen")) {
        const std::string& l = *listen;
        std::string host;
        std::string port;
        if (l != "off") {
            auto colon = l.rfind(':');
            if (colon != std::string::npos) {
                host = l.substr(0, colon);
                port = l.substr(colon + 1);
            }
            if (host.size() >= 2 && host.front() == '[' && host.back() == ']')
                host = host.substr(1, host.size() - 2);
        }
        bool port_ok = !port.empty() && port.size() <= 5 &&
                       port.find_first_not_of("0123456789") == std::string::npos &&
                       std::stoul(port) <= 65535;
        in_addr v4{};
        in6_addr v6{};
        bool host_ok = host == "localhost" || inet_pton(AF_INET, host.c_str(), &v4) == 1 ||
                       inet_pton(AF_INET6, host.c_str(), &v6) == 1;
        if (l == "off") {
            out.listen = l;
        } else if (!port_ok || !host_ok) {
            t.error_at("listen", "`listen` in [control]: \"" + l +
                                     "\" is not an address and port such as \"127.0.0.1:8470\", "
                                     "\"[::1]:8470\" or \"0.0.0.0:8470\" (or \"off\")");
        } else if (!is_loopback_host(host) && (out.tls_cert.empty() || out.tls_key.empty())) {
            t.error_at("listen", "`listen` in [control]: \"" + l +
                                     "\" is reachable from the network, so the console must use "
                                     "HTTPS: set `tls_cert` and `tls_key` in [control], or listen "
                                     "on \"127.0.0.1:PORT\" only");
        } else {
            out.listen = l;
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

/// station.toml's `aircheck_keep`: a positive duration ("180d").
void read_aircheck_keep(TomlTable& top, Millis& out) {
    const auto* n = top.get_node("aircheck_keep");
    if (!n) return;
    constexpr std::string_view help = "a duration such as \"180d\", \"30d\" or \"12h\"";
    if (!n->is_string()) {
        top.error(pos_of(*n), "`aircheck_keep` must be " + std::string(help) + " in quotes, not " +
                                  std::string(toml_type_name(*n)));
        return;
    }
    auto text = *n->value<std::string>();
    auto keep = parse_duration(text);
    if (!keep) {
        top.error(pos_of(*n), "`aircheck_keep`: \"" + text + "\" is not " + std::string(help));
    } else if (keep->count() <= 0) {
        top.error(pos_of(*n),
                  "`aircheck_keep` must be longer than 0s, or each air-check would "
                  "be deleted as soon as it is recorded; write e.g. \"180d\"");
    } else {
        out = *keep;
    }
}

/// station.toml's `disk_alarm`: a size ("2GB").
void read_disk_alarm(TomlTable& top, std::uint64_t& out) {
    const auto* n = top.get_node("disk_alarm");
    if (!n) return;
    constexpr std::string_view help = "a size such as \"2GB\", \"500MB\" or \"2GiB\"";
    if (!n->is_string()) {
        top.error(pos_of(*n), "`disk_alarm` must be " + std::string(help) + " in quotes, not " +
                                  std::string(toml_type_name(*n)));
        return;
    }
    auto text = *n->value<std::string>();
    if (auto bytes = parse_byte_size(text)) {
        out = *bytes;
    } else {
        top.error(pos_of(*n), "`disk_alarm`: \"" + text + "\" is not " + std::string(help));
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
    read_aircheck_keep(top, st.aircheck_keep);
    read_disk_alarm(top, st.disk_alarm);
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
    if (auto control = top.get_table("control")) {
        read_control(*control, root, st.control);
    }
    if (auto seasons = top.get_table("seasons")) {
        read_seasons(*seasons, st.seasons);
        seasons->report_unknown_keys();
    }
    top.report_unknown_keys();
    diags.throw_if_errors();
    return st;
}

std::optional<std::uint64_t> parse_byte_size(std::string_view text) {
    std::size_t i = 0;
    std::uint64_t whole = 0;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
        if (whole > 1'000'000'000'000'000) return std::nullopt;
        whole = whole * 10 + static_cast<std::uint64_t>(text[i] - '0');
        ++i;
    }
    if (i == 0) return std::nullopt;
    std::uint64_t frac = 0, frac_den = 1;
    if (i < text.size() && text[i] == '.') {
        std::size_t start = ++i;
        while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
            if (frac_den < 1'000'000'000) {
                frac = frac * 10 + static_cast<std::uint64_t>(text[i] - '0');
                frac_den *= 10;
            }
            ++i;
        }
        if (i == start) return std::nullopt;
    }
    if (i < text.size() && text[i] == ' ') ++i;
    std::string unit;
    for (; i < text.size(); ++i)
        unit += static_cast<char>(std::tolower(static_cast<unsigned char>(text[i])));
    struct Unit {
        std::string_view name;
        std::uint64_t factor;
    };
    static constexpr Unit units[] = {{"b", 1},
                                     {"kb", 1000},
                                     {"mb", 1000'000},
                                     {"gb", 1000'000'000},
                                     {"tb", 1000'000'000'000},
                                     {"kib", 1ull << 10},
                                     {"mib", 1ull << 20},
                                     {"gib", 1ull << 30},
                                     {"tib", 1ull << 40}};
    for (const auto& [name, factor] : units) {
        if (unit != name) continue;
        constexpr std::uint64_t max = std::numeric_limits<std::uint64_t>::max();
        if (whole > max / factor) return std::nullopt;
        // The fraction's bytes, rounded down to a whole byte.
        auto part = static_cast<std::uint64_t>(static_cast<long double>(frac) *
                                               static_cast<long double>(factor) /
                                               static_cast<long double>(frac_den));
        if (whole * factor > max - part) return std::nullopt;
        return whole * factor + part;
    }
    return std::nullopt;
}

}  // namespace vc::station
