// THE DECODING THREAD (real-time mode) runs AudioStream::run(). It may: lock mutex_ briefly to
// take the queued commands, read clip files and allocate (through the mixer's Renderers, when
// an airing is added or a clip opens), block in Output::write() (that is what paces it), and
// call the daemon's on_event / on_output_lost handlers. It may NOT: sleep, wait for the control
// thread, log from its loop, or touch anything of the control thread's but the command queue.
// It never meets the PortAudio callback except through the output's lock-free ring.

#include "audio/stream/audio_stream.hpp"

#include <algorithm>
#include <chrono>
#include <map>
#include <stdexcept>

#include "audio/sources/renderer.hpp"
#include "audio/stream/frame_time.hpp"

namespace vc::audio {

namespace {

std::int64_t ns_of(MonoTime t) {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(t.time_since_epoch()).count();
}

MonoTime time_of_ns(std::int64_t ns) {
    return MonoTime(std::chrono::duration_cast<MonoTime::duration>(std::chrono::nanoseconds(ns)));
}

bool is_terminal(const StreamEvent& e) {
    return e.kind != StreamEvent::Kind::started;
}

std::unique_ptr<Output> checked(std::unique_ptr<Output> output, const AudioFormat& format) {
    if (!output) {
        throw std::invalid_argument("an audio stream needs an output");
    }
    if (format.sample_rate <= 0 || format.channels <= 0) {
        throw std::invalid_argument(
            "an audio stream needs a positive sample rate and channel count");
    }
    return output;
}

}  // namespace

AudioStream::AudioStream(std::unique_ptr<Output> output, AudioFormat format, MixerConfig config,
                         StreamOptions options, EventHandler on_event, LostHandler on_output_lost)
    : output_(checked(std::move(output), format)),
      format_(format),
      config_(config),
      options_(options),
      block_(options.block_frames > 0 ? options.block_frames
                                      : frames_for_ms(20, format.sample_rate)),
      on_event_(std::move(on_event)),
      on_output_lost_(std::move(on_output_lost)),
      mixer_(std::make_unique<AiringMixer>(format, config)),
      buffer_(static_cast<std::size_t>(block_ * format.channels)) {}

AudioStream::~AudioStream() {
    stop_thread();
    if (open_) {
        output_->close();
    }
}

void AudioStream::open() {
    if (open_) {
        if (!lost_flag_.load(std::memory_order_acquire)) {
            throw std::logic_error("the audio stream is already open");
        }
        // The output was lost: let it go, and start again.
        stop_thread();
        output_->close();
        open_.store(false, std::memory_order_release);
    }
    mixer_ = std::make_unique<AiringMixer>(format_, config_);
    output_->open(format_);
    pending_.clear();
    started_.clear();
    written_ = 0;
    position_.store(0, std::memory_order_release);
    {
        std::lock_guard lock(mutex_);
        committed_ = 0;
        stop_ = false;
        lost_.clear();
    }
    lost_flag_.store(false, std::memory_order_release);
    clock_anchor_known_.store(false, std::memory_order_release);
    const std::int64_t now = options_.clock ? ns_of(options_.clock->monotonic()) : 0;
    open_ns_.store(now, std::memory_order_release);
    if (options_.mode == StreamMode::manual && options_.clock) {
        // In a simulated run the frame count is the clock: frame 0 is the open time.
        clock_anchor_ns_.store(now, std::memory_order_relaxed);
        clock_anchor_known_.store(true, std::memory_order_release);
    }
    open_.store(true, std::memory_order_release);
    if (options_.mode == StreamMode::real_time) {
        thread_ = std::thread([this] { run(); });
    } else {
        std::vector<Command> commands;
        {
            std::lock_guard lock(mutex_);
            commands.swap(commands_);
        }
        for (auto& c : commands) {
            std::vector<StreamEvent> failed;
            apply(c, failed);
            for (const auto& e : failed) {
                pending_.push_back({e, 0});
            }
        }
    }
}

void AudioStream::stop_thread() {
    {
        std::lock_guard lock(mutex_);
        stop_ = true;
    }
    if (thread_.joinable()) {
        thread_.join();
    }
}

void AudioStream::close() {
    std::vector<StreamEvent> events;
    close(events);
    if (on_event_) {
        for (const auto& e : events) {
            on_event_(e);
        }
    }
}

void AudioStream::close(std::vector<StreamEvent>& events) {
    if (!open_) {
        return;
    }
    stop_thread();
    bool lost = false;
    {
        std::lock_guard lock(mutex_);
        lost = !lost_.empty();
    }
    if (!lost) {
        std::vector<StreamEvent> out;
        finish_all(StreamEvent::Kind::ended, {}, out);
        forget_finished(out);
        events.insert(events.end(), out.begin(), out.end());
    }
    output_->close();
    open_.store(false, std::memory_order_release);
    std::lock_guard lock(mutex_);
    committed_ = 0;
}

std::int64_t AudioStream::add(AiringId id, std::shared_ptr<const Timeline> timeline,
                              std::int64_t start_frame, Layer layer, bool mutes_background) {
    if (!timeline) {
        throw std::invalid_argument("airing " + std::to_string(id) + " has no timeline");
    }
    if (timeline->format != format_) {
        throw std::invalid_argument("airing " + std::to_string(id) + " is rendered at " +
                                    std::to_string(timeline->format.sample_rate) + " Hz, " +
                                    std::to_string(timeline->format.channels) +
                                    " channels; the output stream runs at " +
                                    std::to_string(format_.sample_rate) + " Hz, " +
                                    std::to_string(format_.channels) + " channels");
    }
    { Renderer validate(*timeline); }  // throws std::invalid_argument here, not on the thread
    const bool direct = options_.mode == StreamMode::manual && is_open();
    std::unique_lock lock(mutex_);
    if (live_.count(id)) {
        throw std::invalid_argument("airing " + std::to_string(id) + " is already on the stream");
    }
    const std::int64_t earliest = !is_open()                            ? 0
                                  : options_.mode == StreamMode::manual ? mixer_->position()
                                                                        : committed_ + block_;
    const std::int64_t start = std::max(start_frame, earliest);
    live_.insert(id);
    if (!direct) {
        commands_.push_back(AddCommand{id, std::move(timeline), start, layer, mutes_background});
        return start;
    }
    lock.unlock();
    try {
        mixer_->add(id, std::move(timeline), start, layer, mutes_background);
    } catch (...) {
        lock.lock();
        live_.erase(id);
        throw;
    }
    return start;
}

void AudioStream::fade_out(AiringId id, std::int64_t end_frame, std::int64_t fade_frames) {
    if (options_.mode == StreamMode::manual && is_open()) {
        mixer_->fade_out(id, end_frame, fade_frames);
        return;
    }
    std::lock_guard lock(mutex_);
    commands_.push_back(FadeCommand{id, end_frame, fade_frames});
}

void AudioStream::apply(Command& command, std::vector<StreamEvent>& events) {
    if (auto* add = std::get_if<AddCommand>(&command)) {
        const std::int64_t start = std::max(add->start, mixer_->position());
        try {
            mixer_->add(add->id, std::move(add->timeline), start, add->layer,
                        add->mutes_background);
        } catch (const std::exception& e) {
            events.push_back({StreamEvent::Kind::failed, add->id, start, false, e.what()});
        }
    } else if (auto* fade = std::get_if<FadeCommand>(&command)) {
        mixer_->fade_out(fade->id, fade->end, fade->fade);
    }
}

void AudioStream::render_block(std::int64_t frames, std::vector<StreamEvent>& events) {
    const std::int64_t block_start = mixer_->position();
    mixer_->render(buffer_.data(), frames, events);
    const std::int64_t block_end = mixer_->position();
    for (const auto& e : events) {
        if (e.kind == StreamEvent::Kind::started) {
            started_.insert(e.id);
        }
        // An event about frames of this block is due once the device has played its frame (a
        // start: the first sample; an end: the last, frame - 1); one about no frame of it (an
        // airing removed before it started) at once.
        const bool here = e.frame >= block_start && e.frame < block_end;
        const std::int64_t due = e.kind == StreamEvent::Kind::started ? e.frame + 1 : e.frame;
        pending_.push_back({e, here ? due : block_start});
    }
    position_.store(block_end, std::memory_order_release);
    if (tap_) {
        tap_(block_start, buffer_.data(), frames);
    }
    output_->write(buffer_.data(), frames);
    written_ += frames;
}

std::int64_t AudioStream::frames_reached() const {
    return std::min(output_->frames_played(), written_);
}

void AudioStream::take_due(std::int64_t reached, std::vector<StreamEvent>& out) {
    auto keep = pending_.begin();
    for (auto it = pending_.begin(); it != pending_.end(); ++it) {
        if (it->due <= reached) {
            out.push_back(std::move(it->event));
        } else {
            *keep++ = std::move(*it);
        }
    }
    pending_.erase(keep, pending_.end());
}

void AudioStream::finish_all(StreamEvent::Kind kind, const std::string& error,
                             std::vector<StreamEvent>& out) {
    const std::int64_t reached = frames_reached();
    const std::string reason = kind == StreamEvent::Kind::failed ? error : std::string();
    std::map<AiringId, std::int64_t> unheard;  // started, but the device never got there
    for (auto& p : pending_) {
        StreamEvent e = std::move(p.event);
        const bool removal = e.kind == StreamEvent::Kind::ended && !started_.count(e.id);
        if (p.due <= reached || removal) {
            out.push_back(std::move(e));
        } else if (e.kind == StreamEvent::Kind::started) {
            unheard[e.id] = e.frame;
        } else {
            // It ended after the point the device reached: it ends there instead (or, if it
            // was never heard, at its start). A clip's own failure keeps its message.
            if (const auto u = unheard.find(e.id); u != unheard.end()) {
                e.frame = u->second;
            } else if (started_.count(e.id)) {
                e.frame = reached;
            }
            e.completed = false;
            if (e.kind != StreamEvent::Kind::failed) {
                e.kind = kind;
                e.error = reason;
            }
            out.push_back(std::move(e));
        }
    }
    pending_.clear();
    mixer_->stop_all(reached, kind, reason, out);
    std::lock_guard lock(mutex_);
    for (const auto& c : commands_) {
        if (const auto* add = std::get_if<AddCommand>(&c)) {
            out.push_back({kind, add->id, add->start, false, reason});
        }
    }
    commands_.clear();
}

void AudioStream::lose(const std::string& message, std::vector<StreamEvent>& out) {
    const std::string text = message.empty() ? "unknown error" : message;
    finish_all(StreamEvent::Kind::failed, "output lost: " + text, out);
    forget_finished(out);
    std::lock_guard lock(mutex_);
    lost_ = text;
    lost_flag_.store(true, std::memory_order_release);
}

void AudioStream::forget_finished(const std::vector<StreamEvent>& delivered) {
    std::lock_guard lock(mutex_);
    for (const auto& e : delivered) {
        if (is_terminal(e)) {
            live_.erase(e.id);
            started_.erase(e.id);
        }
    }
}

void AudioStream::deliver(const std::vector<StreamEvent>& events) {
    forget_finished(events);
    if (on_event_) {
        for (const auto& e : events) {
            on_event_(e);
        }
    }
}

void AudioStream::run() noexcept {
    std::vector<Command> commands;
    std::vector<StreamEvent> due;
    std::string failure;
    try {
        for (;;) {
            {
                std::lock_guard lock(mutex_);
                if (stop_) {
                    return;
                }
                commands.swap(commands_);
                // Commands queued from now on are applied at this frame.
                committed_ = mixer_->position() + block_;
            }
            scratch_.clear();
            for (auto& c : commands) {
                apply(c, scratch_);
            }
            commands.clear();
            render_block(block_, scratch_);
            due.clear();
            take_due(frames_reached(), due);
            deliver(due);
        }
    } catch (const std::exception& e) {
        failure = e.what();
    } catch (...) {
        failure = "unknown error";
    }
    try {
        due.clear();
        lose(failure, due);
        if (on_event_) {
            for (const auto& e : due) {
                on_event_(e);
            }
        }
        if (on_output_lost_) {
            on_output_lost_(failure);
        }
    } catch (...) {
        // The handlers only post to the daemon's loop; nothing more can be done here.
    }
}

void AudioStream::advance_to(std::int64_t frame, std::vector<StreamEvent>& events) {
    if (options_.mode != StreamMode::manual) {
        throw std::logic_error("advance_to() is for a manual audio stream");
    }
    if (!open_) {
        throw std::logic_error("advance_to() on an audio stream that is not open");
    }
    {
        std::lock_guard lock(mutex_);
        if (!lost_.empty()) {
            return;
        }
    }
    std::vector<StreamEvent> due;
    while (mixer_->position() < frame) {
        if (output_->discards_frames() && mixer_->silent()) {
            // Nothing airs and nobody hears it: a simulated day to the null output costs nothing.
            const std::int64_t n = frame - mixer_->position();
            mixer_->skip_silence(n);
            written_ += n;
            position_.store(mixer_->position(), std::memory_order_release);
            break;
        }
        scratch_.clear();
        try {
            render_block(std::min(block_, frame - mixer_->position()), scratch_);
        } catch (const std::exception& e) {
            due.clear();
            lose(e.what(), due);
            events.insert(events.end(), due.begin(), due.end());
            if (on_output_lost_) {
                on_output_lost_(lost_reason());
            }
            return;
        }
        due.clear();
        take_due(written_, due);
        forget_finished(due);
        events.insert(events.end(), due.begin(), due.end());
    }
}

std::int64_t AudioStream::earliest_start_frame() const {
    if (!is_open()) {
        return 0;
    }
    if (options_.mode == StreamMode::manual) {
        return position();
    }
    std::lock_guard lock(mutex_);
    return committed_ + block_;
}

std::optional<std::int64_t> AudioStream::anchor_ns() const {
    // The output's own: a device's DAC time, a paced null output's first deadline.
    if (const auto first = output_->first_frame_time()) {
        return ns_of(*first);
    }
    if (clock_anchor_known_.load(std::memory_order_acquire)) {
        return clock_anchor_ns_.load(std::memory_order_relaxed);
    }
    return std::nullopt;
}

bool AudioStream::anchored() const {
    return anchor_ns().has_value();
}

std::optional<MonoTime> AudioStream::time_of_frame(std::int64_t frame) const {
    const auto anchor = anchor_ns();
    if (!anchor) {
        return std::nullopt;
    }
    return time_of_ns(*anchor + nanoseconds_for_frames(frame, format_.sample_rate));
}

std::int64_t AudioStream::frame_at(MonoTime t) const {
    auto anchor = anchor_ns();
    if (!anchor) {
        if (!options_.clock) {
            throw std::logic_error("frame_at() needs a clock or a device that reports its timing");
        }
        anchor = open_ns_.load(std::memory_order_acquire);
    }
    return frames_for_nanoseconds(ns_of(t) - *anchor, format_.sample_rate);
}

std::int64_t AudioStream::underruns() const {
    return output_->underruns();
}

std::string AudioStream::lost_reason() const {
    std::lock_guard lock(mutex_);
    return lost_;
}

std::optional<std::int64_t> AudioStream::next_event_frame() const {
    if (options_.mode != StreamMode::manual) {
        throw std::logic_error("next_event_frame() is for a manual audio stream");
    }
    if (!pending_.empty()) {
        return position();
    }
    return mixer_->next_event_frame();
}

bool AudioStream::idle() const {
    std::lock_guard lock(mutex_);
    return live_.empty();
}

}  // namespace vc::audio
