#include "engine/station_outputs.hpp"

#include "station/zone_resolution.hpp"
#include "station/zone_routing.hpp"

namespace vc::engine {

audio::OutputOptions station_output_options(const station::Station& st) {
    audio::OutputOptions options;
    options.device_latency_s = static_cast<double>(st.output.latency.count()) / 1000.0;
    for (const auto& s : station::snapcast_streams(st))
        options.snapcast[s.stream] = {st.snapcast.host, s.port, st.snapcast.buffer,
                                      station::SnapcastSettings::chunk, nullptr};
    return options;
}

std::vector<ChainOutput> more_outputs(const station::Station& st) {
    std::vector<ChainOutput> more;
    const auto outputs = station::station_outputs(st);
    for (std::size_t i = 1; i < outputs.size(); ++i)
        more.push_back({outputs[i].spec, outputs[i].format});
    return more;
}

}  // namespace vc::engine
