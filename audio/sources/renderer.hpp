#pragma once
// Rendering a Timeline into output frames: the engine's one entry point for sound.

#include <cstdint>
#include <memory>
#include <vector>

#include "audio/dsp/limiter.hpp"
#include "audio/sources/clip_source.hpp"
#include "audio/sources/mix_worker.hpp"
#include "audio/timeline.hpp"

namespace vc::audio {

/// Renders a Timeline block by block: mixes the placements that overlap each block (each one's
/// clip opened only when the block reaches its start and closed after its end, so memory stays
/// bounded however long the timeline), then runs the master limiter, whose look-ahead latency is
/// compensated here so that output frame k is timeline frame k. Sample-exact and deterministic:
/// the same timeline and files give the same bytes. Owned and used by one thread (the decoding
/// thread); with `threads` = 2 a helper thread renders some placements of each block as well,
/// and the bytes are still the same (each placement renders into its own buffer and the
/// buffers are summed in placement order).
class Renderer {
  public:
    /// Keeps a copy of the timeline; opens no file yet. `threads`: 1 renders on the calling
    /// thread alone, 2 or more adds one helper thread (for files; playback needs no more than
    /// one). Throws std::invalid_argument for a timeline with a non-positive rate or channel
    /// count or a negative position or length.
    explicit Renderer(const Timeline& timeline, int threads = 1);
    ~Renderer();
    Renderer(const Renderer&) = delete;
    Renderer& operator=(const Renderer&) = delete;

    /// Writes up to `frames` frames (interleaved, timeline.format) into `interleaved` and
    /// returns how many: fewer only at the end, 0 after it; exactly timeline.length in all.
    /// Throws UserError naming the clip when a clip's file cannot be opened or decoded.
    std::int64_t render(float* interleaved, std::int64_t frames);

    /// Frames rendered so far.
    [[nodiscard]] std::int64_t position() const { return position_; }
    [[nodiscard]] const Timeline& timeline() const { return timeline_; }
    /// Clip sources open right now (for tests of bounded memory).
    [[nodiscard]] std::size_t open_sources() const { return active_.size(); }

  private:
    /// Mixes timeline frames [mix_position_, mix_position_ + frames) into `out` (overwriting).
    void mix(float* out, std::int64_t frames);

    struct Active {
        std::size_t placement;
        std::unique_ptr<ClipSource> source;
        std::vector<float> buffer;  ///< this block's frames of the placement
        std::int64_t offset = 0;    ///< where they go in the block
        std::int64_t frames = 0;    ///< how many (0: none this block)
        bool on_worker = false;
    };
    void render_sources(bool on_worker);

    Timeline timeline_;
    std::vector<std::size_t> order_;  ///< placement indices by start
    std::size_t next_ = 0;            ///< next placement in order_ not yet opened
    std::vector<Active> active_;
    std::vector<Active*> by_cost_;  ///< this block's placements, costliest first
    Limiter limiter_;
    std::unique_ptr<MixWorker> worker_;
    std::int64_t position_ = 0;
    std::int64_t mix_position_ = 0;
    bool primed_ = false;
};

}  // namespace vc::audio
