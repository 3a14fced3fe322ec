#pragma once
// The simulated run's audio side: a manual AudioStream into null or a file, whose frame count
// is the clock, and one into null for each other output of the station (its zones' airings
// are placed, mixed and ended there as on a real output, and heard by no one). Frame 0 plays at
// the simulated window's start on every output.

#include <cstddef>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "audio/stream/audio_stream.hpp"
#include "core/duration.hpp"
#include "engine/air_chain.hpp"

namespace vc::engine {

class SimulatedChain final : public AirChain {
  public:
    /// `spec`: "null", "wav:FILE" or "flac:FILE". `more`: the formats of the outputs after the
    /// first. Throws UserError for a bad spec.
    SimulatedChain(const std::string& spec, audio::AudioFormat format, double ceiling_dbfs,
                   double duck_db, Instant start, const std::vector<audio::AudioFormat>& more = {});
    [[nodiscard]] bool is_open() const override { return stream_.is_open(); }
    /// Opens the output; after a loss, again from the frame the clock has reached. Throws
    /// UserError while the output is lost (lose_output).
    void open() override;
    void close() override;
    [[nodiscard]] std::int64_t frame_for(Instant t) const override;
    [[nodiscard]] Instant time_of(std::int64_t f) const override;
    [[nodiscard]] std::int64_t earliest_frame() const override;
    void reach(std::size_t output) override;
    void add(audio::AiringId id, std::shared_ptr<const audio::Timeline> timeline,
             std::int64_t start_frame, audio::Layer layer, bool mutes_background,
             std::vector<int> route = {}, std::size_t output = 0) override;
    void add_live(audio::AiringId id, std::unique_ptr<audio::Source> source,
                  std::int64_t start_frame, audio::Layer layer, bool mutes_background,
                  std::vector<int> route = {}, std::size_t output = 0) override;
    audio::StreamEvent arrived(audio::StreamEvent e) override;
    void fade_out(audio::AiringId id, std::int64_t end_frame, std::int64_t fade_frames) override;
    [[nodiscard]] int sample_rate() const override { return format_.sample_rate; }
    [[nodiscard]] std::string name() const override { return name_; }
    [[nodiscard]] std::int64_t underruns() const override { return 0; }
    void set_tap(audio::AudioStream::Tap tap) override;

    /// Renders up to `frame`, appending the events of those frames. While the output is lost
    /// or closed the frames pass in silence, heard by no one (the clock goes on).
    void advance_to(std::int64_t frame, std::vector<audio::StreamEvent>& events);
    [[nodiscard]] std::optional<std::int64_t> next_event_frame() const;
    /// The frame the clock has reached.
    [[nodiscard]] std::int64_t position() const;
    /// The wall clock was stepped by `d`: the frame now playing is `d` later in wall time.
    void step_wall(Millis d) { start_ += d; }

    /// The output goes away as a device that is unplugged does: its next write fails, so what
    /// airs ends `failed` with "output lost: <why>" and the stream closes, and every open()
    /// fails with `why` until restore_output().
    void lose_output(const std::string& why);
    /// The output is there again: the next open() succeeds.
    void restore_output();

  private:
    /// The station's output behind a switch that can make it fail (lose_output).
    class LosableOutput;

    audio::AudioFormat format_;
    Instant start_;
    std::string name_;
    LosableOutput* output_ = nullptr;  ///< owned by stream_
    audio::AudioStream stream_;
    /// The simulated frame of the stream's frame 0 (the stream counts from each open()).
    std::int64_t base_ = 0;
    /// The frame reached while the stream is not rendering (never opened, closed or lost).
    std::int64_t idle_position_ = 0;
    audio::AudioStream::Tap tap_;
    /// An output after the first: a null stream and the simulated frame of its frame 0.
    struct Extra {
        std::unique_ptr<audio::AudioStream> stream;
        std::int64_t base = 0;
    };
    std::vector<Extra> more_;
    std::map<audio::AiringId, std::size_t> output_of_;  ///< airings on outputs after the first
};

}  // namespace vc::engine
