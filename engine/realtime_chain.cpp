#include "engine/realtime_chain.hpp"

#include "audio/outputs/output_factory.hpp"
#include "core/duration.hpp"
#include "core/log.hpp"

namespace vc::engine {

os::RealtimeResult make_feeder_realtime(std::string_view spec) {
    if (audio::is_file_output(spec))
        return {false, "normal priority (a file is written as fast as it takes frames)"};
    return os::make_thread_realtime(os::feeder_priority);
}

RealtimeChain::RealtimeChain(std::string spec, audio::AudioFormat format, double ceiling_dbfs,
                             double duck_db, Clock& clock, EventHandler on_event,
                             audio::OutputOptions outputs)
    : spec_(std::move(spec)),
      outputs_(std::move(outputs)),
      format_(format),
      ceiling_dbfs_(ceiling_dbfs),
      duck_db_(duck_db),
      clock_(clock),
      on_event_(std::move(on_event)) {}

void RealtimeChain::open() {
    if (is_open()) return;
    if (stream_) {
        underruns_before_ += stream_->underruns();
        host_underflows_before_ += stream_->host_underflows();
        read_ahead_waits_before_ += stream_->read_ahead_waits();
    }
    stream_.reset();
    audio::OutputOptions out_options = outputs_;
    out_options.clock = &clock_;  // a null output keeps real time, as a sound card would
    // The conflict rules commit a start 0.5 s ahead (so a preempted airing can fade out over
    // the 0.5 s before it); the stream must not have rendered that far ahead, or the start would
    // slip. 200 ms of ring plus one block leaves the rest as margin.
    out_options.buffer_ms = 200;
    audio::MixerConfig mixer;
    mixer.ceiling_dbfs = ceiling_dbfs_;
    mixer.duck_db = duck_db_;
    audio::StreamOptions options;
    options.mode = audio::StreamMode::real_time;
    options.clock = &clock_;
    options.on_thread_start = [this] {
        const auto result = make_feeder_realtime(spec_);
        bool changed = false;
        {
            std::lock_guard lock(scheduling_mutex_);
            changed = scheduling_ != result.how;
            scheduling_ = result.how;
        }
        // Once per change, before the thread's loop begins.
        if (changed)
            log_line(clock_,
                     result.realtime || audio::is_file_output(spec_) ? Level::info : Level::warning,
                     "the thread that feeds " + spec_ + " runs at " + result.how);
    };
    auto stream = std::make_unique<audio::AudioStream>(audio::make_output(spec_, out_options),
                                                       format_, mixer, options, on_event_);
    if (tap_) stream->set_tap(tap_);
    stream->open();
    stream_ = std::move(stream);
}

void RealtimeChain::close() {
    if (!stream_ || !stream_->is_open()) return;
    std::vector<audio::StreamEvent> events;
    stream_->close(events);
    for (const auto& e : events) on_event_(e);
}

std::int64_t RealtimeChain::frame_for(Instant t) const {
    // The wall instant becomes a monotonic one now, then a frame by the device's anchor.
    return stream_->frame_at(clock_.monotonic() + (t - clock_.now()));
}

Instant RealtimeChain::time_of(std::int64_t f) const {
    auto mono = stream_ ? stream_->time_of_frame(f) : std::nullopt;
    if (!mono) return clock_.now();
    return clock_.now() + std::chrono::duration_cast<Millis>(*mono - clock_.monotonic());
}

Millis RealtimeChain::delay() const {
    if (!stream_) return Millis(0);
    return Millis(stream_->delay_frames() * 1000 / stream_->format().sample_rate);
}

std::int64_t RealtimeChain::earliest_frame() const {
    return stream_->earliest_start_frame();
}

void RealtimeChain::add(audio::AiringId id, std::shared_ptr<const audio::Timeline> timeline,
                        std::int64_t start_frame, audio::Layer layer, bool mutes_background,
                        std::vector<int> route) {
    stream_->add(id, std::move(timeline), start_frame, layer, mutes_background, std::move(route));
}

void RealtimeChain::add_live(audio::AiringId id, std::unique_ptr<audio::Source> source,
                             std::int64_t start_frame, audio::Layer layer, bool mutes_background,
                             std::vector<int> route) {
    stream_->add_live(id, std::move(source), start_frame, layer, mutes_background,
                      std::move(route));
}

void RealtimeChain::fade_out(audio::AiringId id, std::int64_t end_frame, std::int64_t fade_frames) {
    if (stream_) stream_->fade_out(id, end_frame, fade_frames);
}

std::int64_t RealtimeChain::underruns() const {
    return underruns_before_ + (stream_ ? stream_->underruns() : 0);
}

std::string RealtimeChain::scheduling() const {
    std::lock_guard lock(scheduling_mutex_);
    return scheduling_;
}

std::int64_t RealtimeChain::host_underflows() const {
    return host_underflows_before_ + (stream_ ? stream_->host_underflows() : 0);
}

std::int64_t RealtimeChain::read_ahead_waits() const {
    return read_ahead_waits_before_ + (stream_ ? stream_->read_ahead_waits() : 0);
}

}  // namespace vc::engine
