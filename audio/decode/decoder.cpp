#include "audio/decode/decoder.hpp"

#include "audio/decode/ffmpeg_reader.hpp"
#include "audio/decode/file_format.hpp"
#include "audio/decode/sndfile_reader.hpp"

namespace vc::audio {

Decoder::Decoder(const std::filesystem::path& file) : file_(file) {
    try {
        if (read_by_ffmpeg(file)) {
            reader_ = std::make_unique<FfmpegReader>(file);
        } else {
            auto sndfile = std::make_unique<SndfileReader>(file);
            sf_format_ = sndfile->sf_format();
            reader_ = std::move(sndfile);
        }
    } catch (const AudioFileError&) {
        // Only a file neither library opens is looked at again: is it a WeChat voice message?
        if (!holds_wechat_silk(file)) throw;
        const std::string detail = wechat_silk_advice();
        throw AudioFileError("cannot read audio file " + file.string() + ": " + detail, detail);
    }
}

Decoder::~Decoder() = default;
Decoder::Decoder(Decoder&&) noexcept = default;
Decoder& Decoder::operator=(Decoder&&) noexcept = default;

int Decoder::sample_rate() const {
    return reader_->sample_rate();
}

int Decoder::channels() const {
    return reader_->channels();
}

std::int64_t Decoder::header_frames() const {
    return reader_->header_frames();
}

std::string Decoder::format() const {
    return reader_->format();
}

std::int64_t Decoder::read(float* out, std::int64_t frames) {
    if (frames <= 0) return 0;
    return reader_->read(out, frames);
}

void Decoder::rewind() {
    reader_->rewind();
}

}  // namespace vc::audio
