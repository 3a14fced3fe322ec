#include "engine/simulated_chain.hpp"

#include "audio/outputs/output_factory.hpp"
#include "core/duration.hpp"

namespace vc::engine {

namespace {
audio::MixerConfig mixer_config(double ceiling_dbfs, double duck_db) {
    audio::MixerConfig c;
    c.ceiling_dbfs = ceiling_dbfs;
    c.duck_db = duck_db;
    return c;
}
audio::StreamOptions manual() {
    audio::StreamOptions o;
    o.mode = audio::StreamMode::manual;
    return o;
}
}  // namespace

SimulatedChain::SimulatedChain(const std::string& spec, audio::AudioFormat format,
                               double ceiling_dbfs, double duck_db, Instant start)
    : format_(format),
      start_(start),
      name_(spec),
      stream_(audio::make_output(spec), format, mixer_config(ceiling_dbfs, duck_db), manual()) {}

void SimulatedChain::open() {
    if (!stream_.is_open()) stream_.open();
}

void SimulatedChain::close() {
    std::vector<audio::StreamEvent> ignored;
    if (stream_.is_open()) stream_.close(ignored);
}

std::int64_t SimulatedChain::frame_for(Instant t) const {
    // Exact: a millisecond is a whole number of frames at 8, 16, 32, 48, 96 kHz; at 44.1 kHz
    // the frame is the one that starts within that millisecond.
    return (t - start_).count() * format_.sample_rate / 1000;
}

Instant SimulatedChain::time_of(std::int64_t f) const {
    // Rounded up, as plan rounds an airing's length: both report the same millisecond.
    return start_ + Millis((f * 1000 + format_.sample_rate - 1) / format_.sample_rate);
}

void SimulatedChain::add(audio::AiringId id, std::shared_ptr<const audio::Timeline> timeline,
                         std::int64_t start_frame, audio::Layer layer, bool mutes_background) {
    stream_.add(id, std::move(timeline), start_frame, layer, mutes_background);
}

void SimulatedChain::fade_out(audio::AiringId id, std::int64_t end_frame,
                              std::int64_t fade_frames) {
    stream_.fade_out(id, end_frame, fade_frames);
}

void SimulatedChain::advance_to(std::int64_t frame, std::vector<audio::StreamEvent>& events) {
    stream_.advance_to(frame, events);
}

}  // namespace vc::engine
