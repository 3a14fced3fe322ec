#include "audio/outputs/render_to_file.hpp"

#include <algorithm>
#include <cctype>
#include <string>
#include <thread>
#include <vector>

#include "audio/outputs/file_output.hpp"
#include "audio/sources/renderer.hpp"
#include "core/diagnostic.hpp"

namespace vc::audio {

void render_to_file(const Timeline& timeline, const std::filesystem::path& out) {
    std::string ext = out.extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    FileOutput::Kind kind;
    if (ext == ".wav")
        kind = FileOutput::Kind::wav;
    else if (ext == ".flac")
        kind = FileOutput::Kind::flac;
    else
        throw UserError("cannot tell which format to write from the name " + out.string() +
                        ": end it in .wav or .flac");

    Renderer renderer(timeline, std::thread::hardware_concurrency() > 1 ? 2 : 1);
    FileOutput file(out, kind);
    file.open(timeline.format);
    constexpr std::int64_t block = 16384;
    std::vector<float> buf(static_cast<std::size_t>(block * timeline.format.channels));
    while (const std::int64_t n = renderer.render(buf.data(), block)) file.write(buf.data(), n);
    file.drain();
    file.close();
}

}  // namespace vc::audio
