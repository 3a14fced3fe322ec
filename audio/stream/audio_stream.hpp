#pragma once
// The one continuous output stream the daemon keeps open while airings are near.

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <variant>
#include <vector>

#include "audio/output.hpp"
#include "audio/sources/read_ahead.hpp"
#include "audio/stream/airing_mixer.hpp"
#include "audio/stream/stream_event.hpp"
#include "core/clock.hpp"

namespace vc::audio {

/// Who moves the stream forward.
enum class StreamMode {
    /// A decoding thread renders blocks and writes them to the output, which paces it (a
    /// PortAudio device by its ring, a null output by its clock). For pacing outputs only.
    real_time,
    /// No thread: advance_to() renders on the caller's thread (simulated runs, tests), into an
    /// unpaced null output or a file.
    manual,
};

/// How an AudioStream runs.
struct StreamOptions {
    StreamMode mode = StreamMode::real_time;
    /// Frames rendered per block (the granularity of commands and event delivery); 0: 20 ms.
    std::int64_t block_frames = 0;
    /// Maps frames to monotonic time where the output does not: its time at open() is frame 0
    /// of a manual stream, and estimates a real-time output's anchor until the output reports
    /// it (Output::first_frame_time: a device's DAC time, a paced null output's anchor).
    /// Null: time_of_frame() is empty unless the output knows, frame_at() throws. Must outlive
    /// the stream.
    Clock* clock = nullptr;
    /// Real time: how far ahead of the mix each airing's source is rendered on the read-ahead
    /// thread (see ReadAhead); 0 renders on the decoding thread itself.
    std::int64_t read_ahead_ms = ReadAhead::default_lead_ms;
    /// Real time: called first on the decoding thread each time it starts (to raise its
    /// priority); must not block.
    std::function<void()> on_thread_start;
};

/// Owns an Output and an AiringMixer: one continuous stream of frames, silence between
/// airings, that starts at frame 0 when opened. Airings are Timelines placed at absolute
/// frames of the stream (see AiringMixer for what is exact and what each event means).
///
/// Threads. Real-time mode: open(), close(), add(), fade_out() are called from one control
/// thread (the daemon's loop); the accessors from any thread. Commands go through a small
/// mutex-protected queue that the decoding thread drains before each block. Events reach
/// `on_event` on the decoding thread once their frame has reached the listener
/// (Output::frames_played() >= frame); a removal of an airing that had not
/// started comes with the next block. The handler must be quick and must not call back into
/// the stream (post it to the loop). When a write fails (the device is lost), every airing on
/// the stream gets a `failed` event ("output lost: <message>"), then `on_output_lost` is
/// called, the decoding thread ends and is_open() turns false; open() again to recover
/// (airings added meanwhile wait for it).
/// Manual mode: one thread makes every call; advance_to() returns the events.
class AudioStream {
  public:
    using EventHandler = std::function<void(const StreamEvent&)>;
    using LostHandler = std::function<void(const std::string&)>;
    /// Sees every rendered block exactly as it goes to the output: its first frame, the
    /// interleaved samples and the frame count. Runs on the thread that renders (the decoding
    /// thread in real time); it may write files but must not block for long.
    using Tap = std::function<void(std::int64_t first_frame, const float* interleaved,
                                   std::int64_t frames)>;

    /// `format`: the stream's sample format (every airing's timeline must match it, or have its
    /// rate and a route to some of its channels: see add()).
    /// Throws std::invalid_argument for a null output or an invalid format.
    AudioStream(std::unique_ptr<Output> output, AudioFormat format, MixerConfig config,
                StreamOptions options, EventHandler on_event = {}, LostHandler on_output_lost = {});
    /// Closes the stream without reporting anything more.
    ~AudioStream();
    AudioStream(const AudioStream&) = delete;
    AudioStream& operator=(const AudioStream&) = delete;

    /// Opens the output and starts at frame 0 (real time: starts the decoding thread, which
    /// plays silence until an airing comes). Airings added before open() start with it. After
    /// the output was lost, opens it again. Throws UserError when the output cannot be opened;
    /// std::logic_error when already open.
    void open();
    /// Stops the decoding thread and closes the output at once (it fades nothing: fade first).
    /// Airings still on the stream get `ended` (completed = false) at the frame the output had
    /// reached, or at their start if later; in real time through on_event, on this thread.
    void close();
    /// The same, appending those events to `events` instead of calling on_event.
    void close(std::vector<StreamEvent>& events);

