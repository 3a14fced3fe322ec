#pragma once
// The real-time audio side: the station's outputs (devices, Snapcast streams, paced null
// outputs), each behind a real-time AudioStream of its own, its frames anchored to the monotonic
// clock through its device's DAC time. The first output's frames are the chain's; another
// output's frame is the one that plays at the same monotonic instant. Opened shortly before an
// airing and closed when nothing is due, so the anchors are fresh for every airing.

#include <cstddef>
#include <functional>
#include <map>
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
    /// `on_event` is called on a decoding thread; it must only post to the loop, where the
    /// event goes through arrived(). `outputs`: what the specs may need besides (the station's
    /// Snapcast streams); its clock and ring size are the chain's own. `more`: the outputs after
    /// the first (`spec`, `format`), opened on demand (reach).
    RealtimeChain(std::string spec, audio::AudioFormat format, double ceiling_dbfs, double duck_db,
                  Clock& clock, EventHandler on_event, audio::OutputOptions outputs = {},
                  std::vector<ChainOutput> more = {});
    [[nodiscard]] bool is_open() const override { return line_open(0); }
    /// Makes the first output from its spec (devices are looked up again each time) and starts
    /// it. The others open when an airing needs them (reach).
    void open() override;
    /// Closes every output.
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
    [[nodiscard]] int sample_rate() const override { return lines_[0].format.sample_rate; }
    [[nodiscard]] std::string name() const override { return lines_[0].spec; }
    [[nodiscard]] std::int64_t underruns() const override;
    [[nodiscard]] std::int64_t host_underflows() const override;
    [[nodiscard]] Millis delay(std::size_t output = 0) const override;
    [[nodiscard]] std::int64_t read_ahead_waits() const override;
    /// How the thread that feeds the first output is scheduled (os::make_thread_realtime),
    /// once known.
    [[nodiscard]] std::string scheduling() const override;
    /// Taps the first output only.
    void set_tap(audio::AudioStream::Tap tap) override { tap_ = std::move(tap); }

  private:
    /// One output and its stream.
    struct Line {
        std::string spec;
        audio::AudioFormat format;
        std::unique_ptr<audio::AudioStream> stream;
        // The counts of the streams closed before this one.
        std::int64_t underruns_before = 0;
        std::int64_t host_underflows_before = 0;
        std::int64_t read_ahead_waits_before = 0;
        /// The chain frame last placed on it and the line's frame for it: the airings of one
        /// instant share their frame on every output.
        std::int64_t placed_chain_frame = -1;
        std::int64_t placed_line_frame = 0;
    };

    [[nodiscard]] bool line_open(std::size_t i) const {
        return lines_[i].stream && lines_[i].stream->is_open();
    }
    void open_line(std::size_t i);
    /// When frame `f` of line `i` plays, on the monotonic clock (estimated from its open time
    /// before the device reports its anchor).
    [[nodiscard]] MonoTime mono_of(std::size_t i, std::int64_t f) const;
    /// Line `i`'s frame for chain frame `f`, and back.
    [[nodiscard]] std::int64_t to_line(std::size_t i, std::int64_t f) const;
    [[nodiscard]] std::int64_t from_line(std::size_t i, std::int64_t f) const;
    /// The frame of output `output` for chain frame `start_frame`, opening the output when it
    /// is not open (loop thread).
    std::int64_t line_frame(std::size_t output, std::int64_t start_frame);
    /// Records an airing on an output after the first, at the frame its stream used (the one
    /// asked, or that stream's earliest when later).
    void placed(audio::AiringId id, std::size_t output, std::int64_t start_frame,
                std::int64_t used);

    std::vector<Line> lines_;
    audio::OutputOptions outputs_;
    double ceiling_dbfs_;
    double duck_db_;
    Clock& clock_;
    EventHandler on_event_;
    /// An airing on an output after the first: its frames there are its start's plus the
    /// frames since (the outputs run at one rate), so its fades and events keep their place
    /// within it exactly.
    struct Placed {
        std::size_t line = 0;
        std::int64_t chain_start = 0;
        std::int64_t line_start = 0;
    };
    std::map<audio::AiringId, Placed> placed_;
    audio::AudioStream::Tap tap_;
    mutable std::mutex scheduling_mutex_;
    std::string scheduling_;  ///< set by the first line's decoding thread as it starts
};

}  // namespace vc::engine
