#pragma once
// The simulated run's audio side: a manual AudioStream into null or a file, whose frame count
// is the clock. Frame 0 plays at the simulated window's start.

#include <vector>

#include "audio/stream/audio_stream.hpp"
#include "core/duration.hpp"
#include "engine/air_chain.hpp"

namespace vc::engine {

class SimulatedChain final : public AirChain {
  public:
    /// `spec`: "null", "wav:FILE" or "flac:FILE". Throws UserError for a bad spec.
    SimulatedChain(const std::string& spec, audio::AudioFormat format, double ceiling_dbfs,
                   double duck_db, Instant start);
    [[nodiscard]] bool is_open() const override { return stream_.is_open(); }
    void open() override;
    void close() override;
    [[nodiscard]] std::int64_t frame_for(Instant t) const override;
    [[nodiscard]] Instant time_of(std::int64_t f) const override;
    [[nodiscard]] std::int64_t earliest_frame() const override {
        return stream_.earliest_start_frame();
    }
    void add(audio::AiringId id, std::shared_ptr<const audio::Timeline> timeline,
             std::int64_t start_frame, audio::Layer layer, bool mutes_background) override;
    void fade_out(audio::AiringId id, std::int64_t end_frame, std::int64_t fade_frames) override;
    [[nodiscard]] int sample_rate() const override { return format_.sample_rate; }
    [[nodiscard]] std::string name() const override { return name_; }
    [[nodiscard]] std::int64_t underruns() const override { return 0; }
    void set_tap(audio::AudioStream::Tap tap) override { stream_.set_tap(std::move(tap)); }

    /// Renders up to `frame`, appending the events of those frames.
    void advance_to(std::int64_t frame, std::vector<audio::StreamEvent>& events);
    [[nodiscard]] std::optional<std::int64_t> next_event_frame() const {
        return stream_.next_event_frame();
    }
    [[nodiscard]] std::int64_t position() const { return stream_.position(); }
    /// The wall clock was stepped by `d`: the frame now playing is `d` later in wall time.
    void step_wall(Millis d) { start_ += d; }

  private:
    audio::AudioFormat format_;
    Instant start_;
    std::string name_;
    audio::AudioStream stream_;
};

}  // namespace vc::engine
