#include "engine/simulated_chain.hpp"

#include <algorithm>

#include "audio/outputs/output_factory.hpp"
#include "core/diagnostic.hpp"
#include "core/duration.hpp"

namespace vc::engine {

/// Passes everything to the station's output until lost: then every write and open fails as a
/// device that went away does, and no frame is skipped unheard (a device is written all the
/// time, so its loss shows at once, not at the next airing).
class SimulatedChain::LosableOutput final : public audio::Output {
  public:
    explicit LosableOutput(std::unique_ptr<audio::Output> inner) : inner_(std::move(inner)) {}
    void open(const audio::AudioFormat& format) override {
        if (lost_) throw UserError(why_);
        inner_->open(format);
    }
    void write(const float* interleaved, std::int64_t frames) override {
        if (lost_) throw UserError(why_);
        inner_->write(interleaved, frames);
    }
    void drain() override { inner_->drain(); }
    void close() override { inner_->close(); }
    [[nodiscard]] std::string name() const override { return inner_->name(); }
    [[nodiscard]] std::int64_t frames_played() const override { return inner_->frames_played(); }
    [[nodiscard]] std::int64_t underruns() const override { return inner_->underruns(); }
    [[nodiscard]] bool discards_frames() const override {
        return !lost_ && inner_->discards_frames();
    }
    [[nodiscard]] std::optional<MonoTime> first_frame_time() const override {
        return inner_->first_frame_time();
    }

    void lose(const std::string& why) {
        lost_ = true;
        why_ = why;
    }
    void restore() { lost_ = false; }

  private:
    std::unique_ptr<audio::Output> inner_;
    bool lost_ = false;
    std::string why_;
};

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
                               double ceiling_dbfs, double duck_db, Instant start,
                               const std::vector<audio::AudioFormat>& more)
    : format_(format),
      start_(start),
      name_(spec),
      stream_(
          [&] {
              auto output = std::make_unique<LosableOutput>(audio::make_output(spec));
              output_ = output.get();
              return output;
          }(),
          format, mixer_config(ceiling_dbfs, duck_db), manual()) {
    for (const auto& f : more)
        more_.push_back(
            {std::make_unique<audio::AudioStream>(audio::make_output("null"), f,
                                                  mixer_config(ceiling_dbfs, duck_db), manual()),
             0});
}

void SimulatedChain::open() {
    if (stream_.is_open()) return;
    // The stream counts frames from each open(); the clock goes on from where it is.
    const std::int64_t at = position();
    stream_.open();
    base_ = at;
}

void SimulatedChain::reach(std::size_t output) {
    if (output > more_.size())
        throw std::invalid_argument("the chain has no output " + std::to_string(output));
    if (output == 0) return;
    Extra& x = more_[output - 1];
    if (x.stream->is_open()) return;
    x.base = position();
    x.stream->open();
}

void SimulatedChain::close() {
    std::vector<audio::StreamEvent> ignored;
    for (auto& x : more_)
        if (x.stream->is_open()) x.stream->close(ignored);
    output_of_.clear();
    if (!stream_.is_open()) return;
    idle_position_ = position();
    stream_.close(ignored);
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

std::int64_t SimulatedChain::earliest_frame() const {
    return stream_.is_open() ? base_ + stream_.earliest_start_frame() : position();
}

void SimulatedChain::add(audio::AiringId id, std::shared_ptr<const audio::Timeline> timeline,
                         std::int64_t start_frame, audio::Layer layer, bool mutes_background,
                         std::vector<int> route, std::size_t output) {
    if (output == 0) {
        stream_.add(id, std::move(timeline), start_frame - base_, layer, mutes_background,
                    std::move(route));
        return;
    }
    reach(output);
    Extra& x = more_[output - 1];
    x.stream->add(id, std::move(timeline), start_frame - x.base, layer, mutes_background,
                  std::move(route));
    output_of_[id] = output;
}

void SimulatedChain::add_live(audio::AiringId id, std::unique_ptr<audio::Source> source,
                              std::int64_t start_frame, audio::Layer layer, bool mutes_background,
                              std::vector<int> route, std::size_t output) {
    if (output == 0) {
        stream_.add_live(id, std::move(source), start_frame - base_, layer, mutes_background,
                         std::move(route));
        return;
    }
    reach(output);
    Extra& x = more_[output - 1];
    x.stream->add_live(id, std::move(source), start_frame - x.base, layer, mutes_background,
                       std::move(route));
    output_of_[id] = output;
}

audio::StreamEvent SimulatedChain::arrived(audio::StreamEvent e) {
    if (audio::is_terminal(e)) output_of_.erase(e.id);
    return e;
}

void SimulatedChain::fade_out(audio::AiringId id, std::int64_t end_frame,
                              std::int64_t fade_frames) {
    if (auto it = output_of_.find(id); it != output_of_.end()) {
        Extra& x = more_[it->second - 1];
        x.stream->fade_out(id, end_frame - x.base, fade_frames);
        return;
    }
    stream_.fade_out(id, end_frame - base_, fade_frames);
}

void SimulatedChain::set_tap(audio::AudioStream::Tap tap) {
    tap_ = std::move(tap);
    stream_.set_tap([this](std::int64_t first, const float* samples, std::int64_t frames) {
        tap_(base_ + first, samples, frames);
    });
}

void SimulatedChain::advance_to(std::int64_t frame, std::vector<audio::StreamEvent>& events) {
    const std::size_t first = events.size();
    if (!stream_.is_open()) {
        idle_position_ = std::max(idle_position_, frame);
    } else {
        stream_.advance_to(frame - base_, events);
        for (std::size_t i = first; i < events.size(); ++i) events[i].frame += base_;
        // Lost on the way: the stream stopped at the failed block; the clock goes on from there.
        if (!stream_.is_open()) idle_position_ = base_ + stream_.position();
    }
    for (std::size_t i = 0; i < more_.size(); ++i) {
        Extra& x = more_[i];
        if (!x.stream->is_open()) continue;
        const std::size_t from = events.size();
        x.stream->advance_to(frame - x.base, events);
        for (std::size_t k = from; k < events.size(); ++k) {
            events[k].frame += x.base;
            events[k].output = i + 1;
        }
    }
    // In the order they play, whichever output they are on.
    std::stable_sort(events.begin() + static_cast<std::ptrdiff_t>(first), events.end(),
                     [](const auto& a, const auto& b) { return a.frame < b.frame; });
}

std::optional<std::int64_t> SimulatedChain::next_event_frame() const {
    std::optional<std::int64_t> next;
    auto consider = [&](const audio::AudioStream& s, std::int64_t base) {
        if (!s.is_open()) return;
        if (const auto f = s.next_event_frame(); f && (!next || base + *f < *next))
            next = base + *f;
    };
    consider(stream_, base_);
    for (const auto& x : more_) consider(*x.stream, x.base);
    return next;
}

std::int64_t SimulatedChain::position() const {
    return stream_.is_open() ? base_ + stream_.position() : idle_position_;
}

void SimulatedChain::lose_output(const std::string& why) {
    output_->lose(why);
}

void SimulatedChain::restore_output() {
    output_->restore();
}

}  // namespace vc::engine
