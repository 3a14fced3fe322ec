#pragma once
// The real-time audio side: a device (or a paced null output) behind a real-time AudioStream,
// its frames anchored to the wall clock through the device's DAC time. Opened shortly before
// an airing and closed when nothing is due, so the anchor is fresh for every airing.

#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "audio/outputs/output_options.hpp"
#include "audio/stream/audio_stream.hpp"
#include "core/clock.hpp"
#include "engine/air_chain.hpp"
#include "os/realtime_priority.hpp"

namespace vc::engine {

/// Makes the calling thread, which feeds the output `spec`, a real-time one (see
/// os::make_thread_realtime), except for a file output: its writes never wait for a listener,
/// so a real-time thread writing one would run past the kernel's limit on real-time CPU time
/// without blocking (RLIMIT_RTTIME) and be killed.
os::RealtimeResult make_feeder_realtime(std::string_view spec);

class RealtimeChain final : public AirChain {
  public:
    using EventHandler = std::function<void(const audio::StreamEvent&)>;
    /// `on_event` is called on the decoding thread; it must only post to the loop. `outputs`:
    /// what the spec may need besides (the station's Snapcast streams); its clock and ring size
    /// are the chain's own.
    RealtimeChain(std::string spec, audio::AudioFormat format, double ceiling_dbfs, double duck_db,
                  Clock& clock, EventHandler on_event, audio::OutputOptions outputs = {});
    [[nodiscard]] bool is_open() const override { return stream_ && stream_->is_open(); }
    /// Makes the output from the spec (devices are looked up again each time) and starts it.
    void open() override;
    void close() override;
    [[nodiscard]] std::int64_t frame_for(Instant t) const override;
    [[nodiscard]] Instant time_of(std::int64_t f) const override;
    [[nodiscard]] std::int64_t earliest_frame() const override;
    void add(audio::AiringId id, std::shared_ptr<const audio::Timeline> timeline,
             std::int64_t start_frame, audio::Layer layer, bool mutes_background,
             std::vector<int> route = {}) override;
    void add_live(audio::AiringId id, std::unique_ptr<audio::Source> source,
                  std::int64_t start_frame, audio::Layer layer, bool mutes_background,
                  std::vector<int> route = {}) override;
    void fade_out(audio::AiringId id, std::int64_t end_frame, std::int64_t fade_frames) override;
    [[nodiscard]] int sample_rate() const override { return format_.sample_rate; }
    [[nodiscard]] std::string name() const override { return spec_; }
    [[nodiscard]] std::int64_t underruns() const override;
    [[nodiscard]] std::int64_t host_underflows() const override;
    [[nodiscard]] Millis delay() const override;
    [[nodiscard]] std::int64_t read_ahead_waits() const override;
    /// How the thread that feeds the output is scheduled (os::make_thread_realtime), once known.
    [[nodiscard]] std::string scheduling() const override;
    void set_tap(audio::AudioStream::Tap tap) override { tap_ = std::move(tap); }

  private:
    std::string spec_;
    audio::OutputOptions outputs_;
    audio::AudioFormat format_;
    double ceiling_dbfs_;
    double duck_db_;
    Clock& clock_;
    EventHandler on_event_;
    std::unique_ptr<audio::AudioStream> stream_;
    // The counts of the streams closed before this one.
    std::int64_t underruns_before_ = 0;
    std::int64_t host_underflows_before_ = 0;
    std::int64_t read_ahead_waits_before_ = 0;
    audio::AudioStream::Tap tap_;
    mutable std::mutex scheduling_mutex_;
    std::string scheduling_;  ///< set by the decoding thread as it starts
};

}  // namespace vc::engine
