// The office PC's microphone, opened for each airing of a page.

#include "engine/microphone_inputs.hpp"

#include "core/diagnostic.hpp"
#include "core/duration.hpp"

namespace vc::engine {

std::unique_ptr<audio::Source> MicrophoneInputs::open(std::uint64_t airing,
                                                      const scheduler::Occurrence& o,
                                                      const audio::AudioFormat& format) {
    if (o.live != "microphone")
        throw UserError("the live input \"" + o.live + "\" is not connected to this daemon");
    const station::PageSettings& page = station_.station().page;
    // Two seconds of room: the mix takes a block every few milliseconds.
    auto ring = std::make_shared<audio::LiveRing>(format.sample_rate, 2 * format.sample_rate);
    Open in;
    in.capture = std::make_unique<audio::CaptureInput>(page.input, ring);
    in.capture->open();  // throws UserError naming the microphone
    in.stats = std::make_shared<audio::LiveStats>();
    audio::VoiceSettings voice;
    voice.high_pass = page.high_pass;
    voice.gate = page.noise_gate;
    voice.gain_db = page.gain;
    auto source = std::make_unique<audio::LiveSource>(
        ring, format, voice, target_ms * format.sample_rate / 1000, in.stats);
    open_[airing] = std::move(in);
    return source;
}

void MicrophoneInputs::close(std::uint64_t airing) {
    open_.erase(airing);  // the capture stream closes with it
}

std::string MicrophoneInputs::lost(std::uint64_t airing, Instant now) {
    auto it = open_.find(airing);
    if (it == open_.end()) return {};
    Open& in = it->second;
    const std::int64_t pushed = in.capture->ring()->pushed();
    if (pushed != in.pushed || in.since == Instant{}) {
        in.pushed = pushed;
        in.since = now;
        return {};
    }
    const station::PageSettings& page = station_.station().page;
    if (now - in.since < page.page_dropout) return {};
    return "input lost: the microphone (" + in.capture->name() + ") sent nothing for " +
           format_duration(page.page_dropout);
}

}  // namespace vc::engine
