#include "audio/outputs/file_output.hpp"

#include <sndfile.h>

#include "core/diagnostic.hpp"

namespace vc::audio {

FileOutput::FileOutput(std::filesystem::path file, Kind kind)
    : file_(std::move(file)), kind_(kind) {}

FileOutput::~FileOutput() {
    close();
}

std::string FileOutput::name() const {
    return (kind_ == Kind::wav ? "wav:" : "flac:") + file_.string();
}

void FileOutput::open(const AudioFormat& format) {
    close();
    SF_INFO info{};
    info.samplerate = format.sample_rate;
    info.channels = format.channels;
    info.format = (kind_ == Kind::wav ? SF_FORMAT_RF64 : SF_FORMAT_FLAC) | SF_FORMAT_PCM_16;
    sf_ = sf_open(file_.c_str(), SFM_WRITE, &info);
    if (!sf_) throw UserError("cannot write " + name() + ": " + sf_strerror(nullptr));
    if (kind_ == Kind::wav) sf_command(sf_, SFC_RF64_AUTO_DOWNGRADE, nullptr, SF_TRUE);
    sf_command(sf_, SFC_SET_CLIPPING, nullptr, SF_TRUE);
    written_ = 0;
}

void FileOutput::write(const float* interleaved, std::int64_t frames) {
    if (!sf_) throw UserError("cannot write " + name() + ": it is not open");
    if (frames <= 0) return;
    if (sf_writef_float(sf_, interleaved, frames) != frames)
        throw UserError("cannot write " + name() + ": " + sf_strerror(sf_));
    written_ += frames;
}

void FileOutput::drain() {
    if (sf_) sf_write_sync(sf_);
}

void FileOutput::close() {
    if (sf_) sf_close(sf_);
    sf_ = nullptr;
}

}  // namespace vc::audio
