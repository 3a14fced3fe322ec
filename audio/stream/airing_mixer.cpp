#include "audio/stream/airing_mixer.hpp"

#include "audio/sources/timeline_source.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace vc::audio {

namespace {

/// Frames mixed per step; render() splits larger requests.
constexpr std::int64_t block_frames = 4096;

const AudioFormat& checked(const AudioFormat& f) {
    if (f.sample_rate <= 0 || f.channels <= 0) {
        throw std::invalid_argument("the mixer needs a positive sample rate and channel count");
    }
    return f;
}

std::int64_t or_default(std::int64_t frames, std::int64_t ms, int rate) {
    return frames >= 0 ? frames : frames_for_ms(ms, rate);
}

std::string describe(const AudioFormat& f) {
    return std::to_string(f.sample_rate) + " Hz, " + std::to_string(f.channels) + " channels";
}

/// Events of one step in frame order; at one frame ends come before starts, except an
/// airing's own end at its own start (a zero-length airing), which follows its start.
struct Ranked {
    int rank;
    StreamEvent event;
};

}  // namespace

void check_route(AiringId id, const AudioFormat& source, const AudioFormat& stream,
                 const std::vector<int>& route) {
    const std::string airing = "airing " + std::to_string(id);
    if (route.empty()) {
        if (source != stream) {
            throw std::invalid_argument(airing + " is rendered at " + describe(source) +
                                        ", the output stream runs at " + describe(stream));
        }
        return;
    }
    if (source.sample_rate != stream.sample_rate) {
        throw std::invalid_argument(
            airing + " is rendered at " + std::to_string(source.sample_rate) +
            " Hz, the output stream runs at " + std::to_string(stream.sample_rate) + " Hz");
    }
    if (static_cast<std::size_t>(source.channels) != route.size()) {
        throw std::invalid_argument(airing + " has " + std::to_string(source.channels) +
                                    " channels but its route to output channels names " +
                                    std::to_string(route.size()));
    }
    std::vector<bool> taken(static_cast<std::size_t>(stream.channels), false);
    for (const int c : route) {
        if (c < 0 || c >= stream.channels) {
            throw std::invalid_argument(airing + " is routed to output channel " +
                                        std::to_string(c) + ", but the output stream has " +
                                        std::to_string(stream.channels) + " channels (0 to " +
                                        std::to_string(stream.channels - 1) + ")");
        }
        if (taken[static_cast<std::size_t>(c)]) {
            throw std::invalid_argument(airing + " is routed to output channel " +
                                        std::to_string(c) + " twice");
        }
        taken[static_cast<std::size_t>(c)] = true;
    }
}

AiringMixer::AiringMixer(AudioFormat format, MixerConfig config)
    : format_(checked(format)),
      config_(config),
      duck_gain_(std::pow(10.0, config.duck_db / 20.0)),
      limiter_(format.channels, format.sample_rate, config.ceiling_dbfs),
      lookahead_(limiter_),
      envelopes_(static_cast<std::size_t>(format.channels),
                 DuckEnvelope(or_default(config.duck_down_frames, 500, format.sample_rate),
                              or_default(config.duck_up_frames, 1000, format.sample_rate))),
      ahead_(envelopes_),
      targets_(static_cast<std::size_t>(format.channels), 1.0),
      mix_(static_cast<std::size_t>((block_frames + limiter_.latency()) * format.channels)),
      duck_(static_cast<std::size_t>((block_frames + limiter_.latency()) * format.channels)) {}

void AiringMixer::add(AiringId id, std::shared_ptr<const Timeline> timeline,
                      std::int64_t start_frame, Layer layer, bool mutes_background,
                      std::vector<int> route) {
    if (!timeline) {
        throw std::invalid_argument("airing " + std::to_string(id) + " has no timeline");
    }
    add(id, std::make_unique<TimelineSource>(std::move(timeline)), start_frame, layer,
        mutes_background, std::move(route));
}

void AiringMixer::add(AiringId id, std::unique_ptr<Source> source, std::int64_t start_frame,
                      Layer layer, bool mutes_background, std::vector<int> route) {
    if (!source) {
        throw std::invalid_argument("airing " + std::to_string(id) + " has no source");
    }
    check_route(id, source->format(), format_, route);
    if (start_frame < position_) {
        throw std::invalid_argument(
            "airing " + std::to_string(id) + " was placed at frame " + std::to_string(start_frame) +
            ", which the stream has already rendered (it is at " + std::to_string(position_) + ")");
    }
    for (const auto& a : airings_) {
        if (a->id() == id) {
            throw std::invalid_argument("airing " + std::to_string(id) +
                                        " is already on the stream");
        }
    }
    airings_.push_back(std::make_unique<Airing>(id, std::move(source), start_frame, layer,
                                                mutes_background, block_frames + limiter_.latency(),
                                                format_.channels, std::move(route)));
}

void AiringMixer::fade_out(AiringId id, std::int64_t end_frame, std::int64_t fade_frames) {
    const auto it = std::find_if(airings_.begin(), airings_.end(),
                                 [&](const auto& a) { return a->id() == id; });
    if (it == airings_.end()) {
        return;
    }
    Airing& a = **it;
    if (a.start() >= position_) {
        removed_.push_back({StreamEvent::Kind::ended, id, a.start(), false, {}});
        airings_.erase(it);
        return;
    }
    a.fade_out(end_frame, fade_frames, position_);
}

