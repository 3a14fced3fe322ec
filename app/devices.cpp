// villagecast devices: the sound devices PortAudio can play to, or the microphones it can
// capture.

#include <iostream>

#include "app/commands.hpp"
#include "audio/outputs/device_list.hpp"
#include "cli/commands.hpp"
#include "cli/format.hpp"

namespace vc::app {

using namespace cli;  // the commands' vocabulary: Args, CommandLine, parse, exit codes

namespace {

void print_devices(const std::vector<audio::DeviceInfo>& devices, bool input, OutputFormat format) {
    Table table{{"index", "name", "host", "channels", "rate", "default"}, {}, {0, 3, 4}};
    for (const auto& d : devices)
        table.rows.push_back({std::to_string(d.index), d.name, d.host_api,
                              std::to_string(input ? d.max_input_channels : d.max_output_channels),
                              std::to_string(static_cast<int>(d.default_sample_rate)),
                              d.is_default ? "yes" : ""});
    print_table(std::cout, table, format);
}

}  // namespace

int run_devices(const Args& args) {
    CommandLine line{
        "devices", "[--input] [--format table|csv|json] [--check]",
        "Lists the sound devices villagecast can play to, as PortAudio finds them.\n"
        "Name one in station.toml ([output] device = \"...\") or with --output: a part\n"
        "of its name is enough, and is safer than its number, which can change when\n"
        "USB devices are plugged in. With --check, prints nothing and exits 0 when the\n"
        "station's output device (or the default one) is there, 1 when it is not.\n"
        "With --input, lists the microphones instead ([page] input = \"...\")."};
    line.options.add_options()("format", po::value<std::string>()->default_value("table"),
                               "table, csv or json")("check", "only check that a device is there")(
        "input", "list the microphones (capture devices) instead");
    auto parsed = parse(line, args);
    if (parsed.help) return exit_ok;
    auto format = parse_format(parsed.values["format"].as<std::string>(), "devices");

    if (parsed.values.count("check") != 0) {
        try {
            audio::find_output_device("default");
            return exit_ok;
        } catch (const std::exception& e) {
            std::cerr << e.what() << '\n';
            return exit_problem;
        }
    }
    const bool input = parsed.values.count("input") != 0;
    if (input) {
        auto devices = audio::list_input_devices();
        if (devices.empty()) {
            std::cerr << "No microphone was found. Plug one into the office PC (or a USB sound "
                         "card with a microphone input).\n";
            return exit_problem;
        }
        print_devices(devices, true, format);
        return exit_ok;
    }
    auto devices = audio::list_devices();
    if (devices.empty()) {
        std::cerr
            << "No sound device was found. Plug in the loudspeaker line's sound card, or use\n"
               "a file output (--output wav:FILE) or the null output (--output null).\n";
        return exit_problem;
    }
    print_devices(devices, false, format);
    return exit_ok;
}

}  // namespace vc::app
