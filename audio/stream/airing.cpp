#include "audio/stream/airing.hpp"

#include <algorithm>
#include <cstring>
#include <limits>
#include <numeric>
#include <stdexcept>

namespace vc::audio {

namespace {

/// The route spelled out: 0, 1, ... channels - 1 when empty.
std::vector<int> filled(std::vector<int> route, int channels) {
    if (route.empty()) {
        route.resize(static_cast<std::size_t>(channels));
        std::iota(route.begin(), route.end(), 0);
    }
    return route;
}

}  // namespace

Airing::Airing(AiringId id, std::unique_ptr<Source> source, std::int64_t start, Layer layer,
               bool mutes_background, std::int64_t capacity, int output_channels,
               std::vector<int> route)
    : id_(id),
      source_(std::move(source)),
      start_(start),
      natural_end_(source_->length() ? start + *source_->length()
                                     : std::numeric_limits<std::int64_t>::max()),
      layer_(layer),
      mutes_background_(mutes_background),
      channels_(source_->format().channels),
      output_channels_(output_channels),
      route_(filled(std::move(route), channels_)),
      buffer_(static_cast<std::size_t>(capacity * channels_)),
      base_(start),
      rendered_(start) {}

std::int64_t Airing::end() const {
    std::int64_t e = natural_end();
    if (!fade_.empty()) {
        e = std::min(e, fade_.back().first);
    }
    if (failed_at_) {
        e = std::min(e, *failed_at_);
    }
    return e;
}

bool Airing::completed() const {
    return !failed() && fade_.empty();
}

void Airing::render_until(std::int64_t until) {
    until = std::min(until, end());
    const auto capacity = static_cast<std::int64_t>(buffer_.size()) / channels_;
    while (source_ && rendered_ < until) {
        // One call never asks for more than the source's block, so that a throw loses only
        // that call's frames and rendered_ stays exact.
        const std::int64_t n = std::min(until - rendered_, source_->max_block());
        if (rendered_ + n - base_ > capacity) {
            throw std::logic_error("an airing was asked to render further ahead than it buffers");
        }
        float* dst = buffer_.data() + (rendered_ - base_) * channels_;
        std::int64_t got = 0;
        try {
            got = source_->render(dst, n);
        } catch (const std::exception& e) {
            failed_at_ = rendered_;
            error_ = e.what();
            source_.reset();
            return;
        }
        rendered_ += got;
        if (got < n) {
            failed_at_ = rendered_;  // a source that ran short of its length
            error_ = "the source ended before its length";
            source_.reset();
            return;
        }
    }
    if (source_ && rendered_ >= end()) {
        source_.reset();  // close its clips at once
    }
}

void Airing::mix_into(float* mix, std::int64_t from, std::int64_t to, const float* duck) const {
    const std::int64_t lo = std::max({from, base_, start_});
    const std::int64_t hi = std::min({to, rendered_, end()});
    const int ch = channels_;
    const int out = output_channels_;
    const int* route = route_.data();
    for (std::int64_t f = lo; f < hi; ++f) {
        const float* src = buffer_.data() + (f - base_) * ch;
        float* dst = mix + (f - from) * out;
        if (fade_.empty() && !duck) {
            for (int c = 0; c < ch; ++c) {
                dst[route[c]] += src[c];
            }
            continue;
        }
        const double fade = fade_gain(f);
        if (!duck) {
            const auto gain = static_cast<float>(fade);
            for (int c = 0; c < ch; ++c) {
                dst[route[c]] += src[c] * gain;
            }
            continue;
        }
        // Each output channel has its own background gain (ducked only where a foreground
        // airing plays on that channel).
        const float* g = duck + (f - from) * out;
        for (int c = 0; c < ch; ++c) {
            const int o = route[c];
            dst[o] += src[c] * static_cast<float>(fade * static_cast<double>(g[o]));
        }
    }
}

void Airing::discard_before(std::int64_t frame) {
    const std::int64_t to = std::clamp(frame, base_, rendered_);
    const std::int64_t drop = to - base_;
    if (drop <= 0) {
        return;
    }
    const std::int64_t keep = rendered_ - to;
    std::memmove(buffer_.data(), buffer_.data() + drop * channels_,
                 static_cast<std::size_t>(keep * channels_) * sizeof(float));
    base_ = to;
}

void Airing::fade_out(std::int64_t end_frame, std::int64_t fade_frames, std::int64_t now) {
    const std::int64_t e = std::max(end_frame, now);
    if ((!fade_.empty() || failed()) && e >= end()) {
        return;  // it already ends sooner
    }
    const std::int64_t s = std::min(e, std::max(e - std::max<std::int64_t>(fade_frames, 0), now));
    if (s >= natural_end()) {
        return;  // it ends before the fade would begin
    }
    const double g = fade_gain(s);
    std::erase_if(fade_, [&](const auto& knot) { return knot.first >= s; });
    fade_.emplace_back(s, g);
    fade_.emplace_back(e, 0.0);
}

double Airing::fade_gain(std::int64_t frame) const {
    if (fade_.empty() || frame < fade_.front().first) {
        return 1.0;
    }
    if (frame >= fade_.back().first) {
        return 0.0;
    }
    std::size_t i = 0;
    while (fade_[i + 1].first <= frame) {
        ++i;
    }
    const auto [f0, g0] = fade_[i];
    const auto [f1, g1] = fade_[i + 1];
    return g0 + (g1 - g0) * static_cast<double>(frame - f0) / static_cast<double>(f1 - f0);
}

}  // namespace vc::audio
