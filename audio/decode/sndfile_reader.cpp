#include "audio/decode/sndfile_reader.hpp"

#include <sndfile.h>

#include <string>

#include "audio/decode/decoder.hpp"
#include "audio/decode/file_format.hpp"

namespace vc::audio {

SndfileReader::SndfileReader(const std::filesystem::path& file) : file_(file) {
    open();
}

SndfileReader::~SndfileReader() {
    close();
}

void SndfileReader::open() {
    SF_INFO info{};
    sf_ = sf_open(file_.c_str(), SFM_READ, &info);
    if (!sf_) {
        std::string detail = sf_strerror(nullptr);
        throw AudioFileError("cannot read audio file " + file_.string() + ": " + detail, detail);
    }
    if (info.channels <= 0 || info.samplerate <= 0) {
        close();
        std::string detail = "it declares no channels or no sample rate";
        throw AudioFileError("cannot read audio file " + file_.string() + ": " + detail, detail);
    }
    sample_rate_ = info.samplerate;
    channels_ = info.channels;
    header_frames_ = info.frames;
    sf_format_ = info.format;
}

void SndfileReader::close() noexcept {
    if (sf_) sf_close(sf_);
    sf_ = nullptr;
}

std::string SndfileReader::format() const {
    return describe_format(sf_format_);
}

std::int64_t SndfileReader::read(float* out, std::int64_t frames) {
    if (frames <= 0) return 0;
    sf_count_t n = sf_readf_float(sf_, out, frames);
    if (n < frames && sf_error(sf_) != SF_ERR_NO_ERROR) {
        std::string detail = sf_strerror(sf_);
        throw AudioFileError("cannot decode audio file " + file_.string() + ": " + detail, detail);
    }
    return n < 0 ? 0 : n;
}

void SndfileReader::rewind() {
    // libsndfile's MP3 seek lands near, not on, the first frame: open MP3 afresh. Other
    // decoders seek exactly; where seeking fails, open afresh too.
    if ((sf_format_ & SF_FORMAT_TYPEMASK) != SF_FORMAT_MPEG && sf_seek(sf_, 0, SEEK_SET) == 0)
        return;
    close();
    open();
}

}  // namespace vc::audio
