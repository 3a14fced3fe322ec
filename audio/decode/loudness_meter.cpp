#include "audio/decode/loudness_meter.hpp"

#include <ebur128.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include "core/diagnostic.hpp"

namespace vc::audio {

struct LoudnessMeter::Impl {
    ebur128_state* st = nullptr;
    ~Impl() {
        if (st) ebur128_destroy(&st);
    }
};

LoudnessMeter::LoudnessMeter(int channels, int sample_rate)
    : impl_(std::make_unique<Impl>()), channels_(channels) {
    impl_->st =
        ebur128_init(static_cast<unsigned>(channels), static_cast<unsigned long>(sample_rate),
                     EBUR128_MODE_I | EBUR128_MODE_TRUE_PEAK | EBUR128_MODE_HISTOGRAM);
    if (!impl_->st)
        throw UserError("cannot measure loudness: libebur128 refused " + std::to_string(channels) +
                        " channels at " + std::to_string(sample_rate) + " Hz");
    // A mono clip is heard on every loudspeaker channel: measure it as it will sound.
    if (channels == 1) ebur128_set_channel(impl_->st, 0, EBUR128_DUAL_MONO);
}

LoudnessMeter::~LoudnessMeter() = default;

void LoudnessMeter::add(const float* interleaved, std::int64_t frames) {
    if (frames > 0)
        ebur128_add_frames_float(impl_->st, interleaved, static_cast<std::size_t>(frames));
}

double LoudnessMeter::integrated_lufs() const {
    double lufs = -std::numeric_limits<double>::infinity();
    if (ebur128_loudness_global(impl_->st, &lufs) != EBUR128_SUCCESS)
        return -std::numeric_limits<double>::infinity();
    return lufs;
}

double LoudnessMeter::true_peak_dbtp() const {
    double peak = 0.0;
    for (unsigned c = 0; c < static_cast<unsigned>(channels_); ++c) {
        double p = 0.0;
        if (ebur128_true_peak(impl_->st, c, &p) == EBUR128_SUCCESS) peak = std::max(peak, p);
    }
    return peak > 0.0 ? 20.0 * std::log10(peak) : -std::numeric_limits<double>::infinity();
}

}  // namespace vc::audio
