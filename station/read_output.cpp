// station.toml's [output]: the device sound goes to, its sample format, and the commands that
// switch the amplifier on before a foreground airing and off after it.

#include "station/read_values.hpp"
#include "station/section_readers.hpp"
#include "station/zone_output.hpp"

namespace vc::station {
namespace {

// An amplifier command: ["/usr/local/bin/amp", "on"], the program as an absolute path.
void read_amp_command(TomlTable& t, std::string_view key, std::vector<std::string>& out) {
    if (!t.has(key)) return;
    auto argv = t.get_strings(key);
    if (!argv) return;  // get_strings reported the wrong type
    if (argv->empty() || argv->front().empty() || argv->front().front() != '/') {
        t.error_at(key, "`" + std::string(key) +
                            "` in [output] must be a command as a list, its program as an "
                            "absolute path, e.g. [\"/usr/local/bin/amp\", \"on\"]");
        return;
    }
    out = *argv;
}

void read_amp_delay(TomlTable& t, std::string_view key, Millis most, Millis& out) {
    auto d = t.get_duration(key);
    if (!d) return;
    if (*d < Millis(0) || *d > most) {
        t.error_at(key, "`" + std::string(key) + "` in [output] must be between 0s and " +
                            format_duration(most));
        return;
    }
    out = *d;
}

/// `device`: a name or number of a PortAudio device, "null", "wav:FILE" / "flac:FILE", or
/// "snapcast:STREAM".
void read_device(TomlTable& t, std::string& out, SourcePos& pos) {
    const auto* n = t.get_node("device");
    if (!n) return;
    pos = pos_of(*n);
    if (const auto* text = n->as_string()) {
        const std::string& device = text->get();
        std::string problem;
        if (device.empty()) {
            t.error(pos_of(*n),
                    "`device` in [output] is empty; write \"default\", a device name "
                    "or number, \"null\", \"wav:FILE\", \"flac:FILE\" or \"snapcast:STREAM\"");
        } else if ((device.starts_with("wav:") || device.starts_with("flac:")) &&
                   device.substr(device.find(':') + 1).empty()) {
            t.error(pos_of(*n), "`device` in [output]: \"" + device +
                                    "\" names no file; write e.g. \"wav:/var/lib/air.wav\"");
        } else if (device.starts_with("snapcast:") && !parse_zone_output(device, problem)) {
            t.error(pos_of(*n), "`device` in [output]: " + problem);
        } else {
            out = device;
        }
    } else if (n->is_integer()) {
        auto index = *n->value<std::int64_t>();
        if (index < 0) {
            t.error(pos_of(*n), "`device` in [output]: a device number cannot be negative");
        } else {
            out = std::to_string(index);
        }
    } else {
        t.error(pos_of(*n),
                "`device` in [output] must be a device name in quotes or a device "
                "number, not " +
                    std::string(toml_type_name(*n)));
    }
}

}  // namespace

void read_output(TomlTable& t, OutputSettings& out) {
    read_device(t, out.device, out.device_pos);
    read_ranged(t, "sample_rate", 8000, 192000, "(Hz)", out.sample_rate);
    read_ranged(t, "channels", 1, max_zone_channel, "", out.channels);
    if (out.device.starts_with("snapcast:") && (out.sample_rate != 48000 || out.channels > 2))
        t.error(out.device_pos, "`device` in [output] is the Snapcast stream \"" +
                                    out.device.substr(9) +
                                    "\", which carries 48 kHz stereo: leave out `sample_rate` "
                                    "and `channels`, or write 48000 and 2");
    read_amp_command(t, "before", out.before);
    read_amp_command(t, "after", out.after);
    read_amp_delay(t, "before_lead", Millis(60'000), out.before_lead);
    read_amp_delay(t, "after_delay", Millis(3'600'000), out.after_delay);
    read_amp_delay(t, "command_timeout", Millis(300'000), out.command_timeout);
    if (out.command_timeout < Millis(100))
        t.error_at("command_timeout", "`command_timeout` in [output] must be at least 100ms");
    if (auto d = t.get_duration("latency")) {
        if (*d < Millis(10) || *d > Millis(1000))
            t.error_at("latency", "`latency` in [output] must be between 10ms and 1s");
        else
            out.latency = *d;
    }
    t.report_unknown_keys();
}

}  // namespace vc::station
