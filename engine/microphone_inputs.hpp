#pragma once
// The office PC's microphone as a page's live input.

#include <map>
#include <memory>

#include "audio/inputs/capture_input.hpp"
#include "audio/inputs/live_source.hpp"
#include "engine/live_inputs.hpp"
#include "station/station_state.hpp"

namespace vc::engine {

/// Opens [page] input with PortAudio when a page's airing goes on air and closes it when the
/// airing ends. Each airing (a page in several zones has one per zone) has a capture stream of
/// its own on the same device: a sound server (PulseAudio, ALSA's dsnoop) lets several read one
/// microphone. Loop thread only.
class MicrophoneInputs final : public LiveInputs {
  public:
    /// Reads the station's [page] settings at each open() (a reload may change them).
    explicit MicrophoneInputs(const station::StationState& station) : station_(station) {}
    std::unique_ptr<audio::Source> open(std::uint64_t airing, const scheduler::Occurrence& o,
                                        const audio::AudioFormat& format) override;
    void close(std::uint64_t airing) override;
    std::string lost(std::uint64_t airing, Instant now) override;

    /// What the sound kept in the ring before the mix takes it: 10 ms.
    static constexpr std::int64_t target_ms = 10;

  private:
    struct Open {
        std::unique_ptr<audio::CaptureInput> capture;
        std::shared_ptr<audio::LiveStats> stats;
        std::int64_t pushed = 0;  ///< the ring's count when last checked
        Instant since{};          ///< when that count last grew
    };
    const station::StationState& station_;
    std::map<std::uint64_t, Open> open_;
};

}  // namespace vc::engine
