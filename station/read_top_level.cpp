// station.toml's top-level settings: the station's name and time zone, its chime, loudness and
// gaps, and the air-check and disk-space settings. `zones` has its own reader (read_zones.cpp).

#include <date/tz.h>

#include "station/read_values.hpp"
#include "station/section_readers.hpp"

namespace vc::station {
namespace {

void read_name(TomlTable& top, std::string& out) {
    auto name = top.get_string("name");
    if (!name) return;
    if (name->empty()) {
        top.error_at("name", "`name` is empty; write the station's name, e.g. \"羊市镇广播站\"");
    } else {
        out = *name;
    }
}

void read_timezone(TomlTable& top, std::string& out) {
    auto tz = top.get_string("timezone");
    if (!tz) return;
    try {
        (void)date::locate_zone(*tz);
        out = *tz;
    } catch (const std::exception&) {
        top.error_at("timezone", "`timezone`: \"" + *tz +
                                     "\" is not a known time zone; write an IANA name such "
                                     "as \"Asia/Shanghai\"");
    }
}

/// `aircheck_keep`: a positive duration ("180d").
void read_aircheck_keep(TomlTable& top, Millis& out) {
    constexpr std::string_view help = "a duration such as \"180d\", \"30d\" or \"12h\"";
    auto text = get_quoted(top, "aircheck_keep", help);
    if (!text) return;
    auto keep = parse_duration(*text);
    if (!keep) {
        top.error_at("aircheck_keep",
                     "`aircheck_keep`: \"" + *text + "\" is not " + std::string(help));
    } else if (keep->count() <= 0) {
        top.error_at("aircheck_keep",
                     "`aircheck_keep` must be longer than 0s, or each air-check would "
                     "be deleted as soon as it is recorded; write e.g. \"180d\"");
    } else {
        out = *keep;
    }
}

/// `disk_alarm`: a size ("2GB").
void read_disk_alarm(TomlTable& top, std::uint64_t& out) {
    constexpr std::string_view help = "a size such as \"2GB\", \"500MB\" or \"2GiB\"";
    auto text = get_quoted(top, "disk_alarm", help);
    if (!text) return;
    if (auto bytes = parse_byte_size(*text)) {
        out = *bytes;
    } else {
        top.error_at("disk_alarm", "`disk_alarm`: \"" + *text + "\" is not " + std::string(help));
    }
}

}  // namespace

void read_top_level(TomlTable& top, Station& st) {
    read_name(top, st.name);
    read_timezone(top, st.timezone);
    read_clip_key(top, "chime", "`chime`", st.chime, st.chime_pos);
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
}

}  // namespace vc::station
