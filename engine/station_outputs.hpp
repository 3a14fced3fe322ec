#pragma once
// What choosing a station's outputs by their specs needs to know from station.toml: where
// snapserver takes each of its Snapcast streams.

#include "audio/outputs/output_options.hpp"
#include "station/station.hpp"

namespace vc::engine {

/// Output options naming every Snapcast stream of the station ([[zone]] outputs and [output]
/// device) with its address and snapserver's buffer. Pure.
audio::OutputOptions station_output_options(const station::Station& st);

}  // namespace vc::engine
