#pragma once
// Airings placed at absolute frames of one continuous output stream, mixed, ducked and limited.

#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "audio/audio_format.hpp"
#include "audio/dsp/duck_envelope.hpp"
#include "audio/dsp/limiter.hpp"
#include "audio/sources/source.hpp"
#include "audio/stream/airing.hpp"
#include "audio/stream/stream_event.hpp"
#include "audio/timeline.hpp"

namespace vc::audio {

/// Checks that a source in `source` format can play on a stream in `stream` format through
/// `route` (see AiringMixer::add): with an empty route the formats are equal; with one, the
/// rates are equal, route.size() == source.channels and every entry is a distinct channel in
/// [0, stream.channels). Throws std::invalid_argument naming airing `id` otherwise. Any thread.
void check_route(AiringId id, const AudioFormat& source, const AudioFormat& stream,
                 const std::vector<int>& route);

/// How the mixer joins airings.
struct MixerConfig {
    /// The master safety stage's sample-peak ceiling (the station's ceiling).
    double ceiling_dbfs = -1.0;
    /// How far background airings go down while a foreground airing plays.
    double duck_db = -15.0;
    /// Frames over which the background ramps down, from the foreground's first frame;
    /// negative: 0.5 s at the mixer's rate.
    std::int64_t duck_down_frames = -1;
    /// Frames over which it ramps back up, from the frame after the foreground's last;
    /// negative: 1 s at the mixer's rate.
    std::int64_t duck_up_frames = -1;
};

/// Mixes airings (Timelines placed at absolute output frames) into one endless stream of
/// frames: silence where nothing plays. Exact: an airing added at start_frame S has its
/// timeline frame k at output frame S + k, always, whatever the block sizes asked for.
///
/// Each airing renders through its own Renderer (limited to its timeline's ceiling) and plays
/// on the output channels of its route (see add(): by default every channel). Ducking is per
/// output channel: while a foreground airing plays on a channel, every background airing's
/// gain on that channel ramps linearly (in amplitude) down by duck_db over duck_down_frames
/// from the foreground's first frame, and back up over duck_up_frames from the frame after its
/// last; under a mutes_background airing it ramps to silence instead. A background airing on
/// other channels (another zone's) is untouched. One envelope per output channel; with every
/// airing on every channel they all move together. The sum goes through a master Limiter
/// (audio/dsp/limiter.hpp) so that no sample exceeds the ceiling (two limited airings can add up
/// past it). The limiter's look-ahead latency is compensated here: the airings are rendered ahead
/// by that latency, the committed frames go through the limiter and the look-ahead frames through a
/// copy of it, so output frame k is mixed frame k and a command for any frame >= position() still
/// acts exactly there (gains are applied when frames are mixed, not when they are rendered ahead).
///
/// Events, each at its exact frame: `started` at an airing's first frame (not for an airing
/// that fails before its first frame is rendered); then exactly one of `ended` (one past its
/// last sample; completed when it played its whole timeline with no fade-out) or `failed` (a
/// clip could not be decoded: the airing ends at the first frame its renderer did not deliver;
/// the others go on). At one frame, ends come before starts.
///
/// Pure and deterministic: the same calls give the same bytes; no clock, no I/O besides the
/// clip files the Renderers read. Allocates in add() (an airing's buffer and route);
/// render() only when a clip opens or an event is reported. Single-threaded: one thread (the
/// decoding thread, or a simulated run's) makes every call.
class AiringMixer {
  public:
    /// Throws std::invalid_argument for a non-positive rate or channel count.
    AiringMixer(AudioFormat format, MixerConfig config);

