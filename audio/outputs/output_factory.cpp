#include "audio/outputs/output_factory.hpp"

#include <string>

#include "audio/outputs/file_output.hpp"
#include "audio/outputs/null_output.hpp"
#include "audio/outputs/portaudio_output.hpp"
#include "audio/outputs/snapcast_output.hpp"
#include "core/clock.hpp"
#include "core/diagnostic.hpp"

namespace vc::audio {

namespace {

constexpr std::string_view grammar =
    "`default`, a device number or part of a device name (see `villagecast devices`), "
    "`wav:FILE`, `flac:FILE`, `snapcast:STREAM` or `null`";

std::unique_ptr<Output> file_output(std::string_view spec, std::string_view prefix,
                                    FileOutput::Kind kind) {
    const std::string_view file = spec.substr(prefix.size());
    if (file.empty())
        throw UserError("output `" + std::string(spec) + "` names no file: write it as " +
                        std::string(prefix) + "/path/to/airing" +
                        (kind == FileOutput::Kind::wav ? ".wav" : ".flac"));
    return std::make_unique<FileOutput>(std::filesystem::path(std::string(file)), kind);
}

std::unique_ptr<Output> snapcast_output(std::string_view spec, const OutputOptions& options) {
    const std::string stream(spec.substr(std::string_view("snapcast:").size()));
    const auto it = options.snapcast.find(stream);
    if (it == options.snapcast.end())
        throw UserError("output `" + std::string(spec) +
                        "`: the station has no Snapcast stream \"" + stream +
                        "\" (a [[zone]] in station.toml whose output is \"snapcast:" + stream +
                        "\", or [output] device)");
    static SystemClock system_clock;
    return std::make_unique<SnapcastOutput>(stream, it->second,
                                            options.clock ? *options.clock : system_clock);
}

}  // namespace

bool is_file_output(std::string_view spec) {
    return spec.starts_with("wav:") || spec.starts_with("flac:");
}

std::unique_ptr<Output> make_output(std::string_view spec, const OutputOptions& options) {
    if (spec.empty()) throw UserError("no output given: use " + std::string(grammar));
    if (spec == "null") return std::make_unique<NullOutput>(options.clock);
    if (spec.starts_with("wav:")) return file_output(spec, "wav:", FileOutput::Kind::wav);
    if (spec.starts_with("flac:")) return file_output(spec, "flac:", FileOutput::Kind::flac);
    if (spec.starts_with("snapcast:")) return snapcast_output(spec, options);
    return std::make_unique<PortAudioOutput>(std::string(spec), options);
}

}  // namespace vc::audio
