#pragma once
// Decode-ahead: sources rendered on a thread of their own, ahead of the thread that mixes and
// feeds the sound card, so that opening a clip, reading a slow disk and resampling never make
// the sound card wait.

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "audio/sources/source.hpp"

namespace vc::audio {

/// One read-ahead thread serves every wrapped source: it keeps each one's ring of `lead`
/// frames full (opening its clips, decoding, resampling, its limiter) and closes a source's
/// clips when the airing lets it go. The wrapper the mixer pulls from only copies out of the
/// ring (boost::lockfree, single producer and single consumer); when the ring is empty, because
/// the disk or the processor is slower than the air for longer than the lead, it waits for the
/// read-ahead thread (and counts it), so frames stay exact: the airing comes out late, never
/// with a hole or skipped frames.
///
/// Threads: wrap() and the wrappers' render() on the mixing thread; the wrappers may outlive
/// the ReadAhead (they then report an error instead of waiting for ever).
class ReadAhead {
  public:
    /// The lead the daemon and `villagecast play` keep: 2 s of every airing, decoded before the
    /// output needs it. It rides out a stalled SD card or disk; each airing's ring holds that
    /// much float audio (0.77 MB at 48 kHz stereo), the most memory a zone takes.
    static constexpr std::int64_t default_lead_ms = 2000;

    /// Starts the thread. `lead`: frames kept rendered ahead of each source's reader.
    explicit ReadAhead(std::int64_t lead);
    /// Stops the thread and closes every source it still holds.
    ~ReadAhead();
    ReadAhead(const ReadAhead&) = delete;
    ReadAhead& operator=(const ReadAhead&) = delete;

    /// `source` read ahead by this thread, as a Source with the same format and length.
    std::unique_ptr<Source> wrap(std::unique_ptr<Source> source);
    /// Times a reader found its ring empty and had to wait for the read-ahead thread.
    [[nodiscard]] std::int64_t waits() const;

    struct Feed;
    struct Shared;

  private:
    void run();
    /// Renders one chunk into the feed with the most room; false when none has room.
    bool fill_one();

    std::shared_ptr<Shared> shared_;
    std::int64_t lead_;
    std::vector<std::shared_ptr<Feed>> feeds_;  ///< the thread's own
    std::vector<float> chunk_;                  ///< the thread's own
    std::thread thread_;
};

}  // namespace vc::audio
