#include "engine/realtime_chain.hpp"

#include <algorithm>
#include <chrono>

#include "audio/outputs/output_factory.hpp"
#include "core/diagnostic.hpp"
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
                             audio::OutputOptions outputs, std::vector<ChainOutput> more)
    : outputs_(std::move(outputs)),
      ceiling_dbfs_(ceiling_dbfs),
      duck_db_(duck_db),
      clock_(clock),
      on_event_(std::move(on_event)) {
    lines_.push_back(Line{std::move(spec), format, nullptr});
    for (auto& o : more) lines_.push_back(Line{std::move(o.spec), o.format, nullptr});
}

void RealtimeChain::open_line(std::size_t i) {
    Line& line = lines_[i];
    if (line_open(i)) return;
    if (line.stream) {
        line.underruns_before += line.stream->underruns();
        line.host_underflows_before += line.stream->host_underflows();
        line.read_ahead_waits_before += line.stream->read_ahead_waits();
    }
    line.stream.reset();
    line.placed_chain_frame = -1;
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
    options.on_thread_start = [this, i, spec = line.spec] {
        const auto result = make_feeder_realtime(spec);
        bool changed = false;
        if (i == 0) {
            std::lock_guard lock(scheduling_mutex_);
            changed = scheduling_ != result.how;
            scheduling_ = result.how;
        }
        // Once per change, before the thread's loop begins.
        if (changed || (i != 0 && !result.realtime && !audio::is_file_output(spec)))
            log_line(clock_,
                     result.realtime || audio::is_file_output(spec) ? Level::info : Level::warning,
                     "the thread that feeds " + spec + " runs at " + result.how);
    };
    auto on_event = [this, i](const audio::StreamEvent& e) {
        audio::StreamEvent tagged = e;
        tagged.output = i;
        on_event_(tagged);
    };
    auto stream = std::make_unique<audio::AudioStream>(audio::make_output(line.spec, out_options),
                                                       line.format, mixer, options, on_event);
    if (tap_ && i == 0) stream->set_tap(tap_);
    stream->open();
    line.stream = std::move(stream);
}

void RealtimeChain::open() {
    open_line(0);
}

void RealtimeChain::close() {
    for (std::size_t i = 0; i < lines_.size(); ++i) {
        if (!line_open(i)) continue;
        std::vector<audio::StreamEvent> events;
        lines_[i].stream->close(events);
        for (auto& e : events) {
            e.output = i;
            on_event_(e);
        }
    }
}

void RealtimeChain::reach(std::size_t output) {
    if (output >= lines_.size())
        throw std::invalid_argument("the chain has no output " + std::to_string(output));
    if (output == 0 || line_open(output)) return;
    open_line(output);
    log_line(clock_, Level::info, "opened output " + lines_[output].spec);
}

std::int64_t RealtimeChain::frame_for(Instant t) const {
    // The wall instant becomes a monotonic one now, then a frame by the device's anchor.
    return lines_[0].stream->frame_at(clock_.monotonic() + (t - clock_.now()));
}

Instant RealtimeChain::time_of(std::int64_t f) const {
    auto mono = lines_[0].stream ? lines_[0].stream->time_of_frame(f) : std::nullopt;
    if (!mono) return clock_.now();
    return clock_.now() + std::chrono::duration_cast<Millis>(*mono - clock_.monotonic());
}

MonoTime RealtimeChain::mono_of(std::size_t i, std::int64_t f) const {
    const audio::AudioStream& s = *lines_[i].stream;
    if (auto t = s.time_of_frame(f)) return *t;
    const MonoTime now = clock_.monotonic();
    const std::int64_t ns = (f - s.frame_at(now)) * 1'000'000'000 / s.format().sample_rate;
    return now + std::chrono::duration_cast<MonoTime::duration>(std::chrono::nanoseconds(ns));
}

std::int64_t RealtimeChain::to_line(std::size_t i, std::int64_t f) const {
    if (i == 0) return f;
    return lines_[i].stream->frame_at(mono_of(0, f));
}

std::int64_t RealtimeChain::from_line(std::size_t i, std::int64_t f) const {
    if (i == 0) return f;
    return lines_[0].stream->frame_at(mono_of(i, f));
}

