#pragma once
// The voice path for a handheld microphone: high-pass, noise gate, make-up gain, peak ceiling.

#include <cstdint>

#include "audio/dsp/limiter.hpp"

namespace vc::audio {

/// How a live voice is cleaned up before it airs.
struct VoiceSettings {
    /// A 2nd-order Butterworth high-pass (12 dB per octave) that takes out handling noise,
    /// wind and mains hum below the voice.
    bool high_pass = true;
    double high_pass_hz = 100.0;
    /// A noise gate: while the level (RMS over about 10 ms) stays below the threshold, the gate
    /// closes (after a 150 ms hold, over 200 ms) to the floor (-60 dB); above it, it opens in
    /// 1 ms. It keeps the office's hiss and fan off the loudspeakers between sentences.
    bool gate = true;
    double gate_threshold_db = -50.0;
    /// Make-up gain, in dB.
    double gain_db = 0.0;
    /// Peak ceiling in dBFS, held by audio::Limiter (5 ms look-ahead).
    double ceiling_db = -1.0;
};

/// Applies VoiceSettings to mono frames in place: high-pass, gate (its level read after the
/// high-pass), gain, then the limiter. The output lags the input by latency() frames (the
/// limiter's look-ahead). Allocates nothing after construction. Owned and used by one thread
/// (the mixing thread).
class VoiceProcessor {
  public:
    static constexpr double gate_attack_ms = 1.0;
    static constexpr double gate_hold_ms = 150.0;
    static constexpr double gate_release_ms = 200.0;
    static constexpr double gate_floor_db = -60.0;
    static constexpr double gate_rms_ms = 10.0;

    /// Throws std::invalid_argument for a non-positive rate or a high-pass frequency at or
    /// above the Nyquist frequency.
    VoiceProcessor(int sample_rate, VoiceSettings settings);

    /// Frames by which the output lags the input.
    [[nodiscard]] std::int64_t latency() const { return limiter_.latency(); }
    [[nodiscard]] const VoiceSettings& settings() const { return settings_; }
    /// The gate's gain now, in dB (0 when open or disabled, down to the floor when closed).
    [[nodiscard]] double gate_gain_db() const { return gate_db_; }

    /// Processes `n` mono frames in place.
    void process(float* mono, std::int64_t n) noexcept;

  private:
    float high_pass(float x) noexcept;
    float gate(float x) noexcept;

    VoiceSettings settings_;
    Limiter limiter_;
    float gain_;

    // The high-pass biquad (RBJ cookbook coefficients, normalised by a0), direct form I.
    double b0_ = 1, b1_ = 0, b2_ = 0, a1_ = 0, a2_ = 0;
    double x1_ = 0, x2_ = 0, y1_ = 0, y2_ = 0;

    // The gate.
    double rms_coef_;  ///< per-frame smoothing factor of the mean square (10 ms)
    double mean_square_ = 0;
    double threshold_ms_;  ///< the threshold as a mean square
    std::int64_t hold_frames_;
    std::int64_t hold_left_ = 0;
    double attack_step_db_;   ///< dB per frame while opening
    double release_step_db_;  ///< dB per frame while closing
    double gate_db_;          ///< the gate's gain now; starts closed
    float gate_gain_;         ///< gate_db_ as a linear factor
};

}  // namespace vc::audio
