#include "audio/decode/file_format.hpp"

#include <sndfile.h>

#include <algorithm>
#include <cctype>
#include <fstream>

namespace vc::audio {

namespace {

std::string library_name(int sf_format) {
    SF_FORMAT_INFO info{};
    info.format = sf_format;
    if (sf_command(nullptr, SFC_GET_FORMAT_INFO, &info, sizeof info) == 0 && info.name)
        return info.name;
    return "format 0x" + [&] {
        static constexpr char digits[] = "0123456789abcdef";
        std::string s;
        for (int shift = 28; shift >= 0; shift -= 4) s += digits[(sf_format >> shift) & 0xF];
        return s;
    }();
}

std::string encoding_name(int sf_format) {
    switch (sf_format & SF_FORMAT_SUBMASK) {
        case SF_FORMAT_PCM_S8:
        case SF_FORMAT_PCM_U8:
            return "PCM-8";
        case SF_FORMAT_PCM_16:
            return "PCM-16";
        case SF_FORMAT_PCM_24:
            return "PCM-24";
        case SF_FORMAT_PCM_32:
            return "PCM-32";
        case SF_FORMAT_FLOAT:
            return "float";
        case SF_FORMAT_DOUBLE:
            return "double";
        case SF_FORMAT_ULAW:
            return "u-law";
        case SF_FORMAT_ALAW:
            return "A-law";
        case SF_FORMAT_IMA_ADPCM:
        case SF_FORMAT_MS_ADPCM:
            return "ADPCM";
        default:
            return library_name(sf_format & SF_FORMAT_SUBMASK);
    }
}

}  // namespace

std::string lower_extension(const std::filesystem::path& file) {
    std::string ext = file.extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return ext;
}

std::string describe_format(int sf_format) {
    const int sub = sf_format & SF_FORMAT_SUBMASK;
    switch (sf_format & SF_FORMAT_TYPEMASK) {
        case SF_FORMAT_WAV:
        case SF_FORMAT_WAVEX:
            return "WAV " + encoding_name(sf_format);
        case SF_FORMAT_RF64:
            return "RF64 " + encoding_name(sf_format);
        case SF_FORMAT_W64:
            return "W64 " + encoding_name(sf_format);
        case SF_FORMAT_AIFF:
            return "AIFF " + encoding_name(sf_format);
        case SF_FORMAT_CAF:
            return "CAF " + encoding_name(sf_format);
        case SF_FORMAT_FLAC:
            return "FLAC " + encoding_name(sf_format);
        case SF_FORMAT_OGG:
            if (sub == SF_FORMAT_VORBIS) return "Ogg Vorbis";
            if (sub == SF_FORMAT_OPUS) return "Opus";
            return "Ogg " + encoding_name(sf_format);
        case SF_FORMAT_MPEG:
            if (sub == SF_FORMAT_MPEG_LAYER_III) return "MP3";
            if (sub == SF_FORMAT_MPEG_LAYER_II) return "MP2";
            if (sub == SF_FORMAT_MPEG_LAYER_I) return "MP1";
            return "MPEG audio";
        default:
            return library_name(sf_format & SF_FORMAT_TYPEMASK) + " " + encoding_name(sf_format);
    }
}

std::string usual_extension(int sf_format) {
    const int sub = sf_format & SF_FORMAT_SUBMASK;
    switch (sf_format & SF_FORMAT_TYPEMASK) {
        case SF_FORMAT_WAV:
        case SF_FORMAT_WAVEX:
        case SF_FORMAT_RF64:
            return ".wav";
        case SF_FORMAT_W64:
            return ".w64";
        case SF_FORMAT_AIFF:
            return ".aiff";
        case SF_FORMAT_CAF:
            return ".caf";
        case SF_FORMAT_FLAC:
            return ".flac";
        case SF_FORMAT_OGG:
            return sub == SF_FORMAT_OPUS ? ".opus" : ".ogg";
        case SF_FORMAT_MPEG:
            if (sub == SF_FORMAT_MPEG_LAYER_II) return ".mp2";
            if (sub == SF_FORMAT_MPEG_LAYER_I) return ".mp1";
            return ".mp3";
        default: {
            SF_FORMAT_INFO info{};
            info.format = sf_format & SF_FORMAT_TYPEMASK;
            if (sf_command(nullptr, SFC_GET_FORMAT_INFO, &info, sizeof info) == 0 && info.extension)
                return std::string(".") + info.extension;
            return "";
        }
    }
}

bool extension_matches(const std::filesystem::path& file, int sf_format) {
    const std::string ext = lower_extension(file);
    const int major = sf_format & SF_FORMAT_TYPEMASK;
    const int sub = sf_format & SF_FORMAT_SUBMASK;
    if (ext == ".wav" || ext == ".wave")
        return major == SF_FORMAT_WAV || major == SF_FORMAT_WAVEX || major == SF_FORMAT_RF64;
    if (ext == ".rf64") return major == SF_FORMAT_RF64 || major == SF_FORMAT_WAV;
    if (ext == ".w64") return major == SF_FORMAT_W64;
    if (ext == ".aif" || ext == ".aiff" || ext == ".aifc") return major == SF_FORMAT_AIFF;
    if (ext == ".caf") return major == SF_FORMAT_CAF;
    if (ext == ".flac") return major == SF_FORMAT_FLAC;
    if (ext == ".ogg" || ext == ".oga") return major == SF_FORMAT_OGG;
    if (ext == ".opus") return major == SF_FORMAT_OGG && sub == SF_FORMAT_OPUS;
    if (ext == ".mp3" || ext == ".mp2" || ext == ".mp1" || ext == ".mpga")
        return major == SF_FORMAT_MPEG;
    return true;
}

const std::vector<std::string>& ffmpeg_extensions() {
    static const std::vector<std::string> exts = {".m4a", ".mp4", ".aac", ".amr",
                                                  ".awb", ".wma", ".3gp"};
    return exts;
}

bool read_by_ffmpeg(const std::filesystem::path& file) {
    const auto& exts = ffmpeg_extensions();
    return std::find(exts.begin(), exts.end(), lower_extension(file)) != exts.end();
}

bool holds_wechat_silk(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    char head[10] = {};
    in.read(head, sizeof head);
    const std::string start(head, static_cast<std::size_t>(in.gcount()));
    static const std::string silk = "#!SILK_V3";
    return start.rfind(silk, 0) == 0 ||
           (start.size() > 1 && start.compare(1, silk.size(), silk) == 0);
}

std::string wechat_silk_advice() {
    return "it is a WeChat voice message (SILK audio), not AMR, and cannot be decoded here; in "
           "WeChat, play it while the phone's voice recorder records it, or ask the sender to "
           "record with the phone's voice recorder and send that file (M4A or AMR)";
}

}  // namespace vc::audio