Millis RealtimeChain::delay(std::size_t output) const {
    if (output >= lines_.size() || !line_open(output)) return Millis(0);
    const audio::AudioStream& s = *lines_[output].stream;
    return Millis(s.delay_frames() * 1000 / s.format().sample_rate);
}

std::int64_t RealtimeChain::earliest_frame() const {
    // The latest of the open outputs, so that one instant's airings share it on every output.
    std::int64_t earliest = lines_[0].stream->earliest_start_frame();
    for (std::size_t i = 1; i < lines_.size(); ++i)
        if (line_open(i))
            earliest = std::max(earliest, from_line(i, lines_[i].stream->earliest_start_frame()));
    return earliest;
}

std::int64_t RealtimeChain::line_frame(std::size_t output, std::int64_t start_frame) {
    if (output == 0) return start_frame;
    if (!line_open(output)) reach(output);
    Line& line = lines_[output];
    if (line.placed_chain_frame != start_frame) {
        line.placed_line_frame =
            std::max(to_line(output, start_frame), line.stream->earliest_start_frame());
        line.placed_chain_frame = start_frame;
    }
    return line.placed_line_frame;
}

void RealtimeChain::placed(audio::AiringId id, std::size_t output, std::int64_t start_frame,
                           std::int64_t used) {
    if (output != 0) placed_[id] = Placed{output, start_frame, used};
}

void RealtimeChain::add(audio::AiringId id, std::shared_ptr<const audio::Timeline> timeline,
                        std::int64_t start_frame, audio::Layer layer, bool mutes_background,
                        std::vector<int> route, std::size_t output) {
    const std::int64_t frame = line_frame(output, start_frame);  // opens the output if need be
    const std::int64_t used = lines_[output].stream->add(id, std::move(timeline), frame, layer,
                                                         mutes_background, std::move(route));
    placed(id, output, start_frame, used);
}

void RealtimeChain::add_live(audio::AiringId id, std::unique_ptr<audio::Source> source,
                             std::int64_t start_frame, audio::Layer layer, bool mutes_background,
                             std::vector<int> route, std::size_t output) {
    const std::int64_t frame = line_frame(output, start_frame);  // opens the output if need be
    const std::int64_t used = lines_[output].stream->add_live(id, std::move(source), frame, layer,
                                                              mutes_background, std::move(route));
    placed(id, output, start_frame, used);
}

audio::StreamEvent RealtimeChain::arrived(audio::StreamEvent e) {
    const auto it = placed_.find(e.id);
    if (e.output == 0 || it == placed_.end()) return e;
    e.frame = it->second.chain_start + (e.frame - it->second.line_start);
    if (audio::is_terminal(e)) placed_.erase(it);
    return e;
}

void RealtimeChain::fade_out(audio::AiringId id, std::int64_t end_frame, std::int64_t fade_frames) {
    const auto it = placed_.find(id);
    if (it == placed_.end()) {
        if (lines_[0].stream) lines_[0].stream->fade_out(id, end_frame, fade_frames);
        return;
    }
    const Placed& p = it->second;
    if (lines_[p.line].stream)
        lines_[p.line].stream->fade_out(id, p.line_start + (end_frame - p.chain_start),
                                        fade_frames);
}

std::int64_t RealtimeChain::underruns() const {
    std::int64_t n = 0;
    for (const auto& l : lines_) n += l.underruns_before + (l.stream ? l.stream->underruns() : 0);
    return n;
}

std::string RealtimeChain::scheduling() const {
    std::lock_guard lock(scheduling_mutex_);
    return scheduling_;
}

std::int64_t RealtimeChain::host_underflows() const {
    std::int64_t n = 0;
    for (const auto& l : lines_)
        n += l.host_underflows_before + (l.stream ? l.stream->host_underflows() : 0);
    return n;
}

std::int64_t RealtimeChain::read_ahead_waits() const {
    std::int64_t n = 0;
    for (const auto& l : lines_)
        n += l.read_ahead_waits_before + (l.stream ? l.stream->read_ahead_waits() : 0);
    return n;
}

}  // namespace vc::engine
