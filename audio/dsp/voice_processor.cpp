#include "audio/dsp/voice_processor.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <stdexcept>

namespace vc::audio {

namespace {

float db_to_gain(double db) {
    return static_cast<float>(std::pow(10.0, db / 20.0));
}

int checked_rate(int sample_rate) {
    if (sample_rate <= 0) throw std::invalid_argument("the voice path needs a positive rate");
    return sample_rate;
}

}  // namespace

VoiceProcessor::VoiceProcessor(int sample_rate, VoiceSettings settings)
    : settings_(settings),
      limiter_(1, checked_rate(sample_rate), settings.ceiling_db),
      gain_(db_to_gain(settings.gain_db)),
      rms_coef_(std::exp(-1000.0 / (gate_rms_ms * sample_rate))),
      threshold_ms_(std::pow(10.0, settings.gate_threshold_db / 10.0)),
      hold_frames_(static_cast<std::int64_t>(std::lround(gate_hold_ms * sample_rate / 1000.0))),
      attack_step_db_(-gate_floor_db / (gate_attack_ms * sample_rate / 1000.0)),
      release_step_db_(-gate_floor_db / (gate_release_ms * sample_rate / 1000.0)),
      gate_db_(settings.gate ? gate_floor_db : 0.0),
      gate_gain_(db_to_gain(gate_db_)) {
    if (settings.high_pass) {
        if (!(settings.high_pass_hz > 0.0) || settings.high_pass_hz >= sample_rate / 2.0)
            throw std::invalid_argument(
                "the voice high-pass must lie between 0 Hz and half the "
                "sample rate");
        // alpha = sin(w0) / (2 Q), with Butterworth's Q = 1/sqrt(2).
        const double w0 = 2.0 * std::numbers::pi * settings.high_pass_hz / sample_rate;
        const double alpha = std::sin(w0) / std::numbers::sqrt2;
        const double cosw = std::cos(w0);
        const double a0 = 1.0 + alpha;
        b0_ = (1.0 + cosw) / 2.0 / a0;
        b1_ = -(1.0 + cosw) / a0;
        b2_ = b0_;
        a1_ = -2.0 * cosw / a0;
        a2_ = (1.0 - alpha) / a0;
    }
}

float VoiceProcessor::high_pass(float x) noexcept {
    const double y = b0_ * x + b1_ * x1_ + b2_ * x2_ - a1_ * y1_ - a2_ * y2_;
    x2_ = x1_;
    x1_ = x;
    y2_ = y1_;
    // Keep denormals out of the feedback path once the input has gone silent.
    y1_ = std::fabs(y) < 1e-25 ? 0.0 : y;
    return static_cast<float>(y);
}

float VoiceProcessor::gate(float x) noexcept {
    mean_square_ = rms_coef_ * mean_square_ + (1.0 - rms_coef_) * static_cast<double>(x) * x;
    if (mean_square_ < 1e-30) mean_square_ = 0.0;
    double target = gate_floor_db;
    if (mean_square_ >= threshold_ms_) {
        hold_left_ = hold_frames_;
        target = 0.0;
    } else if (hold_left_ > 0) {
        --hold_left_;
        target = 0.0;
    }
    if (gate_db_ != target) {
        gate_db_ = target > gate_db_ ? std::min(target, gate_db_ + attack_step_db_)
                                     : std::max(target, gate_db_ - release_step_db_);
        gate_gain_ = db_to_gain(gate_db_);
    }
    return x * gate_gain_;
}

void VoiceProcessor::process(float* mono, std::int64_t n) noexcept {
    if (n <= 0) return;
    for (std::int64_t i = 0; i < n; ++i) {
        float x = mono[i];
        if (settings_.high_pass) x = high_pass(x);
        if (settings_.gate) x = gate(x);
        mono[i] = x * gain_;
    }
    limiter_.process(mono, n);
}

}  // namespace vc::audio
