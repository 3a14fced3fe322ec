#pragma once
// Writing rendered frames to a WAV or FLAC file through libsndfile.

#include <atomic>
#include <cstdint>
#include <filesystem>

#include "audio/output.hpp"

struct sf_private_tag;

namespace vc::audio {

/// Writes frames to a file as 16-bit PCM: `wav:` as RF64 that libsndfile writes as plain WAV
/// while it stays under 4 GiB (SFC_RF64_AUTO_DOWNGRADE), `flac:` as FLAC. Samples beyond full
/// scale are clipped, never wrapped (SFC_SET_CLIPPING). Used by one thread.
class FileOutput final : public Output {
  public:
    enum class Kind { wav, flac };

    FileOutput(std::filesystem::path file, Kind kind);
    ~FileOutput() override;

    /// Creates (or replaces) the file. Throws UserError with libsndfile's message.
    void open(const AudioFormat& format) override;
    /// Throws UserError when the write fails (a full disk, say).
    void write(const float* interleaved, std::int64_t frames) override;
    void drain() override;
    void close() override;
    /// "wav:FILE" or "flac:FILE".
    [[nodiscard]] std::string name() const override;
    [[nodiscard]] std::int64_t frames_played() const override { return written_.load(); }

  private:
    std::filesystem::path file_;
    Kind kind_;
    sf_private_tag* sf_ = nullptr;
    std::atomic<std::int64_t> written_{0};  ///< frames written since open()
};

}  // namespace vc::audio
