// station.toml's [page]: live paging from a microphone, its limits and its voice processing.

#include "station/read_values.hpp"
#include "station/section_readers.hpp"

namespace vc::station {

void read_page(TomlTable& t, PageSettings& out) {
    if (auto input = t.get_string("input")) {
        if (input->empty())
            t.error_at("input",
                       "`input` in [page] must name a microphone: \"default\", a device index or "
                       "part of its name (see `villagecast devices --input`)");
        else
            out.input = *input;
    }
    if (auto d = t.get_duration("page_max")) {
        if (*d < Millis(5000) || *d > Millis(3'600'000))
            t.error_at("page_max", "`page_max` in [page] must be between 5s and 1h");
        else
            out.page_max = *d;
    }
    if (auto d = t.get_duration("page_dropout")) {
        if (*d < Millis(200) || *d > Millis(60'000))
            t.error_at("page_dropout", "`page_dropout` in [page] must be between 200ms and 1m");
        else
            out.page_dropout = *d;
    }
    if (auto b = t.get_bool("high_pass")) out.high_pass = *b;
    if (auto b = t.get_bool("noise_gate")) out.noise_gate = *b;
    if (auto g = t.get_number("gain")) {
        if (*g < -20.0 || *g > 30.0)
            t.error_at("gain", "`gain` in [page] must be between -20 and 30 (dB)");
        else
            out.gain = *g;
    }
    t.report_unknown_keys();
}

}  // namespace vc::station
