#pragma once
// A live input (a microphone page) as a Source the mixer pulls from.

#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "audio/dsp/voice_processor.hpp"
#include "audio/inputs/live_ring.hpp"
#include "audio/sources/source.hpp"

namespace vc::audio {

/// What a LiveSource did, for the console and the as-run log. Written by the mixing thread,
/// read from any thread.
struct LiveStats {
    std::atomic<std::int64_t> rendered{0};  ///< frames render() returned, silence included
    std::atomic<std::int64_t> missing{0};   ///< frames the ring did not have in time (silence)
    std::atomic<std::int64_t> dropped{0};   ///< frames discarded to keep the latency down
    std::atomic<std::int64_t> queued{0};    ///< frames left waiting in the ring after a render
};

/// Reads a LiveRing on the mixing thread, runs the frames through the VoiceProcessor and
/// copies the mono voice into every channel of `format`. It never blocks and never throws from
/// render(): frames that have not arrived come as silence (counted in `missing`), and a backlog
/// (the mic heard before the page, or the producer running ahead) is dropped (counted in
/// `dropped`) so that at most about target_frames wait after each render(). length() is
/// nullopt: it runs until the mixer fades it out. Not to be wrapped in the read-ahead.
class LiveSource final : public Source {
  public:
    static constexpr std::int64_t block_frames = 1024;

    /// `format.sample_rate` must be the ring's rate (throws std::invalid_argument otherwise);
    /// any channel count. `target_frames`: the frames left waiting in the ring after each
    /// render() once a backlog was dropped (the latency it keeps, e.g. 10 ms); a backlog is
    /// dropped on the first render() and whenever more than 2 x target_frames + n wait.
    LiveSource(std::shared_ptr<LiveRing> ring, AudioFormat format, VoiceSettings voice,
               std::int64_t target_frames, std::shared_ptr<LiveStats> stats);

    [[nodiscard]] AudioFormat format() const override { return format_; }
    [[nodiscard]] std::optional<std::int64_t> length() const override { return std::nullopt; }
    /// Always writes `frames` frames. Mixing thread.
    std::int64_t render(float* interleaved, std::int64_t frames) override;
    [[nodiscard]] std::int64_t max_block() const override { return block_frames; }

    /// The page is on air from now, though the first render() comes `later_frames` from now (a
    /// chime airs first): drop what waits beyond what those frames leave of the target, and
    /// keep everything heard from now on. Mixing thread.
    void start_early(std::int64_t later_frames) noexcept;

    /// Frames by which the voice path delays the sound (the limiter's look-ahead), on top of
    /// target_frames and the device's own latency.
    [[nodiscard]] std::int64_t processing_latency() const { return voice_.latency(); }

  private:
    void render_block(float* interleaved, std::int64_t frames) noexcept;

    std::shared_ptr<LiveRing> ring_;
    AudioFormat format_;
    VoiceProcessor voice_;
    std::int64_t target_;
    std::shared_ptr<LiveStats> stats_;
    std::vector<float> mono_;  ///< one block of mono frames, allocated once
    bool started_ = false;
};

}  // namespace vc::audio