void AiringMixer::duck_targets(std::int64_t frame) {
    std::fill(targets_.begin(), targets_.end(), 1.0);
    for (const auto& a : airings_) {
        if (a->layer() != Layer::foreground || !a->plays_at(frame)) {
            continue;
        }
        for (const int c : a->route()) {
            double& t = targets_[static_cast<std::size_t>(c)];
            if (a->mutes_background()) {
                t = 0.0;  // silent under an emergency, whatever else plays there
            } else if (t != 0.0) {
                t = duck_gain_;
            }
        }
    }
}

void AiringMixer::render(float* interleaved, std::int64_t frames,
                         std::vector<StreamEvent>& events) {
    events.insert(events.end(), removed_.begin(), removed_.end());
    removed_.clear();
    while (frames > 0) {
        const std::int64_t n = std::min(frames, block_frames);
        render_block(interleaved, n, events);
        interleaved += n * format_.channels;
        frames -= n;
    }
}

void AiringMixer::render_block(float* out, std::int64_t frames, std::vector<StreamEvent>& events) {
    const int ch = format_.channels;
    const std::int64_t latency = limiter_.latency();
    const std::int64_t from = position_;
    const std::int64_t commit = from + frames;  // frames [from, commit) are final after this
    const std::int64_t to = commit + latency;   // and [commit, to) are the limiter's look-ahead

    for (auto& a : airings_) {
        a->render_until(to);
    }

    // The background's gain on each output channel: the committed frames move the envelopes,
    // the look-ahead copies of them.
    const auto channels = static_cast<std::size_t>(ch);
    for (std::int64_t f = from; f < commit; ++f) {
        duck_targets(f);
        float* d = duck_.data() + static_cast<std::size_t>(f - from) * channels;
        for (std::size_t c = 0; c < channels; ++c) {
            d[c] = static_cast<float>(envelopes_[c].next(f, targets_[c]));
        }
    }
    std::copy(envelopes_.begin(), envelopes_.end(), ahead_.begin());
    for (std::int64_t f = commit; f < to; ++f) {
        duck_targets(f);
        float* d = duck_.data() + static_cast<std::size_t>(f - from) * channels;
        for (std::size_t c = 0; c < channels; ++c) {
            d[c] = static_cast<float>(ahead_[c].next(f, targets_[c]));
        }
    }

    float* mix = mix_.data();
    std::fill(mix, mix + (to - from) * ch, 0.0f);
    for (const auto& a : airings_) {
        a->mix_into(mix, from, to, a->layer() == Layer::background ? duck_.data() : nullptr);
    }

    // Limiter output frame k is input frame k - latency: the committed input yields frames
    // [from - latency, commit - latency), a copy fed the look-ahead yields the rest up to
    // commit. Frames before `from` were already output by the previous step's copy.
    limiter_.process(mix, frames);
    lookahead_ = limiter_;
    lookahead_.process(mix + frames * ch, latency);
    std::copy(mix + latency * ch, mix + (latency + frames) * ch, out);

    // Events whose frame lies in [from, commit).
    std::vector<Ranked> ranked;
    for (auto& a : airings_) {
        const std::int64_t end = a->end();
        if (!a->started_reported && a->start() < commit) {
            a->started_reported = true;
            if (!(a->failed() && end == a->start())) {
                ranked.push_back({1, {StreamEvent::Kind::started, a->id(), a->start(), false, {}}});
            }
        }
        if (end < commit) {
            const int rank = end == a->start() ? 2 : 0;
            if (a->failed()) {
                ranked.push_back(
                    {rank, {StreamEvent::Kind::failed, a->id(), end, false, a->error()}});
            } else {
                ranked.push_back(
                    {rank, {StreamEvent::Kind::ended, a->id(), end, a->completed(), {}}});
            }
        }
    }
    for (const auto& a : airings_) {
        if (a->end() < commit) {
            last_end_ = std::max(last_end_, a->end());
        }
    }
    std::erase_if(airings_, [&](const auto& a) { return a->end() < commit; });
    std::stable_sort(ranked.begin(), ranked.end(), [](const Ranked& x, const Ranked& y) {
        return x.event.frame != y.event.frame ? x.event.frame < y.event.frame : x.rank < y.rank;
    });
    for (auto& r : ranked) {
        events.push_back(std::move(r.event));
    }

    position_ = commit;
    for (auto& a : airings_) {
        a->discard_before(commit);
    }
}

void AiringMixer::stop_all(std::int64_t frame, StreamEvent::Kind kind, const std::string& error,
                           std::vector<StreamEvent>& events) {
    events.insert(events.end(), removed_.begin(), removed_.end());
    removed_.clear();
    for (const auto& a : airings_) {
        events.push_back({kind, a->id(), std::max(frame, a->start()), false,
                          kind == StreamEvent::Kind::failed ? error : std::string()});
    }
    airings_.clear();
}

bool AiringMixer::silent() const {
    return airings_.empty() && removed_.empty() && position_ >= last_end_ + 2 * limiter_.latency();
}

void AiringMixer::skip_silence(std::int64_t frames) {
    if (!silent()) {
        throw std::logic_error("skip_silence() while airings are on the stream");
    }
    position_ += frames;
}

std::optional<std::int64_t> AiringMixer::next_event_frame() const {
    if (!removed_.empty()) {
        return position_;
    }
    std::optional<std::int64_t> next;
    for (const auto& a : airings_) {
        const std::int64_t f = a->started_reported ? a->end() : a->start();
        if (!next || f < *next) {
            next = f;
        }
    }
    return next;
}

}  // namespace vc::audio
