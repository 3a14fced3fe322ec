#pragma once
// The live inputs of pages: the office PC's microphone, and a browser's microphone streamed to
// the console.

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "audio/inputs/capture_input.hpp"
#include "audio/inputs/live_fan_out.hpp"
#include "audio/inputs/live_ring.hpp"
#include "audio/inputs/live_source.hpp"
#include "engine/live_inputs.hpp"
#include "station/station_state.hpp"

namespace vc::engine {

/// The two live inputs a page can air:
/// - "microphone": [page] input, opened with PortAudio when the page's first airing goes on air
///   and closed when its last one ends. One capture stream serves every zone's airing of the
///   page (a raw ALSA device opens only once).
/// - "browser": the console's WebSocket hands in the browser's frames (push_browser).
/// Every airing reads its own lock-free ring through a LiveSource; a LiveFanOut per page feeds
/// them all. open/close/lost/input_delay: the loop thread; push_browser: any thread (the
/// console's server).
class PageInputs final : public LiveInputs {
  public:
    /// Reads the station's [page] settings at each open() (a reload may change them).
    explicit PageInputs(const station::StationState& station) : station_(station) {}
    std::unique_ptr<audio::LiveSource> open(std::uint64_t airing, const scheduler::Occurrence& o,
                                            const audio::AudioFormat& format,
                                            std::int64_t delay_frames) override;
    std::string close(std::uint64_t airing) override;
    std::string lost(std::uint64_t airing, Instant now) override;
    [[nodiscard]] std::int64_t input_delay(std::uint64_t airing) const override;

    /// The browser's frames `seq` (its first frame's number, counted from 0 at the page's
    /// start) for page `page`: 16-bit mono at the station's rate. Frames skipped between two
    /// calls are counted as lost (a network hiccup), and go out as silence. Frames of a page
    /// that has no airing on the output now are dropped.
    void push_browser(const std::string& page, std::uint64_t seq, const std::int16_t* pcm,
                      std::size_t frames);

    /// What the sound keeps in the ring before the mix takes it: 10 ms.
    static constexpr std::int64_t target_ms = 10;
    /// A browser's frames wait this long in the ring (they come in network packets).
    static constexpr std::int64_t browser_target_ms = 60;

  private:
    struct Open {
        std::string page;
        bool microphone = false;
        std::shared_ptr<audio::LiveRing> ring;
        std::shared_ptr<audio::LiveStats> stats;
        std::int64_t processing = 0;  ///< the voice processing's delay, in frames
        int rate = 0;
        std::int64_t pushed = 0;  ///< the ring's count when last checked
        Instant since{};          ///< when that count last grew
    };
    /// A microphone page's capture stream and the rings of its airings (loop thread). The
    /// capture stream is declared last, so it stops before its fan-out goes.
    struct Microphone {
        std::shared_ptr<audio::LiveFanOut> fan_out;
        std::unique_ptr<audio::CaptureInput> capture;
    };
    /// A browser page's fan-out, the next frame number it expects and the frames it never got.
    /// Under mutex_.
    struct BrowserFeed {
        std::shared_ptr<audio::LiveFanOut> fan_out;
        std::uint64_t next = 0;
        std::uint64_t missing = 0;
        std::vector<float> scratch;
    };
    const station::StationState& station_;
    std::map<std::uint64_t, Open> open_;
    std::map<std::string, Microphone> microphones_;  ///< by page
    std::mutex mutex_;
    std::map<std::string, BrowserFeed> browsers_;
};

}  // namespace vc::engine
