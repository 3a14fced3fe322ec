#pragma once
// Choosing an output by the spec a person gave (`--output`, station.toml).

#include <memory>
#include <string_view>

#include "audio/output.hpp"
#include "audio/outputs/output_options.hpp"

namespace vc::audio {

/// Makes the output a spec names:
///   `null`        frames go nowhere (paced by options.clock when one is given)
///   `wav:FILE`    a 16-bit WAV file (RF64 past 4 GiB)
///   `flac:FILE`   a 16-bit FLAC file
///   `snapcast:S`  the Snapcast stream S of options.snapcast, paced by options.clock (or the
///                 machine's clock)
///   `default`     PortAudio's default output device
///   `3`           PortAudio device number 3 (as `villagecast devices` lists them)
///   `USB Audio`   the one device whose name contains these words (case-insensitive)
/// Devices are looked up now, so a wrong spec fails at once. Control thread. Throws UserError
/// for an empty spec, a file spec without a file, no sound device at all, or a device spec that
/// matches none or several devices (listing them).
std::unique_ptr<Output> make_output(std::string_view spec, const OutputOptions& options = {});

/// True for `wav:FILE` and `flac:FILE`: an output written as fast as frames come, not at the
/// pace of a listener.
bool is_file_output(std::string_view spec);

}  // namespace vc::audio
