#pragma once
// Timelines, placements and stream events as the audio tests build them, the value a PCM-16
// fixture stores, and stream events written out for failure messages.

#include <cmath>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "audio/stream/stream_event.hpp"
#include "audio/timeline.hpp"

namespace vc::test {

/// `file` placed from output frame `start` for `length` frames; the file holds `source_frames`
/// frames (by default `length`) at `rate` with `channels`. Its clip id is the file's stem.
inline audio::Placement placement(const std::filesystem::path& file, std::int64_t start,
                                  std::int64_t length, int rate = 48000, int channels = 1,
                                  std::int64_t source_frames = -1) {
    audio::Placement p;
    p.file = file;
    p.clip_id = file.stem().string();
    p.start = start;
    p.length = length;
    p.source_frames = source_frames < 0 ? length : source_frames;
    p.source_rate = rate;
    p.source_channels = channels;
    return p;
}

/// A timeline of `length` frames in `format` (48 kHz stereo unless said).
inline audio::Timeline timeline(std::int64_t length, std::vector<audio::Placement> placements,
                                audio::AudioFormat format = {48000, 2}) {
    audio::Timeline t;
    t.format = format;
    t.length = length;
    t.placements = std::move(placements);
    return t;
}

/// The same, shared, as a stream takes it.
inline std::shared_ptr<const audio::Timeline> shared_timeline(
    std::int64_t length, std::vector<audio::Placement> placements,
    audio::AudioFormat format = {48000, 2}) {
    return std::make_shared<const audio::Timeline>(timeline(length, std::move(placements), format));
}

/// The value a PCM-16 fixture stores for `v`.
inline float pcm16(float v) {
    return static_cast<float>(std::lrint(v * 32767.0)) / 32768.0f;
}

/// Sample `channel` of `frame` in interleaved frames of `channels` channels.
inline float sample_at(const std::vector<float>& out, std::int64_t frame, int channel = 0,
                       int channels = 2) {
    return out[static_cast<std::size_t>(frame * channels + channel)];
}

inline audio::StreamEvent started(audio::AiringId id, std::int64_t frame) {
    return {audio::StreamEvent::Kind::started, id, frame, false, {}};
}

inline audio::StreamEvent ended(audio::AiringId id, std::int64_t frame, bool completed) {
    return {audio::StreamEvent::Kind::ended, id, frame, completed, {}};
}

/// One line an event: "started 1@1000", "ended 1@21000 completed", "failed 2@500 (why)".
inline std::string describe(const std::vector<audio::StreamEvent>& events) {
    using Kind = audio::StreamEvent::Kind;
    std::string s;
    for (const auto& e : events) {
        s += std::string(e.kind == Kind::started ? "started"
                         : e.kind == Kind::ended ? "ended"
                                                 : "failed") +
             " " + std::to_string(e.id) + "@" + std::to_string(e.frame) +
             (e.completed ? " completed" : "") + (e.error.empty() ? "" : " (" + e.error + ")") +
             "\n";
    }
    return s;
}

}  // namespace vc::test
