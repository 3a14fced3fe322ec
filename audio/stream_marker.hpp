#pragma once
// A mark a network output puts on the first frames it sends after opening, so that whatever
// sees the stream as the server sends it on can say when the server read that frame: four
// frames of one or a few steps of a 16-bit sample (below -70 dBFS), the left channel
// alternating 1, -1, 1, -1 and the right one carrying a 16-bit tag four bits a frame.

#include <cstdint>
#include <optional>
#include <string>

#include "core/clock.hpp"

namespace vc::audio {

struct StreamMarker {
    static constexpr int frames = 4;
    /// Writes the mark for `tag` into the first `frames` stereo frames of `pcm`.
    static void write(std::uint16_t tag, std::int16_t* pcm) {
        for (int f = 0; f < frames; ++f) {
            pcm[2 * f] = static_cast<std::int16_t>(f % 2 == 0 ? 1 : -1);
            pcm[2 * f + 1] = nibble(tag, f);
        }
    }
    /// Whether the `frames` stereo frames at `pcm` are the mark for `tag`.
    [[nodiscard]] static bool matches(std::uint16_t tag, const std::int16_t* pcm) {
        for (int f = 0; f < frames; ++f)
            if (pcm[2 * f] != (f % 2 == 0 ? 1 : -1) || pcm[2 * f + 1] != nibble(tag, f))
                return false;
        return true;
    }

  private:
    static std::int16_t nibble(std::uint16_t tag, int f) {
        return static_cast<std::int16_t>(((tag >> (4 * f)) & 0xf) - 8);
    }
};

/// Sees a network stream as its server sends it on to the receivers.
class MarkerWatch {
  public:
    virtual ~MarkerWatch() = default;
    /// The stream opens and is about to send its mark: what was seen before is forgotten.
    virtual void expect() = 0;
    /// When the server read the marked frame, by the time it stamped on it, in this machine's
    /// monotonic time; nullopt until it is seen. Any thread.
    [[nodiscard]] virtual std::optional<MonoTime> marker_read() const = 0;
    /// Why it does not see the stream now, or "". Any thread.
    [[nodiscard]] virtual std::string problem() const = 0;
};

}  // namespace vc::audio
