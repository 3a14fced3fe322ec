// The audio stream's control side: opening and closing the output, queueing airings and
// fade-outs for the decoding thread (audio_stream_thread.cpp), and what the stream reports.

#include "audio/stream/audio_stream.hpp"

#include <algorithm>
#include <chrono>
#include <map>
#include <stdexcept>

#include "audio/sources/renderer.hpp"
#include "audio/stream/frame_time.hpp"

namespace vc::audio {

namespace {

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
    live_ids_.clear();
    output_->limit_lead(0);
    read_ahead_.reset();
    if (options_.mode == StreamMode::real_time && options_.read_ahead_ms > 0)
        read_ahead_ =
            std::make_unique<ReadAhead>(options_.read_ahead_ms * format_.sample_rate / 1000);
    read_ahead_waits_.store(0, std::memory_order_relaxed);
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
    read_ahead_.reset();  // the airings' sources are already gone with finish_all
    open_.store(false, std::memory_order_release);
    std::lock_guard lock(mutex_);
    committed_ = 0;
}

void AudioStream::check_format(AiringId id, const AudioFormat& format,
                               const std::vector<int>& route) const {
    if (!route.empty()) {
        check_route(id, format, format_, route);
    } else if (format != format_) {
        throw std::invalid_argument(
            "airing " + std::to_string(id) + " is rendered at " +
            std::to_string(format.sample_rate) + " Hz, " + std::to_string(format.channels) +
            " channels; the output stream runs at " + std::to_string(format_.sample_rate) +
            " Hz, " + std::to_string(format_.channels) + " channels");
    }
}

std::int64_t AudioStream::add(AiringId id, std::shared_ptr<const Timeline> timeline,
                              std::int64_t start_frame, Layer layer, bool mutes_background,
                              std::vector<int> route) {
    if (!timeline) {
        throw std::invalid_argument("airing " + std::to_string(id) + " has no timeline");
    }
    check_format(id, timeline->format, route);
    { Renderer validate(*timeline); }  // throws std::invalid_argument here, not on the thread
    return enqueue(AddCommand{id, std::move(timeline), nullptr, start_frame, layer,
                              mutes_background, std::move(route)});
}

std::int64_t AudioStream::add_live(AiringId id, std::unique_ptr<Source> source,
                                   std::int64_t start_frame, Layer layer, bool mutes_background,
                                   std::vector<int> route) {
    if (!source) {
        throw std::invalid_argument("airing " + std::to_string(id) + " has no source");
    }
    check_format(id, source->format(), route);
    return enqueue(AddCommand{id, nullptr, std::move(source), start_frame, layer, mutes_background,
                              std::move(route)});
}

std::int64_t AudioStream::enqueue(AddCommand add) {
    const bool direct = options_.mode == StreamMode::manual && is_open();
    std::unique_lock lock(mutex_);
    if (live_.count(add.id)) {
        throw std::invalid_argument("airing " + std::to_string(add.id) +
                                    " is already on the stream");
    }
    const std::int64_t earliest = !is_open()                            ? 0
                                  : options_.mode == StreamMode::manual ? mixer_->position()
                                                                        : committed_ + block_;
    add.start = std::max(add.start, earliest);
    const std::int64_t start = add.start;
    live_.insert(add.id);
    if (!direct) {
        commands_.push_back(std::move(add));
        return start;
    }
    lock.unlock();
    try {
        add_to_mixer(add);
    } catch (...) {
        lock.lock();
        live_.erase(add.id);
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
