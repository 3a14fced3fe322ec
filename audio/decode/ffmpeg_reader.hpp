#pragma once
// The Reader for what libsndfile cannot read and phones record: AAC/M4A, AMR-NB, AMR-WB, WMA,
// and the audio track of an MP4 video, through FFmpeg's libavformat/libavcodec/libswresample.

#include <filesystem>
#include <vector>

#include "audio/decode/reader.hpp"

struct AVFormatContext;
struct AVCodecContext;
struct AVPacket;
struct AVFrame;
struct SwrContext;

namespace vc::audio {

class FfmpegReader final : public Reader {
  public:
    /// Throws AudioFileError naming the file and what is wrong with it.
    explicit FfmpegReader(const std::filesystem::path& file);
    ~FfmpegReader() override;
    FfmpegReader(const FfmpegReader&) = delete;
    FfmpegReader& operator=(const FfmpegReader&) = delete;

    [[nodiscard]] int sample_rate() const override { return sample_rate_; }
    [[nodiscard]] int channels() const override { return channels_; }
    [[nodiscard]] std::int64_t header_frames() const override { return header_frames_; }
    [[nodiscard]] std::string format() const override { return format_; }
    std::int64_t read(float* out, std::int64_t frames) override;
    void rewind() override;

  private:
    void open();
    void close() noexcept;
    /// Decodes the next frame into pending_; false at the end of the stream.
    bool decode_more();
    [[noreturn]] void fail(const std::string& what, int av_error) const;

    std::filesystem::path file_;
    AVFormatContext* format_ctx_ = nullptr;
    AVCodecContext* codec_ = nullptr;
    AVPacket* packet_ = nullptr;
    AVFrame* frame_ = nullptr;
    SwrContext* swr_ = nullptr;
    int stream_ = -1;
    bool draining_ = false;
    bool ended_ = false;
    std::vector<float> pending_;  ///< converted frames not yet read, interleaved
    std::size_t pending_at_ = 0;  ///< samples of pending_ already read
    int sample_rate_ = 0;
    int channels_ = 0;
    std::int64_t header_frames_ = 0;
    std::string format_;
};

}  // namespace vc::audio
