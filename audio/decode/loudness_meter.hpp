#pragma once
// EBU R128 integrated loudness and true peak of audio fed a block at a time, measured the one way
// every clip is (libebur128, histogram mode, a mono clip as dual mono: as it sounds on every
// loudspeaker channel).

#include <cstdint>
#include <memory>

namespace vc::audio {

class LoudnessMeter {
  public:
    /// Throws UserError when libebur128 refuses the channel count or rate.
    LoudnessMeter(int channels, int sample_rate);
    ~LoudnessMeter();
    LoudnessMeter(const LoudnessMeter&) = delete;
    LoudnessMeter& operator=(const LoudnessMeter&) = delete;

    /// Adds `frames` interleaved frames.
    void add(const float* interleaved, std::int64_t frames);
    /// Integrated loudness in LUFS; -inf when silent.
    [[nodiscard]] double integrated_lufs() const;
    /// The highest true peak of any channel in dBTP; -inf when silent.
    [[nodiscard]] double true_peak_dbtp() const;

  private:
    struct Impl;  // libebur128's state
    std::unique_ptr<Impl> impl_;
    int channels_;
};

}  // namespace vc::audio
