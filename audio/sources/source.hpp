#pragma once
// Where an airing's frames come from: a Timeline of clips now; a generated clip or a live input
// plugs in the same way. The mixer pulls from it on its own thread and knows nothing else.

#include <cstdint>
#include <optional>

#include "audio/audio_format.hpp"

namespace vc::audio {

class Source {
  public:
    virtual ~Source() = default;
    /// The format of the frames render() writes (the mixer refuses another).
    [[nodiscard]] virtual AudioFormat format() const = 0;
    /// Frames in all, or nullopt for a source that runs until it is faded out (a live input).
    [[nodiscard]] virtual std::optional<std::int64_t> length() const = 0;
    /// Writes up to `frames` frames (interleaved) and returns how many: fewer only at its end.
    /// Throws (UserError naming what failed) when it cannot deliver: the airing then ends at
    /// the first frame it did not get. The mixer asks for at most max_block() at once.
    virtual std::int64_t render(float* interleaved, std::int64_t frames) = 0;
    /// The most frames one render() call is asked for, so a throw loses only that call's frames.
    [[nodiscard]] virtual std::int64_t max_block() const = 0;
};

}  // namespace vc::audio
