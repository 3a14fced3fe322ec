// THE DECODING THREAD (real-time mode) runs AudioStream::run(). It may: lock mutex_ briefly to
// take the queued commands, allocate when an airing is added, copy each airing's frames out of
// its read-ahead ring (waiting for the read-ahead thread, which opens and decodes the clips,
// only when that ring ran dry), block in Output::write() (that is what paces it), and
// call the daemon's on_event / on_output_lost handlers. It may NOT: sleep, wait for the control
// thread, log from its loop, or touch anything of the control thread's but the command queue.
// It never meets the PortAudio callback except through the output's lock-free ring.

#include <algorithm>
#include <map>
#include <stdexcept>

#include "audio/sources/timeline_source.hpp"
#include "audio/stream/audio_stream.hpp"

namespace vc::audio {

void AudioStream::apply(Command& command, std::vector<StreamEvent>& events) {
    if (auto* add = std::get_if<AddCommand>(&command)) {
        add->start = std::max(add->start, mixer_->position());
        try {
            add_to_mixer(*add);
        } catch (const std::exception& e) {
            events.push_back({StreamEvent::Kind::failed, add->id, add->start, false, e.what()});
        }
    } else if (auto* fade = std::get_if<FadeCommand>(&command)) {
        mixer_->fade_out(fade->id, fade->end, fade->fade);
    }
}

void AudioStream::add_to_mixer(AddCommand& add) {
    // A live source is never read ahead: what it renders must be as fresh as the air.
    const bool live = add.live != nullptr;
    std::unique_ptr<Source> source =
        live ? std::move(add.live) : std::make_unique<TimelineSource>(add.timeline);
    if (read_ahead_ && add.timeline) source = read_ahead_->wrap(std::move(source));
    mixer_->add(add.id, std::move(source), add.start, add.layer, add.mutes_background,
                std::move(add.route));
    // While a live source airs, the output keeps only a few blocks queued: the voice goes out
    // fresh, with less margin against a busy machine.
    if (live) {
        live_ids_.insert(add.id);
        output_->limit_lead(std::max<std::int64_t>(3 * block_, format_.sample_rate * 60 / 1000));
    }
}

void AudioStream::render_block(std::int64_t frames, std::vector<StreamEvent>& events) {
    const std::int64_t block_start = mixer_->position();
    mixer_->render(buffer_.data(), frames, events);
    const std::int64_t block_end = mixer_->position();
    for (const auto& e : events) {
        if (e.kind == StreamEvent::Kind::started) {
            started_.insert(e.id);
        } else if (live_ids_.erase(e.id) != 0 && live_ids_.empty()) {
            output_->limit_lead(0);
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
    if (options_.on_thread_start) options_.on_thread_start();
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
            if (read_ahead_)
                read_ahead_waits_.store(read_ahead_->waits(), std::memory_order_relaxed);
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

}  // namespace vc::audio
