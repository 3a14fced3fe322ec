#pragma once
// Streaming decoding of one audio file through libsndfile: a block at a time, never whole.

#include <cstdint>
#include <filesystem>
#include <string>
#include <utility>

#include "core/diagnostic.hpp"

struct sf_private_tag;

namespace vc::audio {

/// A file libsndfile cannot open or decode. what() names the file; detail() is libsndfile's own
/// message alone ("File contains data in an unknown format.").
class AudioFileError : public UserError {
  public:
    AudioFileError(const std::string& message, std::string detail)
        : UserError(message), detail_(std::move(detail)) {}
    [[nodiscard]] const std::string& detail() const { return detail_; }

  private:
    std::string detail_;
};

/// Reads one audio file's frames as interleaved 32-bit floats in [-1, 1], a block at a time, so
/// that memory stays bounded whatever the file's length. Owned and used by one thread.
class Decoder {
  public:
    /// Opens `file`. Throws AudioFileError naming the file with libsndfile's own message.
    explicit Decoder(const std::filesystem::path& file);
    ~Decoder();
    Decoder(const Decoder&) = delete;
    Decoder& operator=(const Decoder&) = delete;

    [[nodiscard]] int sample_rate() const { return sample_rate_; }
    [[nodiscard]] int channels() const { return channels_; }
    /// Frames the file's header or container claims (libsndfile's SF_INFO.frames).
    [[nodiscard]] std::int64_t header_frames() const { return header_frames_; }
    /// libsndfile's format code (SF_FORMAT_* major type | subtype).
    [[nodiscard]] int sf_format() const { return sf_format_; }
    [[nodiscard]] const std::filesystem::path& file() const { return file_; }

    /// Reads up to `frames` frames into `out` (room for frames x channels() floats); returns how
    /// many were read, 0 at the end. Throws AudioFileError naming the file on a decoding error.
    std::int64_t read(float* out, std::int64_t frames);

    /// Goes back to the first frame (a looping bed). Throws AudioFileError when that fails.
    void rewind();

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
