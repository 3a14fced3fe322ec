#pragma once
// The audio side as the daemon's service sees it: the station's outputs (station::
// station_outputs: [output]'s device, then the other devices, Snapcast streams and files its
// zones play on), each one continuous stream on which airings are placed at exact frames. The
// chain's frames are its first output's; an airing on another output is placed at the frame of
// that output that plays at the same instant. Two implementations: real time (devices or paced
// outputs, their frames anchored to the monotonic clock through each device's DAC time) and
// simulated (the frame count is the clock, counted from the start of the simulated window, the
// same on every output).

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "audio/stream/audio_stream.hpp"
#include "audio/stream/stream_event.hpp"
#include "audio/timeline.hpp"
#include "core/duration.hpp"
#include "core/instant.hpp"

namespace vc::engine {

/// One output of a chain: its spec (audio::make_output) and format.
struct ChainOutput {
    std::string spec;
    audio::AudioFormat format;
};

/// Loop thread only.
class AirChain {
  public:
    virtual ~AirChain() = default;
    [[nodiscard]] virtual bool is_open() const = 0;
    /// Opens the output and starts the stream (silence until an airing). Throws UserError when
    /// the output cannot be opened (no device, device busy).
    virtual void open() = 0;
    /// Closes the output. Nothing may be playing.
    virtual void close() = 0;
    /// The output frame that plays at wall instant `t`.
    [[nodiscard]] virtual std::int64_t frame_for(Instant t) const = 0;
    /// The wall instant at which output frame `f` plays (to the millisecond).
    [[nodiscard]] virtual Instant time_of(std::int64_t f) const = 0;
    /// The first frame a new airing can still be placed on.
    [[nodiscard]] virtual std::int64_t earliest_frame() const = 0;
    /// Makes output `output` ready for an airing: the first is opened by open(); another is
    /// opened here when it is not open yet (or was lost). Throws UserError saying why it cannot
    /// be (no device, snapserver not reachable).
    virtual void reach(std::size_t output) { (void)output; }
    /// Places an airing at `start_frame` (see audio::AudioStream::add) on output `output`.
    /// `route`: the 0-based channel of that output that each of the timeline's channels plays
    /// on, for a zone that is some channels of a multichannel output (zone A on {0}, zone C on
    /// {2, 3}); empty: the timeline has the output's format and plays on every channel. The
    /// stream checks and copies it. Throws std::invalid_argument for another format or a bad
    /// route.
    virtual void add(audio::AiringId id, std::shared_ptr<const audio::Timeline> timeline,
                     std::int64_t start_frame, audio::Layer layer, bool mutes_background,
                     std::vector<int> route = {}, std::size_t output = 0) = 0;
    /// Places a live source (a page) at `start_frame`: it plays until faded out (see
    /// audio::AudioStream::add_live).
    virtual void add_live(audio::AiringId id, std::unique_ptr<audio::Source> source,
                          std::int64_t start_frame, audio::Layer layer, bool mutes_background,
                          std::vector<int> route = {}, std::size_t output = 0) = 0;
    /// An event of one of the chain's streams as the service takes it: its frame in the
    /// chain's frames. Every event passes here once, on the loop thread.
    virtual audio::StreamEvent arrived(audio::StreamEvent e) { return e; }
    virtual void fade_out(audio::AiringId id, std::int64_t end_frame, std::int64_t fade_frames) = 0;
    [[nodiscard]] virtual int sample_rate() const = 0;
    /// How long, on output `output`, from the frame the mix renders now to the listener: its queue
    /// (rendered, not yet played) and the sound system's buffer below it as the output reports
    /// it (Output::latency_frames; Snapcast's buffer included). 0 where it is not known (a
    /// file, a simulation).
    [[nodiscard]] virtual Millis delay(std::size_t output = 0) const {
        (void)output;
        return Millis(0);
    }
    [[nodiscard]] virtual std::string name() const = 0;
    /// Times the output ran dry below the mix (silence went out instead), since the start.
    [[nodiscard]] virtual std::int64_t underruns() const = 0;
    /// Times the sound system reported an underflow of its own, below the output's ring.
    [[nodiscard]] virtual std::int64_t host_underflows() const { return 0; }
    /// Times the mix waited for an airing's read-ahead (a source slower than the air).
    [[nodiscard]] virtual std::int64_t read_ahead_waits() const { return 0; }
    /// How the thread that feeds the output is scheduled; empty where no thread does.
    [[nodiscard]] virtual std::string scheduling() const { return {}; }
    /// Every block as it goes to the output (air-check recording). Set before open().
    virtual void set_tap(audio::AudioStream::Tap tap) = 0;
};

}  // namespace vc::engine
