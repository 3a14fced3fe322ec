#include "engine/station_outputs.hpp"

#include "station/zone_resolution.hpp"

namespace vc::engine {

audio::OutputOptions station_output_options(const station::Station& st) {
    audio::OutputOptions options;
    options.device_latency_s = static_cast<double>(st.output.latency.count()) / 1000.0;
    for (const auto& s : station::snapcast_streams(st))
        options.snapcast[s.stream] = {st.snapcast.host, s.port, st.snapcast.buffer};
    return options;
}

}  // namespace vc::engine
