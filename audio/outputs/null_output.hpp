#pragma once
// The output that goes nowhere: always built, for simulations and tests.

#include <atomic>
#include <cstdint>

#include "audio/output.hpp"
#include "audio/outputs/frame_pacer.hpp"
#include "core/clock.hpp"

namespace vc::audio {

/// Discards frames. Given a Clock it keeps time like a sound card: each write returns at the
/// absolute deadline anchor + frames written / rate (anchor = the clock's monotonic time at the
/// first write after open), so lateness never accumulates. Without a clock it costs nothing.
/// Used by one thread.
class NullOutput final : public Output {
  public:
    /// `clock` may be null (unpaced); it must outlive the output.
    explicit NullOutput(Clock* clock = nullptr) : clock_(clock) {}

    void open(const AudioFormat& format) override;
    void write(const float* interleaved, std::int64_t frames) override;
    void drain() override {}
    void close() override {}
    [[nodiscard]] std::string name() const override { return "null"; }
    [[nodiscard]] bool discards_frames() const override { return clock_ == nullptr; }

    /// Frames written since open().
    [[nodiscard]] std::int64_t frames_written() const { return written_; }
    [[nodiscard]] std::int64_t frames_played() const override { return written_; }
    /// The pacing anchor (the clock at the first write since open()); empty when unpaced or
    /// before that write. Any thread.
    [[nodiscard]] std::optional<MonoTime> first_frame_time() const override {
        return pacer_.anchor();
    }

  private:
    Clock* clock_;
    std::atomic<std::int64_t> written_{0};  ///< written by the writing thread, read by any
    FramePacer pacer_;
};

}  // namespace vc::audio
