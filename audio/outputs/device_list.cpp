#include "audio/outputs/device_list.hpp"

#include <portaudio.h>

#include <algorithm>
#include <cctype>
#include <charconv>

#include "audio/outputs/portaudio_session.hpp"
#include "core/diagnostic.hpp"

namespace vc::audio {

namespace {

std::string lower(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

enum class Direction { output, input };

/// The words an error message uses for the devices of one direction.
struct DirectionWords {
    const char* device;  ///< "sound device", "capture device"
    const char* list;    ///< what the listing in a message is called: "devices", "capture devices"
};

DirectionWords words(Direction direction) {
    return direction == Direction::output ? DirectionWords{"sound device", "devices"}
                                          : DirectionWords{"capture device", "capture devices"};
}

std::vector<DeviceInfo> enumerate(Direction direction) {
    std::vector<DeviceInfo> devices;
    const PaDeviceIndex count = Pa_GetDeviceCount();
    const PaDeviceIndex default_device =
        direction == Direction::output ? Pa_GetDefaultOutputDevice() : Pa_GetDefaultInputDevice();
    for (PaDeviceIndex i = 0; i < count; ++i) {
        const PaDeviceInfo* info = Pa_GetDeviceInfo(i);
        if (!info) continue;
        const int channels =
            direction == Direction::output ? info->maxOutputChannels : info->maxInputChannels;
        if (channels <= 0) continue;
        DeviceInfo d;
        d.index = i;
        d.name = info->name ? info->name : "";
        if (const PaHostApiInfo* host = Pa_GetHostApiInfo(info->hostApi); host && host->name)
            d.host_api = host->name;
        d.max_output_channels = info->maxOutputChannels;
        d.max_input_channels = info->maxInputChannels;
        d.default_sample_rate = info->defaultSampleRate;
        d.is_default = i == default_device;
        devices.push_back(std::move(d));
    }
    return devices;
}

[[noreturn]] void no_device_at_all(Direction direction) {
    if (direction == Direction::input)
        throw UserError(
            "no capture device (microphone or line input) was found: check that the microphone "
            "or USB sound adapter is connected and that the sound server sees it");
    throw UserError(
        "no sound device was found: check that the sound card or USB adapter is connected, run "
        "`villagecast devices` to see what is found, or play to a file with `--output wav:FILE` "
        "or to nowhere with `--output null`");
}

/// The device of `direction` that `spec` names ("default", an index, part of a name).
DeviceInfo find_device(std::string_view spec, Direction direction) {
    PortAudioSession session;
    const auto devices = enumerate(direction);
    if (devices.empty()) no_device_at_all(direction);
    const std::string device = words(direction).device;
    const std::string list = words(direction).list;

    if (spec == "default") {
        for (const auto& d : devices)
            if (d.is_default) return d;
        throw UserError("there is no default " + device +
                        "; choose one by number or name:" + describe_devices(devices));
    }
    if (!spec.empty() && std::all_of(spec.begin(), spec.end(),
                                     [](unsigned char c) { return std::isdigit(c) != 0; })) {
        int index = -1;
        std::from_chars(spec.data(), spec.data() + spec.size(), index);
        for (const auto& d : devices)
            if (d.index == index) return d;
        throw UserError("there is no " + device + " number " + std::string(spec) + "; the " + list +
                        " are:" + describe_devices(devices));
    }
    const std::string wanted = lower(spec);
    std::vector<DeviceInfo> matches;
    for (const auto& d : devices) {
        if (lower(d.name) == wanted) return d;
        if (lower(d.name).find(wanted) != std::string::npos) matches.push_back(d);
    }
    if (matches.size() == 1) return matches.front();
    if (matches.empty())
        throw UserError("no " + device + "'s name contains \"" + std::string(spec) + "\"; the " +
                        list + " are:" + describe_devices(devices));
    throw UserError("\"" + std::string(spec) + "\" matches several " + device +
                    "s; give more of the name or the number:" + describe_devices(matches));
}

}  // namespace

std::vector<DeviceInfo> list_devices() {
    PortAudioSession session;
    return enumerate(Direction::output);
}

std::vector<DeviceInfo> list_input_devices() {
    PortAudioSession session;
    return enumerate(Direction::input);
}

std::string describe_devices(const std::vector<DeviceInfo>& devices) {
    std::string out;
    for (const auto& d : devices) {
        out += "\n  " + std::to_string(d.index) + "  " + d.name + "  [" + d.host_api + "]";
        if (d.is_default) out += "  (default)";
    }
    return out;
}

DeviceInfo find_output_device(std::string_view spec) {
    return find_device(spec, Direction::output);
}

DeviceInfo find_input_device(std::string_view spec) {
    return find_device(spec, Direction::input);
}

}  // namespace vc::audio
