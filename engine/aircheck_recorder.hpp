#pragma once
// Air-check: exactly what was sent to the output for each airing, recorded as FLAC under
// state/aircheck/ (or the folder a simulated run names), so an auditor can listen to what aired.

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "asrun/event.hpp"
#include "audio/audio_format.hpp"
#include "audio/stream/stream_event.hpp"

namespace vc::engine {

/// Encoding, closing and hashing happen on the recorder's own thread, so that neither the
/// thread that renders (and feeds the sound card) nor the loop waits on the disk for them.
///
/// Threads: start/set_end/finish/pause/resume: the loop thread. record(): the thread that
/// renders (the stream's tap); it only copies the block into a queue. paused(),
/// dropped_frames(): any thread.
class AircheckRecorder {
  public:
    /// When the queue holds `max_queued` of audio already (the disk is slower than the air):
    /// `drop` (real time) never makes record() wait, and the recordings that lose frames are
    /// reported incomplete; `wait` (simulated runs, which render faster than real time) makes
    /// record() wait for room.
    enum class WhenBehind { drop, wait };

    AircheckRecorder(std::filesystem::path folder, audio::AudioFormat format,
                     WhenBehind when_behind = WhenBehind::drop);
    /// Writes what is queued, closes every recording and stops the thread.
    ~AircheckRecorder();
    AircheckRecorder(const AircheckRecorder&) = delete;
    AircheckRecorder& operator=(const AircheckRecorder&) = delete;

    /// Records output frames [start, end) of airing `id` into FOLDER/<name>.flac.
    void start(audio::AiringId id, const std::string& name, std::int64_t start, std::int64_t end);
    /// The airing now ends at `end` (a fade-out brought it closer).
    void set_end(audio::AiringId id, std::int64_t end);
    /// The recording's path and SHA-256 once it is closed (at once when the recorder's thread
    /// has already closed it at its end; otherwise it is closed now, waiting at most a few
    /// seconds); nullopt when nothing could be recorded (the folder is not writable, frames
    /// were dropped, the disk did not answer in time).
    std::optional<asrun::AirCheck> finish(audio::AiringId id);
    /// The stream's tap: queues the block for the recordings that want it.
    void record(std::int64_t first_frame, const float* interleaved, std::int64_t frames);

    /// Stops recording new airings (free disk space is low, so that the as-run log never runs
    /// out of room): an airing started while paused is not recorded and its finish() returns
    /// nullopt. Recordings already running go on to their airing's end.
    void pause() { paused_ = true; }
    /// Records again from the next airing that starts.
    void resume() { paused_ = false; }
    [[nodiscard]] bool paused() const { return paused_; }
    /// Frames record() dropped because the queue was full (WhenBehind::drop).
    [[nodiscard]] std::int64_t dropped_frames() const { return dropped_frames_; }

  private:
    struct Recording;
    struct Job;
    void run();
    void handle(Job& job);
    /// Writes a block to the recordings it touches; null `samples`: the block was dropped.
    void write_block(std::int64_t first_frame, std::int64_t frames, const float* samples);
    void close(audio::AiringId id, Recording& r);
    void push(Job job);

    std::filesystem::path folder_;
    audio::AudioFormat format_;
    WhenBehind when_behind_;
    std::int64_t max_queued_frames_;

    // Shared, under mutex_.
    std::mutex mutex_;
    std::condition_variable wake_;     ///< the thread: a job came
    std::condition_variable changed_;  ///< record() and finish(): room, or a recording closed
    std::deque<Job> jobs_;
    std::int64_t queued_frames_ = 0;
    std::vector<std::vector<float>> spare_;  ///< block buffers to reuse
    std::map<audio::AiringId, std::optional<asrun::AirCheck>> closed_;
    bool stop_ = false;

    // The recorder thread's own.
    std::map<audio::AiringId, std::unique_ptr<Recording>> recordings_;

    std::atomic<int> recording_{0};  ///< started and not yet closed: record() copies blocks
    std::atomic<bool> paused_{false};
    std::atomic<std::int64_t> dropped_frames_{0};
    std::thread thread_;
};

}  // namespace vc::engine
