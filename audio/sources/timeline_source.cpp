#include "audio/sources/timeline_source.hpp"

#include <stdexcept>

namespace vc::audio {

namespace {

const Timeline& checked(const std::shared_ptr<const Timeline>& timeline) {
    if (!timeline) throw std::invalid_argument("a timeline source needs a timeline");
    return *timeline;
}

}  // namespace

TimelineSource::TimelineSource(std::shared_ptr<const Timeline> timeline)
    : timeline_(std::move(timeline)), renderer_(checked(timeline_)) {}

std::int64_t TimelineSource::max_block() const {
    return ClipSource::block_frames;  // one Renderer call never spans more than one of its blocks
}

}  // namespace vc::audio
