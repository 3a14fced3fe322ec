#pragma once
// Test audio made in the test: tones, clicks at known frames, silence, noise, broken files.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace vc::test {

/// A fresh folder under the build tree, removed when the object dies.
class TempDir {
  public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    [[nodiscard]] const std::filesystem::path& path() const { return path_; }
    std::filesystem::path operator/(const std::string& rel) const { return path_ / rel; }

  private:
    std::filesystem::path path_;
};

/// libsndfile container/codec for a file name's extension: .wav (PCM-16), .flac (PCM-16),
/// .ogg (Vorbis), .opus, .mp3 (MPEG layer III), .w24 (.wav PCM-24), .f32 (.wav float).
int sndfile_format_for(const std::filesystem::path& file);

/// Writes `frames` frames; `sample(frame, channel)` gives each value in [-1, 1].
/// Creates parent folders. Throws std::runtime_error with libsndfile's message on failure.
void write_audio(const std::filesystem::path& file, int rate, int channels, std::int64_t frames,
                 const std::function<float(std::int64_t, int)>& sample, int format = 0);

/// A sine at `freq` Hz and peak `amplitude`, on every channel.
void write_tone(const std::filesystem::path& file, int rate, int channels, double seconds,
                double freq = 1000.0, double amplitude = 0.5);
/// Silence with single-sample clicks of value `amplitude` at the given frames.
void write_clicks(const std::filesystem::path& file, int rate, int channels, std::int64_t frames,
                  const std::vector<std::int64_t>& click_frames, float amplitude = 0.9f);
void write_silence(const std::filesystem::path& file, int rate, int channels, std::int64_t frames);
/// Deterministic white noise (seeded).
void write_noise(const std::filesystem::path& file, int rate, int channels, double seconds,
                 double amplitude = 0.3, unsigned seed = 1);
/// Raw bytes, for broken files.
void write_bytes(const std::filesystem::path& file, const std::string& bytes);
/// A whole file's bytes; empty when it cannot be read.
std::string read_bytes(const std::filesystem::path& file);

/// Reads a whole (short) audio file as interleaved floats; sets rate and channels.
std::vector<float> read_audio(const std::filesystem::path& file, int& rate, int& channels);

/// Channel `channel` of interleaved frames [begin, end) of `channels` channels.
std::vector<float> channel_of(const std::vector<float>& interleaved, int channels, int channel,
                              std::size_t begin = 0, std::size_t end = SIZE_MAX);
/// The index of the first sample louder than `level`, or -1.
std::int64_t first_above(const std::vector<float>& samples, float level);

}  // namespace vc::test
