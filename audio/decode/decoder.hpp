#pragma once
// Streaming decoding of one audio file, a block at a time, never whole.

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <utility>

#include "audio/decode/reader.hpp"
#include "core/diagnostic.hpp"

namespace vc::audio {

/// A file that cannot be opened or decoded. what() names the file; detail() is the reason alone
/// (libsndfile's own message, "File contains data in an unknown format.", or FFmpeg's).
class AudioFileError : public UserError {
  public:
    AudioFileError(const std::string& message, std::string detail)
        : UserError(message), detail_(std::move(detail)) {}
    [[nodiscard]] const std::string& detail() const { return detail_; }

  private:
    std::string detail_;
};

/// Reads one audio file's frames as interleaved 32-bit floats in [-1, 1], a block at a time, so
/// that memory stays bounded whatever the file's length. libsndfile reads what it can (WAV, RF64,
/// AIFF, FLAC, Ogg, Opus, MP3); FFmpeg reads what phones record (AAC/M4A, AMR-NB, AMR-WB, WMA,
/// an MP4 video's audio), chosen by the file's extension. Owned and used by one thread.
class Decoder {
  public:
    /// Opens `file`. Throws AudioFileError naming the file and what is wrong with it (a WeChat
    /// voice message is named as one, with what to do instead).
    explicit Decoder(const std::filesystem::path& file);
    ~Decoder();
    Decoder(Decoder&&) noexcept;
    Decoder& operator=(Decoder&&) noexcept;

    [[nodiscard]] int sample_rate() const;
    [[nodiscard]] int channels() const;
    /// Frames the file's header or container claims; 0 when it says nothing.
    [[nodiscard]] std::int64_t header_frames() const;
    /// libsndfile's format code (SF_FORMAT_* major type | subtype); 0 for a file FFmpeg reads.
    [[nodiscard]] int sf_format() const { return sf_format_; }
    /// What the file holds, for people: "WAV PCM-16", "Ogg Vorbis", "AAC in MP4", "AMR-NB".
    [[nodiscard]] std::string format() const;
    /// The library that decodes it: "libsndfile" or "FFmpeg".
    [[nodiscard]] const char* library() const { return sf_format_ ? "libsndfile" : "FFmpeg"; }
    [[nodiscard]] const std::filesystem::path& file() const { return file_; }

    /// Reads up to `frames` frames into `out` (room for frames x channels() floats); returns how
    /// many were read, 0 at the end. Throws AudioFileError naming the file on a decoding error.
    std::int64_t read(float* out, std::int64_t frames);

    /// Goes back to the first frame (a looping bed). Throws AudioFileError when that fails.
    void rewind();

  private:
    std::filesystem::path file_;
    std::unique_ptr<Reader> reader_;
    int sf_format_ = 0;
};

}  // namespace vc::audio
