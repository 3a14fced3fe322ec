#pragma once
// One airing on the output stream: its source, the frames rendered ahead, its fade-out.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "audio/sources/source.hpp"
#include "audio/stream/stream_event.hpp"

namespace vc::audio {

/// A Source placed at an absolute output frame: source frame k is output frame start + k.
/// It renders (a Timeline through its own limited Renderer) into a small buffer
/// that runs ahead of the mixer's position by the master limiter's look-ahead; gains (fade-out,
/// ducking) are applied when frames are mixed, so a command that comes after frames were
/// rendered ahead still acts on exactly the frames it names. A source that throws ends the
/// airing at the first frame it did not render; one without a length plays until it is faded
/// out. Owned and used by the mixer's thread only.
///
/// Its route places it on channels of the output: source channel i plays on output channel
/// route()[i]. A station's zones can be channels of one multichannel output (zone A on
/// channel 0, zone B on channel 1, zone C on channels 2 and 3), so an airing for one zone
/// sounds only on that zone's channels.
class Airing {
  public:
    /// `capacity` is the most frames ever buffered at once. `output_channels`: the output
    /// stream's channel count. `route`: the 0-based output channel of each of the source's
    /// channels (route.size() == its channel count, each entry in [0, output_channels) and
    /// distinct); empty: the source has output_channels channels and channel i plays on
    /// channel i. The caller (AiringMixer::add, see check_route) has checked it. Allocates the
    /// buffer and the route here, never later.
    Airing(AiringId id, std::unique_ptr<Source> source, std::int64_t start, Layer layer,
           bool mutes_background, std::int64_t capacity, int output_channels,
           std::vector<int> route = {});

    [[nodiscard]] AiringId id() const { return id_; }
    [[nodiscard]] Layer layer() const { return layer_; }
    [[nodiscard]] bool mutes_background() const { return mutes_background_; }
    [[nodiscard]] std::int64_t start() const { return start_; }
    /// The output channel of each source channel (filled in: 0, 1, ... for an empty route).
    [[nodiscard]] const std::vector<int>& route() const { return route_; }
    /// Its start plus its source's length; the largest frame there is for an endless source.
    [[nodiscard]] std::int64_t natural_end() const { return natural_end_; }
    /// One past its last sample: the natural end, the end of a fade-out or where it failed.
    [[nodiscard]] std::int64_t end() const;
    /// Whether it sounds at `frame` (between its start and its end).
    [[nodiscard]] bool plays_at(std::int64_t frame) const {
        return frame >= start_ && frame < end();
    }
    [[nodiscard]] bool failed() const { return failed_at_.has_value(); }
    [[nodiscard]] const std::string& error() const { return error_; }
    /// Ending now would be completed: it reached its natural end and no fade-out touched it.
    [[nodiscard]] bool completed() const;

    /// Renders ahead so that frames up to `until` (exclusive, capped at end()) are buffered.
    /// Catches the source's exceptions: the airing then fails at the first unrendered frame.
    void render_until(std::int64_t until);
    /// Adds frames [from, to) that are buffered into `mix` (interleaved with the output's
    /// channels; its frame 0 is output frame `from`): source channel i into output channel
    /// route()[i], scaled by the fade-out and, when `duck` is given, by the gain of that output
    /// channel, duck[(frame - from) * output channels + route()[i]]. Allocates nothing.
    void mix_into(float* mix, std::int64_t from, std::int64_t to, const float* duck) const;
    /// Forgets buffered frames before `frame` (they have been mixed for good).
    void discard_before(std::int64_t frame);

    /// Fades out linearly so that the last sample is end_frame - 1, starting at
    /// end_frame - fade_frames or at `now`, whichever is later (a fade-out ending at or before
    /// `now` cuts at `now`). A fade that would end later than the current end is ignored.
    void fade_out(std::int64_t end_frame, std::int64_t fade_frames, std::int64_t now);
    /// The fade-out's gain at `frame` (1 before it begins, 0 from its end).
    [[nodiscard]] double fade_gain(std::int64_t frame) const;

    /// Whether its `started` event has been reported.
    bool started_reported = false;

  private:
    AiringId id_;
    std::unique_ptr<Source> source_;
    std::int64_t start_;
    std::int64_t natural_end_;
    Layer layer_;
    bool mutes_background_;
    int channels_;         ///< the source's
    int output_channels_;  ///< the output stream's
    std::vector<int> route_;
    std::vector<float> buffer_;  ///< frames [base_, rendered_) of the output
    std::int64_t base_;
    std::int64_t rendered_;
    std::optional<std::int64_t> failed_at_;
    std::string error_;
    /// The fade-out as (frame, gain) knots joined linearly: gain 1 before the first, 0 from the
    /// last (its end). Empty: no fade-out.
    std::vector<std::pair<std::int64_t, double>> fade_;
};

}  // namespace vc::audio
