#pragma once
// A Timeline of clips as a Source: the Renderer behind the Source interface.

#include <memory>

#include "audio/sources/renderer.hpp"
#include "audio/sources/source.hpp"
#include "audio/timeline.hpp"

namespace vc::audio {

class TimelineSource final : public Source {
  public:
    /// Throws std::invalid_argument for a null timeline or one the Renderer rejects.
    explicit TimelineSource(std::shared_ptr<const Timeline> timeline);

    [[nodiscard]] AudioFormat format() const override { return timeline_->format; }
    [[nodiscard]] std::optional<std::int64_t> length() const override { return timeline_->length; }
    std::int64_t render(float* interleaved, std::int64_t frames) override {
        return renderer_.render(interleaved, frames);
    }
    [[nodiscard]] std::int64_t max_block() const override;

  private:
    std::shared_ptr<const Timeline> timeline_;
    Renderer renderer_;
};

}  // namespace vc::audio
