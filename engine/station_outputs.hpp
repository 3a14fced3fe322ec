#pragma once
// What choosing a station's outputs by their specs needs to know from station.toml: which
// outputs its zones play on, and where snapserver takes each of its Snapcast streams.

#include <vector>

#include "audio/outputs/output_options.hpp"
#include "engine/air_chain.hpp"
#include "station/station.hpp"

namespace vc::engine {

/// Output options naming every Snapcast stream of the station ([[zone]] outputs and [output]
/// device) with its address and snapserver's buffer. Pure.
audio::OutputOptions station_output_options(const station::Station& st);

/// The station's outputs after the first ([output]'s device): the other devices, Snapcast
/// streams and files its zones play on (station::station_outputs). Pure.
std::vector<ChainOutput> more_outputs(const station::Station& st);

}  // namespace vc::engine
