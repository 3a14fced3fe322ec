#pragma once
// The sound devices PortAudio finds, and choosing one by a spec a person typed.

#include <string>
#include <string_view>
#include <vector>

namespace vc::audio {

/// One output-capable sound device as PortAudio lists it.
struct DeviceInfo {
    int index = 0;         ///< PortAudio's device index (may shift when USB devices come and go)
    std::string name;      ///< e.g. "HDA Intel PCH: ALC892 Analog (hw:0,0)", "pulse", "default"
    std::string host_api;  ///< e.g. "ALSA", "JACK Audio Connection Kit"
    int max_output_channels = 0;
    double default_sample_rate = 0;
    bool is_default = false;  ///< PortAudio's default output device
};

/// Every device that can play sound, for `villagecast devices`. Control thread. Throws
/// UserError when PortAudio cannot start.
std::vector<DeviceInfo> list_devices();

/// The device a spec names: "default", a device index (digits) or a case-insensitive part of
/// a device's name (an exact name wins). Throws UserError when there is no sound device at all
/// (saying to run `villagecast devices` or use `--output wav:FILE` / `null`), when the spec
/// matches none or several (listing the devices), or when PortAudio cannot start.
DeviceInfo find_output_device(std::string_view spec);

/// The devices as lines for an error message: "  3  name  [host API]" (marks the default).
std::string describe_devices(const std::vector<DeviceInfo>& devices);

}  // namespace vc::audio
