#pragma once
// Sample-rate conversion with libsoxr, streaming, at the quality of sox's `rate -h`.

#include <cstdint>
#include <exception>
#include <functional>
#include <vector>

struct soxr;

namespace vc::audio {

/// Converts a stream of interleaved float frames from one rate to another with libsoxr at
/// SOXR_HQ (20-bit, linear phase: sox's `rate -h`), single-threaded so the result is the same
/// bytes every time. It pulls its input a chunk at a time from a source function and yields
/// exactly ceil(N x R / r) frames for N input frames (output_frames_for): soxr starts aligned
/// (its filter delay is removed), the tail is flushed at the end of input, then trimmed or
/// padded to that count. When the rates are equal the frames pass through untouched.
/// Owned and used by one thread.
class Resampler {
  public:
    /// Writes up to `max_frames` frames into `out`; returns how many, 0 at the end of input.
    /// May throw; the exception reaches the caller of read().
    using Source = std::function<std::int64_t(float* out, std::int64_t max_frames)>;

    /// Input frames pulled from `source` at a time.
    static constexpr std::int64_t chunk_frames = 4096;

    /// Throws UserError when soxr refuses the rates or channel count.
    Resampler(int channels, int input_rate, int output_rate, Source source);
    ~Resampler();
    Resampler(const Resampler&) = delete;
    Resampler& operator=(const Resampler&) = delete;

    /// Writes up to `frames` frames into `out` (frames x channels floats); returns how many.
    /// Fewer than asked only at the end of input; 0 once everything was returned.
    std::int64_t read(float* out, std::int64_t frames);

    [[nodiscard]] bool bypass() const { return soxr_ == nullptr; }
    /// Input frames pulled so far.
    [[nodiscard]] std::int64_t input_frames() const { return input_frames_; }
    /// Output frames returned so far.
    [[nodiscard]] std::int64_t output_frames() const { return output_frames_; }

  private:
    static std::size_t pull(void* self, const void** data, std::size_t requested) noexcept;

    int channels_;
    int input_rate_;
    int output_rate_;
    Source source_;
    soxr* soxr_ = nullptr;
    std::vector<float> in_buf_;
    std::exception_ptr source_error_;
    std::int64_t input_frames_ = 0;
    std::int64_t output_frames_ = 0;
    bool input_ended_ = false;
    bool finished_ = false;
};

}  // namespace vc::audio
