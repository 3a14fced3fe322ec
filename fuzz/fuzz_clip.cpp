// Clip analysis on arbitrary bytes: the file a clerk drops into clips/ or uploads, decoded to
// the end, measured and hashed by audio::analyse_clip, then read again through the Decoder the
// audio path uses (with a rewind, as a looping bed does). The file is named with the extension
// its first bytes suggest, so that the decoding is reached rather than refused as mislabelled:
// libsndfile's formats, and what phones record (AAC/M4A, ADTS AAC, AMR, WMA) through FFmpeg.

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "audio/decode/clip_analysis.hpp"
#include "audio/decode/decoder.hpp"
#include "fuzz/fuzz_support.hpp"

namespace {

const char* extension_for(std::string_view bytes) {
    const auto byte = [&](std::size_t i) {
        return i < bytes.size() ? static_cast<unsigned char>(bytes[i]) : 0u;
    };
    // What phones record, read by FFmpeg.
    if (bytes.starts_with("#!AMR-WB")) return ".awb";
    if (bytes.starts_with("#!AMR") || bytes.find("#!SILK") < 2) return ".amr";
    if (bytes.size() > 8 && bytes.substr(4, 4) == "ftyp") return ".m4a";
    if (bytes.starts_with("\x30\x26\xb2\x75")) return ".wma";
    if (byte(0) == 0xff && (byte(1) & 0xf6) == 0xf0) return ".aac";  // ADTS
    if (bytes.starts_with("fLaC")) return ".flac";
    if (bytes.starts_with("OggS"))
        return bytes.find("OpusHead") != std::string_view::npos ? ".opus" : ".ogg";
    if (bytes.starts_with("ID3") ||
        (bytes.size() > 1 && static_cast<unsigned char>(bytes[0]) == 0xff &&
         (static_cast<unsigned char>(bytes[1]) & 0xe0) == 0xe0))
        return ".mp3";
    return ".wav";
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto bytes = vc::fuzz::as_text(data, size);
    const auto file = vc::fuzz::process_dir() / (std::string("clip") + extension_for(bytes));
    vc::fuzz::write_file(file, bytes);
    auto analysis = vc::audio::analyse_clip(file);
    if (analysis.ok && (analysis.frames < 0 || analysis.channels < 1 || analysis.sample_rate < 1))
        vc::fuzz::fail("an analysed clip has no frames, channels or rate");
    if (analysis.ok) {
        try {
            vc::audio::Decoder decoder(file);
            std::vector<float> block(static_cast<std::size_t>(512 * decoder.channels()));
            std::int64_t frames = 0;
            while (auto n = decoder.read(block.data(), 512)) frames += n;
            if (frames != analysis.frames)
                vc::fuzz::fail("the Decoder read a different number of frames than analyse_clip");
            decoder.rewind();
            (void)decoder.read(block.data(), 512);
        } catch (const vc::audio::AudioFileError&) {
        }
    }
    std::filesystem::remove(file);
    return 0;
}
