#include "audio/dsp/duck_envelope.hpp"

namespace vc::audio {

double DuckEnvelope::value(std::int64_t frame) const {
    const std::int64_t into = frame - ramp_start_;
    if (ramp_length_ <= 0 || into >= ramp_length_) {
        return target_;
    }
    if (into <= 0) {
        return from_;
    }
    return from_ +
           (target_ - from_) * static_cast<double>(into) / static_cast<double>(ramp_length_);
}

double DuckEnvelope::next(std::int64_t frame, double target) {
    if (target != target_) {
        from_ = value(frame);
        target_ = target;
        ramp_start_ = frame;
        ramp_length_ = target < from_ ? down_ : up_;
    }
    return value(frame);
}

}  // namespace vc::audio
