#pragma once
// The sound devices PortAudio finds, and choosing one by a spec a person typed.

#include <string>
#include <string_view>
#include <vector>

namespace vc::audio {

/// One sound device as PortAudio lists it (an output or a capture device, or both).
struct DeviceInfo {
    int index = 0;         ///< PortAudio's device index (may shift when USB devices come and go)
    std::string name;      ///< e.g. "HDA Intel PCH: ALC892 Analog (hw:0,0)", "pulse", "default"
    std::string host_api;  ///< e.g. "ALSA", "JACK Audio Connection Kit"
    int max_output_channels = 0;
    int max_input_channels = 0;
    double default_sample_rate = 0;
    /// PortAudio's default output device (in list_devices) or default input device (in
    /// list_input_devices).
    bool is_default = false;
};

/// Every device that can play sound, for `villagecast devices`. Control thread. Throws
/// UserError when PortAudio cannot start.
std::vector<DeviceInfo> list_devices();

/// The device a spec names: "default", a device index (digits) or a case-insensitive part of
/// a device's name (an exact name wins). Throws UserError when there is no sound device at all
/// (saying to run `villagecast devices` or use `--output wav:FILE` / `null`), when the spec
/// matches none or several (listing the devices), or when PortAudio cannot start.
DeviceInfo find_output_device(std::string_view spec);

/// Every device that can capture sound (a microphone, a line input). Control thread. Throws
/// UserError when PortAudio cannot start.
std::vector<DeviceInfo> list_input_devices();

/// The capture device a spec names, in the same grammar as find_output_device (is_default is
/// PortAudio's default input device). Throws UserError when there is no capture device at all,
/// when the spec matches none or several (naming the spec and listing the capture devices), or
/// when PortAudio cannot start.
DeviceInfo find_input_device(std::string_view spec);

/// The devices as lines for an error message: "  3  name  [host API]" (marks the default).
std::string describe_devices(const std::vector<DeviceInfo>& devices);

}  // namespace vc::audio
