// station.toml through load_station, the reader `villagecast check` and the daemon use, then
// the settings derived from it (listen address, time zone, mix settings, zones: each output
// formatted and read back, every group resolved, the Snapcast streams).

#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "core/diagnostic.hpp"
#include "fuzz/fuzz_support.hpp"
#include "station/listen_address.hpp"
#include "station/schedule_wiring.hpp"
#include "station/station.hpp"
#include "station/zone_resolution.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto root = vc::fuzz::process_dir() / "station";
    vc::fuzz::write_file(root / "station.toml", vc::fuzz::as_text(data, size));
    try {
        auto st = vc::station::load_station(root);
        (void)vc::station::station_zone(st);
        if (st.control.enabled()) {
            auto address = vc::station::parse_listen_address(st.control.listen);
            (void)vc::station::listen_allowed(address, st.control.tls());
            (void)address.text();
        }
        auto mix = st.mix();
        (void)mix;
        (void)st.output_format();
        const auto station_output = vc::station::whole_station_output(st.output.device);
        for (const auto& zone : st.zones) {
            // A [[zone]]'s output reads back as itself; zones = [...] take [output]'s whole.
            if (zone.output == station_output) continue;
            std::string problem;
            auto again = vc::station::parse_zone_output(
                vc::station::format_zone_output(zone.output), problem);
            if (!again || !(*again == zone.output)) std::abort();
        }
        std::vector<std::string> names{"all"};
        for (const auto& g : st.groups) names.push_back(g.name);
        (void)vc::station::resolve_zones(st, names);
        (void)vc::station::snapcast_streams(st);
    } catch (const vc::DiagnosticError& e) {
        for (const auto& d : e.diagnostics()) (void)d.str();
    } catch (const vc::UserError&) {
    }
    return 0;
}