    /// Places `timeline` at frame `start_frame`, or at earliest_start_frame() when that is
    /// later; returns the frame used (its `started` event will say the same). mutes_background:
    /// see AiringMixer::add. `route`: the 0-based output channel that each of the timeline's
    /// channels plays on (route[i] for channel i), for zones that are channels of one
    /// multichannel output; empty: the timeline is in the stream's format and channel i plays
    /// on channel i. With a route the timeline has the stream's rate and route.size()
    /// channels, each entry in [0, format().channels) and distinct (see AiringMixer::add and
    /// check_route). The route is checked and copied here, on the calling thread; the mixer
    /// takes it when the airing is added (real time: on the decoding thread, which allocates
    /// only then). Throws std::invalid_argument for a null timeline, another format, a bad
    /// route or an id still on the stream.
    std::int64_t add(AiringId id, std::shared_ptr<const Timeline> timeline,
                     std::int64_t start_frame, Layer layer, bool mutes_background = false,
                     std::vector<int> route = {});
    /// The same for a live source (a page's microphone): it has no length and plays until
    /// fade_out() ends it; it is rendered on the decoding thread itself, never read ahead, so
    /// it adds no latency of its own. Its format follows the rules above (a route for some of
    /// the channels). Throws std::invalid_argument for a null source, another format, a bad
    /// route or an id still on the stream.
    std::int64_t add_live(AiringId id, std::unique_ptr<Source> source, std::int64_t start_frame,
                          Layer layer, bool mutes_background = false, std::vector<int> route = {});
    /// Fades an airing out so that its last sample is end_frame - 1 (see
    /// AiringMixer::fade_out; in real time an end_frame before earliest_start_frame() ends it
    /// as soon as the decoding thread takes the command). An unknown id is ignored.
    void fade_out(AiringId id, std::int64_t end_frame, std::int64_t fade_frames);

    /// Manual mode: renders up to `frame` into the output on this thread and appends the events
    /// of those frames. Throws std::logic_error in real-time mode or when not open.
    void advance_to(std::int64_t frame, std::vector<StreamEvent>& events);

    /// Frames rendered since open() (real time: ahead of the device by up to its ring).
    [[nodiscard]] std::int64_t position() const {
        return position_.load(std::memory_order_acquire);
    }
    /// The first frame a new airing can still be placed at: real time, what the decoding thread
    /// has not rendered yet plus one block of margin; manual, position(); before open(), 0.
    [[nodiscard]] std::int64_t earliest_start_frame() const;
    /// When `frame` reaches (or reached) the loudspeakers, on the monotonic clock: the output's
    /// anchor (Output::first_frame_time(); PortAudio: the DAC time of frame 0, from
    /// outputBufferDacTime; a paced null output: the clock at its first write) + frame / rate;
    /// for a manual stream, the clock at open() + frame / rate. Empty while no anchor is known.
    [[nodiscard]] std::optional<MonoTime> time_of_frame(std::int64_t frame) const;
    /// The frame that reaches the loudspeakers at `t` (the inverse of time_of_frame, to the
    /// nearest frame); before the device reports its anchor, estimated from the open time plus
    /// the output's latency (frame 0 goes out at once and sounds that much later).
    /// Throws std::logic_error without a clock or a device anchor.
    [[nodiscard]] std::int64_t frame_at(MonoTime t) const;
    /// Whether time_of_frame() is known (from the output, or the clock of a manual stream)
    /// rather than frame_at() estimating it.
    [[nodiscard]] bool anchored() const;
    /// Times the device ran dry (silence was played instead). After an underrun the device
    /// plays later than time_of_frame() says, by the silence inserted.
    [[nodiscard]] std::int64_t underruns() const;
    /// Frames from the one the mix renders now to the listener: what waits for the output
    /// (rendered, not yet played) and the output's own latency (Output::latency_frames). Any
    /// thread.
    [[nodiscard]] std::int64_t delay_frames() const {
        if (!is_open()) return 0;
        return std::max<std::int64_t>(position() - output_->frames_played(), 0) +
               output_->latency_frames();
    }
    /// The output's own underflows below the stream (Output::host_underflows).
    [[nodiscard]] std::int64_t host_underflows() const { return output_->host_underflows(); }
    /// Times the mix waited for an airing's read-ahead (ReadAhead::waits) since open(); the
    /// sound card only runs dry when such a wait outlasts its buffer (underruns()).
    [[nodiscard]] std::int64_t read_ahead_waits() const {
        return read_ahead_waits_.load(std::memory_order_relaxed);
    }
    /// Opened and not closed, and its output not lost. Any thread.
    [[nodiscard]] bool is_open() const {
        return open_.load(std::memory_order_acquire) && !lost_flag_.load(std::memory_order_acquire);
    }
    /// The output's failure message once it was lost, else empty. Control thread.
    [[nodiscard]] std::string lost_reason() const;
    /// Manual mode: the mixer's next event frame (AiringMixer::next_event_frame); a simulated
    /// run calls advance_to(*next + 1) to get its events. Throws std::logic_error in real time.
    [[nodiscard]] std::optional<std::int64_t> next_event_frame() const;
    /// Nothing playing or pending, and every event delivered. Any thread.
    [[nodiscard]] bool idle() const;
    [[nodiscard]] const AudioFormat& format() const { return format_; }
    /// Sets the tap (air-check recording). Call before open().
    void set_tap(Tap tap) { tap_ = std::move(tap); }
    [[nodiscard]] std::int64_t block_frames() const { return block_; }
    [[nodiscard]] std::string output_name() const { return output_->name(); }

