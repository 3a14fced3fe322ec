// load_station: finds the station's station.toml and runs each section's reader over it
// (section_readers.hpp), reporting every problem of the file at once.

#include "station/station.hpp"

#include "core/diagnostic.hpp"
#include "station/section_readers.hpp"

namespace vc::station {

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
    read_top_level(top, st);
    read_zones(top, st.zones);
    if (auto output = top.get_table("output")) {
        read_output(*output, st.output);
    }
    if (!top.has("zone")) {
        // `zones = [...]`: every zone plays on the station's one output, whole.
        for (auto& zone : st.zones) zone.output = whole_station_output(st.output.device);
    }
    if (auto group = top.get_table("group")) {
        read_groups(*group, st.zones, st.groups);
    }
    if (auto snapcast = top.get_table("snapcast")) {
        read_snapcast(*snapcast, st.snapcast);
    }
    check_snapcast_ports(top, st);
    if (auto control = top.get_table("control")) {
        read_control(*control, root, st.control);
    }
    if (auto tts = top.get_table("tts")) {
        read_tts(*tts, st.tts);
    }
    if (auto page = top.get_table("page")) {
        read_page(*page, st.page);
    }
    if (auto seasons = top.get_table("seasons")) {
        read_seasons(*seasons, st.seasons);
    }
    top.report_unknown_keys();
    diags.throw_if_errors();
    return st;
}

}  // namespace vc::station
