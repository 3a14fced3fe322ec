#pragma once
// Phone recordings made in the test, by the encoders Debian ships: FFmpeg's command-line tool
// (AAC in M4A, an MP4 video with an AAC track, WMA), sox (AMR-NB) and libvo-amrwbenc (AMR-WB;
// Debian's FFmpeg and sox have no AMR-WB encoder).

#include <filesystem>
#include <string>

namespace vc::test {

enum class PhoneFormat { m4a, mp4_video, wma, amr_nb, amr_wb };

/// The usual extension of each kind (".m4a", ".mp4", ".wma", ".amr", ".awb").
std::string phone_extension(PhoneFormat format);

/// Writes a `seconds`-long sine at `freq` Hz and peak `amplitude` to `file` in `format`, at the
/// format's usual rate (44.1 kHz stereo for M4A/MP4/WMA, 8 kHz mono for AMR-NB, 16 kHz mono for
/// AMR-WB). Throws std::runtime_error with the encoder's output when it fails.
void write_phone_recording(const std::filesystem::path& file, PhoneFormat format, double seconds,
                           double freq = 1000.0, double amplitude = 0.5);

/// The rate `write_phone_recording` writes `format` at.
int phone_rate(PhoneFormat format);

}  // namespace vc::test
