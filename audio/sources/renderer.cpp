#include "audio/sources/renderer.hpp"

#include <algorithm>
#include <numeric>
#include <stdexcept>

namespace vc::audio {

namespace {

constexpr std::int64_t block_frames = ClipSource::block_frames;

const Timeline& checked(const Timeline& t) {
    if (t.format.sample_rate <= 0 || t.format.channels <= 0)
        throw std::invalid_argument("a timeline needs a positive sample rate and channel count");
    if (t.length < 0) throw std::invalid_argument("a timeline's length cannot be negative");
    for (const auto& p : t.placements)
        if (p.start < 0 || p.length < 0 || p.fade_in < 0 || p.fade_out < 0)
            throw std::invalid_argument("placement of " + p.clip_id +
                                        " has a negative start, length or fade");
    return t;
}

}  // namespace

Renderer::Renderer(const Timeline& timeline, int threads)
    : timeline_(checked(timeline)),
      order_(timeline_.placements.size()),
      limiter_(timeline_.format.channels, timeline_.format.sample_rate, timeline_.ceiling_dbfs) {
    if (threads > 1) worker_ = std::make_unique<MixWorker>();
    std::iota(order_.begin(), order_.end(), std::size_t{0});
    std::stable_sort(order_.begin(), order_.end(), [&](std::size_t a, std::size_t b) {
        return timeline_.placements[a].start < timeline_.placements[b].start;
    });
}

Renderer::~Renderer() = default;

void Renderer::render_sources(bool on_worker) {
    const int ch = timeline_.format.channels;
    for (auto& a : active_) {
        if (a.frames == 0 || a.on_worker != on_worker) continue;
        const auto samples = static_cast<std::size_t>(a.frames * ch);
        std::fill(a.buffer.begin(), a.buffer.begin() + static_cast<std::ptrdiff_t>(samples), 0.0f);
        a.source->mix_into(a.buffer.data(), a.frames);
    }
}

void Renderer::mix(float* out, std::int64_t frames) {
    const int ch = timeline_.format.channels;
    std::fill(out, out + frames * ch, 0.0f);
    const std::int64_t begin = mix_position_;
    const std::int64_t end = std::min(begin + frames, timeline_.length);
    mix_position_ += frames;

    // Open the placements that start in this block.
    while (next_ < order_.size() && timeline_.placements[order_[next_]].start < end) {
        const std::size_t index = order_[next_++];
        const Placement& p = timeline_.placements[index];
        if (p.length == 0 || p.start + p.length <= begin) continue;
        Active a{index, std::make_unique<ClipSource>(p, timeline_.format), {}};
        a.buffer.resize(static_cast<std::size_t>(block_frames * ch));
        active_.push_back(std::move(a));
    }
    std::sort(active_.begin(), active_.end(),
              [](const Active& a, const Active& b) { return a.placement < b.placement; });

    // What each placement contributes to this block; the costliest go to the less busy thread.
    std::int64_t sharing = 0;
    for (auto& a : active_) {
        const Placement& p = timeline_.placements[a.placement];
        const std::int64_t from = std::max(begin, p.start + a.source->position());
        const std::int64_t to = std::min(end, p.start + p.length);
        a.offset = from - begin;
        a.frames = std::max<std::int64_t>(0, to - from);
        a.on_worker = false;
        if (a.frames > 0) ++sharing;
    }
    if (worker_ && sharing >= 2) {
        auto& by_cost = by_cost_;
        by_cost.clear();
        for (auto& a : active_)
            if (a.frames > 0) by_cost.push_back(&a);
        std::stable_sort(by_cost.begin(), by_cost.end(), [](const Active* x, const Active* y) {
            return x->source->cost() > y->source->cost();
        });
        std::int64_t here = 0, there = 0;
        for (Active* a : by_cost) {
            const std::int64_t cost = a->source->cost() * a->frames;
            a->on_worker = there < here;
            (a->on_worker ? there : here) += cost;
        }
        worker_->start([this] { render_sources(true); });
        try {
            render_sources(false);
        } catch (...) {
            worker_->wait();
            throw;
        }
        worker_->wait();
    } else {
        render_sources(false);
    }

    // Sum in placement order, so that the bytes never depend on who rendered what.
    for (const auto& a : active_) {
        float* dst = out + a.offset * ch;
        const std::int64_t samples = a.frames * ch;
        for (std::int64_t i = 0; i < samples; ++i) dst[i] += a.buffer[static_cast<std::size_t>(i)];
    }

    // Close what has ended.
    std::erase_if(active_, [&](const Active& a) {
        const Placement& p = timeline_.placements[a.placement];
        return p.start + p.length <= end || end >= timeline_.length;
    });
}

std::int64_t Renderer::render(float* interleaved, std::int64_t frames) {
    const int ch = timeline_.format.channels;
    if (!primed_) {
        // Fill the limiter's look-ahead with the timeline's first frames; what comes out is
        // the delay line's initial silence, dropped.
        primed_ = true;
        std::vector<float> lead(static_cast<std::size_t>(limiter_.latency() * ch));
        mix(lead.data(), limiter_.latency());
        limiter_.process(lead.data(), limiter_.latency());
    }
    frames = std::clamp<std::int64_t>(frames, 0, timeline_.length - position_);
    std::int64_t done = 0;
    while (done < frames) {
        const std::int64_t n = std::min(frames - done, block_frames);
        float* out = interleaved + done * ch;
        mix(out, n);
        limiter_.process(out, n);
        done += n;
    }
    position_ += done;
    return done;
}

}  // namespace vc::audio
