// station.toml through load_station, the reader `villagecast check` and the daemon use, then
// the settings derived from it (listen address, time zone, mix settings).

#include <cstddef>
#include <cstdint>

#include "core/diagnostic.hpp"
#include "fuzz/fuzz_support.hpp"
#include "station/listen_address.hpp"
#include "station/schedule_wiring.hpp"
#include "station/station.hpp"

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
    } catch (const vc::DiagnosticError& e) {
        for (const auto& d : e.diagnostics()) (void)d.str();
    } catch (const vc::UserError&) {
    }
    return 0;
}
