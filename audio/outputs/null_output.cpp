#include "audio/outputs/null_output.hpp"

namespace vc::audio {

void NullOutput::open(const AudioFormat& format) {
    written_ = 0;
    pacer_.start(format.sample_rate);
}

void NullOutput::write(const float*, std::int64_t frames) {
    if (frames <= 0) return;
    written_ += frames;
    if (clock_) pacer_.pace(*clock_, written_);
}

}  // namespace vc::audio
