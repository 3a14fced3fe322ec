#include "audio/inputs/lead_in_source.hpp"

#include <algorithm>
#include <stdexcept>

#include "audio/sources/timeline_source.hpp"

namespace vc::audio {

LeadInSource::LeadInSource(const Timeline& lead, std::unique_ptr<LiveSource> then)
    : then_(std::move(then)) {
    if (!then_) throw std::invalid_argument("a lead-in needs a source to lead into");
    const AudioFormat f = then_->format();
    if (lead.format.sample_rate != f.sample_rate || lead.format.channels != f.channels)
        throw std::invalid_argument("the lead-in's format differs from its source's");
    TimelineSource source(std::make_shared<const Timeline>(lead));
    lead_.resize(static_cast<std::size_t>(lead.length) * static_cast<std::size_t>(f.channels));
    while (lead_frames_ < lead.length) {
        const std::int64_t n =
            source.render(lead_.data() + lead_frames_ * f.channels,
                          std::min(lead.length - lead_frames_, source.max_block()));
        if (n <= 0) break;
        lead_frames_ += n;
    }
    lead_.resize(static_cast<std::size_t>(lead_frames_) * static_cast<std::size_t>(f.channels));
}

std::optional<std::int64_t> LeadInSource::length() const {
    const auto rest = then_->length();
    if (!rest) return std::nullopt;
    return lead_frames_ + *rest;
}

std::int64_t LeadInSource::render(float* interleaved, std::int64_t frames) {
    const int channels = then_->format().channels;
    if (position_ == 0 && lead_frames_ > 0) then_->start_early(lead_frames_);
    const std::int64_t from_lead = std::min(frames, lead_frames_ - position_);
    if (from_lead > 0) {
        std::copy_n(lead_.data() + position_ * channels, from_lead * channels, interleaved);
        position_ += from_lead;
    }
    if (from_lead == frames) return frames;
    const std::int64_t rest = std::max<std::int64_t>(from_lead, 0);
    return rest + then_->render(interleaved + rest * channels, frames - rest);
}

}  // namespace vc::audio