    /// Schedules `timeline` to start at output frame `start_frame`.
    /// mutes_background: while this foreground airing plays (an emergency), background airings
    /// are silent instead of ducked (on the channels it plays on). `route`: the output channel
    /// (0-based) that each of the timeline's channels plays on, route[i] for channel i, so that
    /// an airing for one zone sounds only on that zone's channels of a multichannel output
    /// (e.g. {1} for a mono timeline on channel 1, {2, 3} for a stereo one on channels 2 and 3).
    /// Empty: the timeline is in this mixer's format and channel i plays on channel i. With a
    /// route, the timeline has this mixer's sample rate and route.size() channels, and every
    /// entry is in [0, format().channels) and appears once (check_route). The mixer keeps its
    /// own copy (allocated here, never while rendering). Opens no file yet. Throws
    /// std::invalid_argument for a null or invalid timeline, another format, a bad route, an
    /// id already playing or pending, or start_frame < position().
    void add(AiringId id, std::shared_ptr<const Timeline> timeline, std::int64_t start_frame,
             Layer layer, bool mutes_background = false, std::vector<int> route = {});
    /// The same for any Source (a timeline, a generated clip, a live input): the checks above
    /// apply to its format. A source without a length plays until fade_out() ends it.
    void add(AiringId id, std::unique_ptr<Source> source, std::int64_t start_frame, Layer layer,
             bool mutes_background = false, std::vector<int> route = {});

    /// Fades the airing out linearly over `fade_frames` so that its last sample is
    /// end_frame - 1; the fade starts at end_frame - fade_frames, or at position() if that is
    /// already past (an end_frame <= position() cuts it at position()). A fade-out can only
    /// bring an airing's end closer. An airing that has not started (start >= position()) is
    /// removed instead: its `ended` event (completed = false, frame = its start) comes with the
    /// next render(), whatever that frame. An unknown id is ignored.
    void fade_out(AiringId id, std::int64_t end_frame, std::int64_t fade_frames);

    /// Fills `frames` frames (interleaved) and appends, in frame order, the events whose frame
    /// lies in [position(), position() + frames) (and the removals fade_out made).
    void render(float* interleaved, std::int64_t frames, std::vector<StreamEvent>& events);

    /// Ends every airing now without rendering: each gets an event of `kind` (ended: completed
    /// = false) at max(frame, its start), with `error`; pending removals are appended too.
    /// Used when the output closes or is lost.
    void stop_all(std::int64_t frame, StreamEvent::Kind kind, const std::string& error,
                  std::vector<StreamEvent>& events);

    /// Frames rendered so far: the next frame render() fills.
    [[nodiscard]] std::int64_t position() const { return position_; }
    /// The next frame >= position() at which an event is due (a start, a natural end, a fade's
    /// end, a failure already seen ahead), or nullopt when nothing is scheduled; position()
    /// while a removal waits to be reported. A failure can still come sooner.
    [[nodiscard]] std::optional<std::int64_t> next_event_frame() const;
    /// Nothing playing or pending.
    [[nodiscard]] bool idle() const { return airings_.empty() && removed_.empty(); }
    [[nodiscard]] const AudioFormat& format() const { return format_; }
    /// Frames by which the airings are rendered ahead of position() (the limiter's look-ahead).
    [[nodiscard]] std::int64_t lookahead() const { return limiter_.latency(); }

    /// True when nothing is on the stream and the limiter holds only silence, so the next
    /// frames are silence whatever happens to them.
    [[nodiscard]] bool silent() const;
    /// Moves position() forward by `frames` without rendering. Only while silent(); the caller
    /// must not need the frames (an output that discards them).
    void skip_silence(std::int64_t frames);

  private:
    void render_block(float* out, std::int64_t frames, std::vector<StreamEvent>& events);
    /// The background's target gain on each output channel at `frame` into targets_.
    void duck_targets(std::int64_t frame);

    AudioFormat format_;
    MixerConfig config_;
    double duck_gain_;
    Limiter limiter_;                      ///< fed the committed frames
    Limiter lookahead_;                    ///< a copy, fed the look-ahead frames of one block
    std::vector<DuckEnvelope> envelopes_;  ///< one per output channel, moved by committed frames
    std::vector<DuckEnvelope> ahead_;      ///< their copies for the look-ahead frames of a block
    std::vector<double> targets_;          ///< duck_targets()' result, one per output channel
    std::vector<std::unique_ptr<Airing>> airings_;  ///< in the order added (the order summed)
    std::vector<StreamEvent> removed_;              ///< removals not yet reported
    std::int64_t last_end_ = 0;                     ///< one past the last frame any airing played
    std::vector<float> mix_;
    std::vector<float> duck_;  ///< the background's gain per frame and output channel
    std::int64_t position_ = 0;
};

}  // namespace vc::audio
