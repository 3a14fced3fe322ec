// The pages' live inputs: a capture stream per airing of a microphone page, a ring per airing
// of a browser page fed from the console's WebSocket.

#include "engine/page_inputs.hpp"

#include <algorithm>

#include "core/diagnostic.hpp"
#include "core/duration.hpp"

namespace vc::engine {

std::unique_ptr<audio::Source> PageInputs::open(std::uint64_t airing,
                                                const scheduler::Occurrence& o,
                                                const audio::AudioFormat& format) {
    const station::PageSettings& page = station_.station().page;
    // Two seconds of room: the mix takes a block every few milliseconds.
    Open in;
    in.page = o.broadcast_id;
    in.ring = std::make_shared<audio::LiveRing>(format.sample_rate, 2 * format.sample_rate);
    std::int64_t target = target_ms;
    if (o.live == "microphone") {
        in.capture = std::make_unique<audio::CaptureInput>(page.input, in.ring);
        in.capture->open();  // throws UserError naming the microphone
    } else if (o.live == "browser") {
        std::lock_guard lock(mutex_);
        auto& feed = browsers_[o.broadcast_id];
        feed.rings.push_back(in.ring);
        target = browser_target_ms;
    } else {
        throw UserError("the live input \"" + o.live + "\" is not connected to this daemon");
    }
    in.stats = std::make_shared<audio::LiveStats>();
    audio::VoiceSettings voice;
    voice.high_pass = page.high_pass;
    voice.gate = page.noise_gate;
    voice.gain_db = page.gain;
    auto source = std::make_unique<audio::LiveSource>(in.ring, format, voice,
                                                      target * format.sample_rate / 1000, in.stats);
    open_[airing] = std::move(in);
    return source;
}

std::string PageInputs::close(std::uint64_t airing) {
    auto it = open_.find(airing);
    if (it == open_.end()) return {};
    std::string note;
    if (!it->second.capture) {
        std::lock_guard lock(mutex_);
        auto feed = browsers_.find(it->second.page);
        if (feed != browsers_.end()) {
            std::erase(feed->second.rings, it->second.ring);
            if (feed->second.missing > 0)
                note = std::to_string(feed->second.missing) + " frames lost on the network";
            if (feed->second.rings.empty()) browsers_.erase(feed);
        }
    }
    open_.erase(it);  // a microphone's capture stream closes with it
    return note;
}

std::string PageInputs::lost(std::uint64_t airing, Instant now) {
    auto it = open_.find(airing);
    if (it == open_.end()) return {};
    Open& in = it->second;
    const std::int64_t pushed = in.ring->pushed();
    if (pushed != in.pushed || in.since == Instant{}) {
        in.pushed = pushed;
        in.since = now;
        return {};
    }
    const station::PageSettings& page = station_.station().page;
    if (now - in.since < page.page_dropout) return {};
    return "input lost: " +
           (in.capture ? "the microphone (" + in.capture->name() + ")"
                       : std::string("the browser")) +
           " sent nothing for " + format_duration(page.page_dropout);
}

void PageInputs::push_browser(const std::string& page, std::uint64_t seq, const std::int16_t* pcm,
                              std::size_t frames) {
    std::lock_guard lock(mutex_);
    auto it = browsers_.find(page);
    if (it == browsers_.end()) return;
    BrowserFeed& feed = it->second;
    if (seq + frames <= feed.next) return;  // a repeat of frames already taken
    // A gap: the frames that never came go out as silence, at most 1 s of it.
    if (seq > feed.next) {
        const auto gap = seq - feed.next;
        feed.missing += gap;
        feed.scratch.assign(std::min<std::uint64_t>(gap, 48000), 0.0f);
        for (auto& ring : feed.rings)
            ring->push(feed.scratch.data(), static_cast<std::int64_t>(feed.scratch.size()));
    }
    const std::size_t skip = seq < feed.next ? static_cast<std::size_t>(feed.next - seq) : 0;
    feed.scratch.resize(frames - skip);
    for (std::size_t i = skip; i < frames; ++i)
        feed.scratch[i - skip] = static_cast<float>(pcm[i]) / 32768.0f;
    for (auto& ring : feed.rings)
        ring->push(feed.scratch.data(), static_cast<std::int64_t>(feed.scratch.size()));
    feed.next = seq + frames;
}

}  // namespace vc::engine
