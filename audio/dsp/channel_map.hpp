#pragma once
// Fitting a clip's channels to the output's.

#include <cstdint>

namespace vc::audio {

/// Maps interleaved frames from `from` channels to `to` channels: a mono source goes to every
/// output channel; several channels to mono are averaged; otherwise channel i goes to channel i
/// and the remaining output channels stay silent. Stateless; any thread.
class ChannelMap {
  public:
    /// Throws std::invalid_argument unless both counts are positive.
    ChannelMap(int from, int to);

    [[nodiscard]] int from() const { return from_; }
    [[nodiscard]] int to() const { return to_; }
    [[nodiscard]] bool identity() const { return from_ == to_; }

    /// Writes `frames` mapped frames to `out` (frames x to() floats).
    void apply(const float* in, float* out, std::int64_t frames) const;

    /// Adds `frames` mapped frames into `out`, each scaled by `gain` and, when `frame_gains` is
    /// given, by frame_gains[f] as well.
    void add(const float* in, float* out, std::int64_t frames, float gain,
             const float* frame_gains = nullptr) const;

  private:
    int from_;
    int to_;
};

}  // namespace vc::audio
