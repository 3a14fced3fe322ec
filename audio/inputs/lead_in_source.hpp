#pragma once
// A page's attention chime held in memory, aired before the live voice, which waits for it.

#include <memory>
#include <vector>

#include "audio/inputs/live_source.hpp"
#include "audio/sources/source.hpp"
#include "audio/timeline.hpp"

namespace vc::audio {

class LeadInSource final : public Source {
  public:
    /// Renders `lead` whole into memory now (the caller's thread: it reads clip files), then
    /// airs it before `then`. The voice of the time the lead airs is kept and follows it:
    /// at the lead's first frame, `then` drops what it heard before (LiveSource::start_early).
    /// The lead's format must be then's (std::invalid_argument).
    LeadInSource(const Timeline& lead, std::unique_ptr<LiveSource> then);

    [[nodiscard]] AudioFormat format() const override { return then_->format(); }
    /// The lead's frames plus then's, or nullopt when then has no length.
    [[nodiscard]] std::optional<std::int64_t> length() const override;
    std::int64_t render(float* interleaved, std::int64_t frames) override;
    [[nodiscard]] std::int64_t max_block() const override { return then_->max_block(); }

  private:
    std::unique_ptr<LiveSource> then_;
    std::vector<float> lead_;  ///< interleaved
    std::int64_t lead_frames_ = 0;
    std::int64_t position_ = 0;  ///< frames of the lead already rendered
};

}  // namespace vc::audio
