#pragma once
// Air-check: exactly what was sent to the output for each airing, recorded as FLAC under
// state/aircheck/ (or the folder a simulated run names), so an auditor can listen to what aired.

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "asrun/event.hpp"
#include "audio/audio_format.hpp"
#include "audio/stream/stream_event.hpp"

namespace vc::engine {

/// start/set_end/finish/pause/resume: the loop thread. record(): the thread that renders (the
/// stream's tap). paused(): any thread.
class AircheckRecorder {
  public:
    AircheckRecorder(std::filesystem::path folder, audio::AudioFormat format);
    ~AircheckRecorder();
    AircheckRecorder(const AircheckRecorder&) = delete;
    AircheckRecorder& operator=(const AircheckRecorder&) = delete;

    /// Records output frames [start, end) of airing `id` into FOLDER/<name>.flac.
    void start(audio::AiringId id, const std::string& name, std::int64_t start, std::int64_t end);
    /// The airing now ends at `end` (a fade-out brought it closer).
    void set_end(audio::AiringId id, std::int64_t end);
    /// Closes the recording (if still open) and returns its path and SHA-256; nullopt when
    /// nothing could be recorded (the folder is not writable, ...).
    std::optional<asrun::AirCheck> finish(audio::AiringId id);
    /// The stream's tap: writes the part of each recording that falls in this block.
    void record(std::int64_t first_frame, const float* interleaved, std::int64_t frames);

    /// Stops recording new airings (free disk space is low, so that the as-run log never runs
    /// out of room): an airing started while paused is not recorded and its finish() returns
    /// nullopt. Recordings already running go on to their airing's end.
    void pause() { paused_ = true; }
    /// Records again from the next airing that starts.
    void resume() { paused_ = false; }
    [[nodiscard]] bool paused() const { return paused_; }

  private:
    struct Recording;
    std::filesystem::path folder_;
    audio::AudioFormat format_;
    std::mutex mutex_;
    std::map<audio::AiringId, std::unique_ptr<Recording>> recordings_;
    std::atomic<bool> paused_{false};
};

}  // namespace vc::engine
