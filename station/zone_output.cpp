// The zone output grammar: null, wav:/flac: files, snapcast:STREAM, and PortAudio devices with
// an optional channel suffix.

#include "station/zone_output.hpp"

#include <algorithm>

namespace vc::station {
namespace {

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

bool starts_with(std::string_view text, std::string_view prefix) {
    return text.substr(0, prefix.size()) == prefix;
}

bool valid_stream_name(std::string_view name) {
    return !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
        return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-' ||
               c == '_';
    });
}

/// "1+2" read into channels; false and `problem` set when a part is not a channel.
bool parse_channels(std::string_view suffix, std::vector<int>& out, std::string& problem) {
    std::size_t start = 0;
    while (true) {
        const auto plus = suffix.find('+', start);
        const auto part =
            suffix.substr(start, plus == std::string_view::npos ? suffix.npos : plus - start);
        if (part.empty() || !std::all_of(part.begin(), part.end(), is_digit)) {
            problem =
                "channels after the last \":\" are written CH or CH1+CH2 (e.g. "
                "\"default:1\" or \"default:1+2\"), not \"" +
                std::string(suffix) + "\"";
            return false;
        }
        int channel = 0;
        for (char c : part) channel = std::min(channel * 10 + (c - '0'), 1000);
        if (channel < 1 || channel > max_zone_channel) {
            problem = "channel " + std::string(part) +
                      " is not a channel: channels count from 1 to " +
                      std::to_string(max_zone_channel);
            return false;
        }
        if (std::find(out.begin(), out.end(), channel) != out.end()) {
            problem = "channel " + std::to_string(channel) + " is named twice";
            return false;
        }
        out.push_back(channel);
        if (plus == std::string_view::npos) return true;
        start = plus + 1;
    }
}

std::string channel_text(const std::vector<int>& channels, std::string_view separator) {
    std::string out;
    for (int c : channels) out += (out.empty() ? "" : std::string(separator)) + std::to_string(c);
    return out;
}

}  // namespace

std::optional<ZoneOutput> parse_zone_output(std::string_view text, std::string& problem) {
    ZoneOutput out;
    if (text.empty()) {
        problem =
            "is empty; write a device (\"default\", \"default:1\"), \"snapcast:STREAM\", "
            "\"null\", \"wav:FILE\" or \"flac:FILE\"";
        return std::nullopt;
    }
    if (text == "null") {
        out.kind = ZoneOutput::Kind::null;
        return out;
    }
    for (auto [prefix, kind] : {std::pair{std::string_view("wav:"), ZoneOutput::Kind::wav},
                                std::pair{std::string_view("flac:"), ZoneOutput::Kind::flac}}) {
        if (!starts_with(text, prefix)) continue;
        out.kind = kind;
        out.file = std::string(text.substr(prefix.size()));
        if (out.file.empty()) {
            problem = "\"" + std::string(text) + "\" names no file; write e.g. \"" +
                      std::string(prefix) + "/var/lib/villagecast/zone.wav\"";
            return std::nullopt;
        }
        return out;
    }
    if (starts_with(text, "snapcast:")) {
        out.kind = ZoneOutput::Kind::snapcast;
        out.stream = std::string(text.substr(9));
        if (!valid_stream_name(out.stream)) {
            problem = "\"" + std::string(text) +
                      "\": a Snapcast stream's name is letters, digits, '-' and '_' only, e.g. "
                      "\"snapcast:wangjia\"";
            return std::nullopt;
        }
        return out;
    }
    out.kind = ZoneOutput::Kind::device;
    out.device = std::string(text);
    const auto colon = text.rfind(':');
    if (colon == std::string_view::npos) return out;
    const auto suffix = text.substr(colon + 1);
    // Only digits and '+' after the last colon make a channel suffix; anything else ("hw:0,0",
    // "(hw:0,0)") is part of the device's name.
    const bool channel_like =
        !suffix.empty() && std::any_of(suffix.begin(), suffix.end(), is_digit) &&
        std::all_of(suffix.begin(), suffix.end(), [](char c) { return is_digit(c) || c == '+'; });
    if (!channel_like) return out;
    if (colon == 0) {
        problem = "\"" + std::string(text) +
                  "\" names no device before its channels; write e.g. "
                  "\"default" +
                  std::string(text) + "\"";
        return std::nullopt;
    }
    if (!parse_channels(suffix, out.channels, problem)) {
        problem = "\"" + std::string(text) + "\": " + problem;
        return std::nullopt;
    }
    out.device = std::string(text.substr(0, colon));
    return out;
}

std::string format_zone_output(const ZoneOutput& output) {
    switch (output.kind) {
        case ZoneOutput::Kind::null:
            return "null";
        case ZoneOutput::Kind::wav:
            return "wav:" + output.file;
        case ZoneOutput::Kind::flac:
            return "flac:" + output.file;
        case ZoneOutput::Kind::snapcast:
            return "snapcast:" + output.stream;
        case ZoneOutput::Kind::device:
            break;
    }
    if (output.channels.empty()) return output.device;
    return output.device + ":" + channel_text(output.channels, "+");
}

std::string describe_zone_output(const ZoneOutput& output) {
    switch (output.kind) {
        case ZoneOutput::Kind::null:
            return "nowhere (null)";
        case ZoneOutput::Kind::wav:
        case ZoneOutput::Kind::flac:
            return "file " + format_zone_output(output);
        case ZoneOutput::Kind::snapcast:
            return "Snapcast stream \"" + output.stream + "\"";
        case ZoneOutput::Kind::device:
            break;
    }
    const std::string device = "device \"" + output.device + "\"";
    if (output.channels.empty()) return device + ", every channel";
    return (output.channels.size() == 1 ? "channel " : "channels ") +
           channel_text(output.channels, "+") + " of " + device;
}

ZoneOutput whole_station_output(std::string_view device) {
    ZoneOutput out;
    if (device == "null") {
        out.kind = ZoneOutput::Kind::null;
    } else if (starts_with(device, "wav:")) {
        out.kind = ZoneOutput::Kind::wav;
        out.file = std::string(device.substr(4));
    } else if (starts_with(device, "flac:")) {
        out.kind = ZoneOutput::Kind::flac;
        out.file = std::string(device.substr(5));
    } else if (starts_with(device, "snapcast:")) {
        out.kind = ZoneOutput::Kind::snapcast;
        out.stream = std::string(device.substr(9));
    } else {
        out.device = std::string(device);
    }
    return out;
}

}  // namespace vc::station
