#include "tests/support/phone_recordings.hpp"

#include <cmath>
#include <fstream>
#include <numbers>
#include <stdexcept>
#include <vector>

#include <vo-amrwbenc/enc_if.h>

#include "tests/support/fixtures.hpp"
#include "tests/support/run_command.hpp"

namespace vc::test {

namespace {

void run(const std::vector<std::string>& argv) {
    const auto r = run_command(argv);
    if (r.exit_code != 0)
        throw std::runtime_error(argv[0] + " failed (" + std::to_string(r.exit_code) +
                                 "): " + r.err);
}

/// AMR-WB's storage format (RFC 4867 section 5): the magic line, then each 20 ms frame of 320
/// samples at 16 kHz as the encoder gives it.
void write_amr_wb(const std::filesystem::path& file, double seconds, double freq,
                  double amplitude) {
    void* enc = E_IF_init();
    if (!enc) throw std::runtime_error("libvo-amrwbenc would not start");
    std::ofstream out(file, std::ios::binary);
    out << "#!AMR-WB\n";
    const auto frames = static_cast<long>(std::lround(seconds * 16000 / 320));
    std::vector<short> speech(320);
    unsigned char packet[64];
    long n = 0;
    for (long f = 0; f < frames; ++f) {
        for (auto& s : speech) {
            s = static_cast<short>(std::lround(
                32767.0 * amplitude *
                std::sin(2 * std::numbers::pi * freq * static_cast<double>(n) / 16000.0)));
            ++n;
        }
        const int bytes = E_IF_encode(enc, 8 /* 23.85 kbit/s */, speech.data(), packet, 0);
        out.write(reinterpret_cast<const char*>(packet), bytes);
    }
    E_IF_exit(enc);
    if (!out) throw std::runtime_error("cannot write " + file.string());
}

}  // namespace

std::string phone_extension(PhoneFormat format) {
    switch (format) {
        case PhoneFormat::m4a:
            return ".m4a";
        case PhoneFormat::mp4_video:
            return ".mp4";
        case PhoneFormat::wma:
            return ".wma";
        case PhoneFormat::amr_nb:
            return ".amr";
        case PhoneFormat::amr_wb:
            return ".awb";
    }
    return "";
}

int phone_rate(PhoneFormat format) {
    switch (format) {
        case PhoneFormat::amr_nb:
            return 8000;
        case PhoneFormat::amr_wb:
            return 16000;
        default:
            return 44100;
    }
}

void write_phone_recording(const std::filesystem::path& file, PhoneFormat format, double seconds,
                           double freq, double amplitude) {
    std::filesystem::create_directories(file.parent_path());
    if (format == PhoneFormat::amr_wb) return write_amr_wb(file, seconds, freq, amplitude);
    const int rate = phone_rate(format);
    const auto source = file.parent_path() / (file.filename().string() + ".source.wav");
    write_tone(source, rate, format == PhoneFormat::amr_nb ? 1 : 2, seconds, freq, amplitude);
    switch (format) {
        case PhoneFormat::m4a:
            run({"/usr/bin/ffmpeg", "-nostdin", "-loglevel", "error", "-y", "-i", source.string(),
                 "-c:a", "aac", "-b:a", "128k", file.string()});
            break;
        case PhoneFormat::mp4_video:
            run({"/usr/bin/ffmpeg", "-nostdin", "-loglevel", "error", "-y", "-f", "lavfi", "-i",
                 "testsrc=size=160x120:rate=10", "-i", source.string(), "-shortest", "-c:v",
                 "mpeg4", "-c:a", "aac", "-b:a", "128k", file.string()});
            break;
        case PhoneFormat::wma:
            run({"/usr/bin/ffmpeg", "-nostdin", "-loglevel", "error", "-y", "-i", source.string(),
                 "-c:a", "wmav2", "-b:a", "128k", file.string()});
            break;
        case PhoneFormat::amr_nb:
            run({"/usr/bin/sox", source.string(), "-t", "amr-nb", "-C", "7", file.string()});
            break;
        case PhoneFormat::amr_wb:
            break;
    }
    std::filesystem::remove(source);
}

}  // namespace vc::test
