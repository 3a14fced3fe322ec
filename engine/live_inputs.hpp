#pragma once
// Where a page's sound comes from: the live inputs (the office PC's microphone, the console's
// WebSocket) as the service sees them.

#include <cstdint>
#include <memory>
#include <string>

#include "audio/audio_format.hpp"
#include "audio/inputs/live_source.hpp"
#include "core/instant.hpp"
#include "scheduler/occurrence.hpp"

namespace vc::engine {

/// Opens the live input of a page's airing when it goes on air and lets it go when it ends.
/// Loop thread only; the sources it returns are read on the output's decoding thread.
class LiveInputs {
  public:
    virtual ~LiveInputs() = default;
    /// A source of `format` with no length for airing `airing` of page `o` (o.live names the
    /// input). `delay_frames`: how long its first render() comes after the page went on air
    /// (an attention chime airs first); the voice of that time is kept and delayed, not cut.
    /// Throws UserError naming the input when it cannot be opened (no microphone).
    virtual std::unique_ptr<audio::LiveSource> open(std::uint64_t airing,
                                                    const scheduler::Occurrence& o,
                                                    const audio::AudioFormat& format,
                                                    std::int64_t delay_frames) = 0;
    /// Airing `airing` ended: its input is released (closed once no airing uses it). Returns
    /// what the log should know of how it delivered ("120 frames lost on the network"), or
    /// empty.
    virtual std::string close(std::uint64_t airing) = 0;
    /// How long airing `airing`'s sound takes from its input to the mix, in frames: the
    /// capture device's latency (as PortAudio reports it), what waits in its ring (measured
    /// at each render) and the voice processing. 0 for an airing it does not know.
    [[nodiscard]] virtual std::int64_t input_delay(std::uint64_t airing) const = 0;
    /// Why airing `airing`'s input has stopped delivering at `now` (nothing came for the
    /// station's page_dropout), or empty while it delivers.
    virtual std::string lost(std::uint64_t airing, Instant now) = 0;
};

}  // namespace vc::engine
