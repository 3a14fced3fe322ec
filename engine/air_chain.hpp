#pragma once
// The audio side as the daemon's service sees it: one continuous output stream on which
// airings are placed at exact frames. Two implementations: real time (a device or a paced
// output, its frames anchored to the wall clock through the device's DAC time) and simulated
// (the frame count is the clock, counted from the start of the simulated window).

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
    /// Places an airing at `start_frame` (see audio::AudioStream::add). `route`: the 0-based
    /// output channel that each of the timeline's channels plays on, for a zone that is some
    /// channels of a multichannel output (zone A on {0}, zone C on {2, 3}); empty: the timeline
    /// has the output's format and plays on every channel. The stream checks and copies it.
    /// Throws std::invalid_argument for another format or a bad route.
    virtual void add(audio::AiringId id, std::shared_ptr<const audio::Timeline> timeline,
                     std::int64_t start_frame, audio::Layer layer, bool mutes_background,
                     std::vector<int> route = {}) = 0;
    /// Places a live source (a page) at `start_frame`: it plays until faded out (see
    /// audio::AudioStream::add_live).
    virtual void add_live(audio::AiringId id, std::unique_ptr<audio::Source> source,
                          std::int64_t start_frame, audio::Layer layer, bool mutes_background,
                          std::vector<int> route = {}) = 0;
    virtual void fade_out(audio::AiringId id, std::int64_t end_frame, std::int64_t fade_frames) = 0;
    [[nodiscard]] virtual int sample_rate() const = 0;
    /// How long from the frame the mix renders now to the listener: the output's queue
    /// (rendered, not yet played) and the sound system's buffer below it as the output reports
    /// it (Output::latency_frames; Snapcast's buffer included). 0 where it is not known (a
    /// file, a simulation).
    [[nodiscard]] virtual Millis delay() const { return Millis(0); }
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