  private:
    struct AddCommand {
        AiringId id;
        std::shared_ptr<const Timeline> timeline;  ///< what airs, or null for a live source
        std::unique_ptr<Source> live;
        std::int64_t start;
        Layer layer;
        bool mutes_background;
        std::vector<int> route;
    };
    struct FadeCommand {
        AiringId id;
        std::int64_t end;
        std::int64_t fade;
    };
    using Command = std::variant<AddCommand, FadeCommand>;
    /// An event rendered but not yet delivered, and the frame the device must reach first.
    struct Pending {
        StreamEvent event;
        std::int64_t due;
    };

    void run() noexcept;
    /// That an airing of `format` with `route` fits the stream; throws std::invalid_argument.
    void check_format(AiringId id, const AudioFormat& format, const std::vector<int>& route) const;
    /// Queues an add (or, manual and open, adds it at once); returns its start frame.
    std::int64_t enqueue(AddCommand add);
    /// Gives the mixer the command's source (a timeline read ahead in real time).
    void add_to_mixer(AddCommand& add);
    void apply(Command& command, std::vector<StreamEvent>& events);
    void render_block(std::int64_t frames, std::vector<StreamEvent>& events);
    [[nodiscard]] std::int64_t frames_reached() const;
    Tap tap_;
    void take_due(std::int64_t reached, std::vector<StreamEvent>& out);
    void finish_all(StreamEvent::Kind kind, const std::string& error,
                    std::vector<StreamEvent>& out);
    void lose(const std::string& message, std::vector<StreamEvent>& out);
    void forget_finished(const std::vector<StreamEvent>& delivered);
    void deliver(const std::vector<StreamEvent>& events);
    void stop_thread();
    [[nodiscard]] std::optional<std::int64_t> anchor_ns() const;

    std::unique_ptr<Output> output_;
    AudioFormat format_;
    MixerConfig config_;
    StreamOptions options_;
    std::int64_t block_;
    EventHandler on_event_;
    LostHandler on_output_lost_;
    std::unique_ptr<AiringMixer> mixer_;
    std::unique_ptr<ReadAhead> read_ahead_;  ///< real time, while open

    // Shared between the control thread and the decoding thread, under mutex_.
    mutable std::mutex mutex_;
    std::vector<Command> commands_;
    std::set<AiringId> live_;     ///< ids added whose last event was not delivered yet
    std::int64_t committed_ = 0;  ///< the frame the decoding thread renders up to next
    bool stop_ = false;
    std::string lost_;

    // The decoding thread's own (the control thread's in manual mode).
    std::vector<float> buffer_;
    std::vector<Pending> pending_;
    std::vector<StreamEvent> scratch_;
    std::set<AiringId> live_ids_;  ///< airings of live sources on the mixer (decoding thread)
    std::set<AiringId> started_;   ///< ids whose `started` event was rendered, until their last
    std::int64_t written_ = 0;

    std::atomic<std::int64_t> position_{0};
    std::atomic<bool> clock_anchor_known_{false};
    std::atomic<std::int64_t> clock_anchor_ns_{0};  ///< a manual stream's frame 0 (monotonic ns)
    std::atomic<std::int64_t> open_ns_{0};          ///< monotonic ns at open()
    std::atomic<bool> open_{false};
    std::atomic<bool> lost_flag_{false};  ///< lost_ is set
    std::atomic<std::int64_t> read_ahead_waits_{0};
    std::thread thread_;
};

}  // namespace vc::audio
