#pragma once
// The Reader for what libsndfile reads: WAV, RF64, AIFF, FLAC, Ogg Vorbis, Opus, MP3.

#include <filesystem>
#include <memory>

#include "audio/decode/reader.hpp"

struct sf_private_tag;

namespace vc::audio {

class SndfileReader final : public Reader {
  public:
    /// Throws AudioFileError naming the file with libsndfile's own message.
    explicit SndfileReader(const std::filesystem::path& file);
    ~SndfileReader() override;
    SndfileReader(const SndfileReader&) = delete;
    SndfileReader& operator=(const SndfileReader&) = delete;

    [[nodiscard]] int sample_rate() const override { return sample_rate_; }
    [[nodiscard]] int channels() const override { return channels_; }
    [[nodiscard]] std::int64_t header_frames() const override { return header_frames_; }
    [[nodiscard]] std::string format() const override;
    /// libsndfile's format code (SF_FORMAT_* major type | subtype).
    [[nodiscard]] int sf_format() const { return sf_format_; }
    std::int64_t read(float* out, std::int64_t frames) override;
    void rewind() override;

  private:
    void open();
    void close() noexcept;

    std::filesystem::path file_;
    sf_private_tag* sf_ = nullptr;
    int sample_rate_ = 0;
    int channels_ = 0;
    std::int64_t header_frames_ = 0;
    int sf_format_ = 0;
};

}  // namespace vc::audio
