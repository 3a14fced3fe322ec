#pragma once
// The master limiter: holds a sample-peak ceiling without hard clipping.

#include <cstdint>
#include <vector>

namespace vc::audio {

/// A look-ahead peak limiter. For each input frame it computes the gain that keeps that frame's
/// peak under the ceiling, takes the minimum over the look-ahead window, lets that minimum rise
/// back with a release time constant, and smooths it with a moving average as long as the
/// window, so the gain is down before a peak arrives (attack = the look-ahead) and never jumps.
/// The signal is delayed by latency() frames; output frame k is input frame k - latency().
/// No output sample's magnitude exceeds the ceiling. Owned and used by one thread.
class Limiter {
  public:
    static constexpr int lookahead_ms = 5;
    static constexpr int release_ms = 150;

    /// Throws std::invalid_argument for a non-positive channel count or rate.
    Limiter(int channels, int sample_rate, double ceiling_dbfs);

    /// Frames by which the output lags the input.
    [[nodiscard]] std::int64_t latency() const { return latency_; }
    /// The ceiling as a linear sample value.
    [[nodiscard]] float ceiling() const { return ceiling_; }

    /// Limits `frames` interleaved frames in place (each output frame is the input from
    /// latency() frames before, scaled).
    void process(float* interleaved, std::int64_t frames);

  private:
    void process_block(float* interleaved, std::int64_t frames);
    void delay(float* interleaved, std::int64_t frames);

    int channels_;
    std::int64_t latency_;
    std::int64_t window_;
    float ceiling_;
    float threshold_;      ///< a hair under the ceiling, for rounding
    double release_coef_;  ///< per-frame factor by which the gain's distance from 1 shrinks

    // Sliding minimum of the required gain over the window: a monotonic queue in a ring.
    std::vector<double> min_value_;
    std::vector<std::int64_t> min_index_;
    std::size_t min_head_ = 0;
    std::size_t min_size_ = 0;

    // Moving average of the released gain over the window.
    std::vector<double> history_;
    std::size_t history_pos_ = 0;
    double history_sum_;
    double released_ = 1.0;
    std::int64_t ones_run_ = 0;  ///< consecutive frames whose released gain was exactly 1

    std::int64_t input_index_ = 0;
    std::vector<float> delay_line_;  ///< the last latency() input frames
    std::vector<float> scratch_;
    std::vector<float> gains_;
};

}  // namespace vc::audio
