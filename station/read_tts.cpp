// station.toml's [tts]: an external text-to-speech program (a neural voice installed by hand)
// that speaks typed notices instead of espeak-ng's library.

#include "station/read_values.hpp"
#include "station/section_readers.hpp"

namespace vc::station {

void read_tts(TomlTable& t, TtsSettings& out) {
    if (t.has("command")) {
        if (auto argv = t.get_strings("command")) {
            bool has_out = false;
            for (const auto& a : *argv) has_out = has_out || a.find("{out}") != std::string::npos;
            if (argv->empty() || argv->front().empty()) {
                t.error_at("command",
                           "`command` in [tts] must be a command as a list, its program first, "
                           "e.g. [\"piper\", \"--model\", \"/srv/voices/zh.onnx\", "
                           "\"--output_file\", \"{out}\"]");
            } else if (!has_out) {
                t.error_at("command",
                           "`command` in [tts] must say where the program writes its WAV: put "
                           "\"{out}\" where it takes its output file (the text comes on its "
                           "standard input)");
            } else {
                out.command = *argv;
            }
        }
    }
    if (auto d = t.get_duration("timeout")) {
        if (*d < Millis(1000) || *d > Millis(600'000))
            t.error_at("timeout", "`timeout` in [tts] must be between 1s and 10m");
        else
            out.timeout = *d;
    }
    t.report_unknown_keys();
}

}  // namespace vc::station
