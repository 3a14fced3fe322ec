// The pages' live inputs: a capture stream per microphone page, the console's WebSocket for a
// browser page, each fanned out to a ring per airing.

#include "engine/page_inputs.hpp"

#include <algorithm>

#include "core/diagnostic.hpp"
#include "core/duration.hpp"

namespace vc::engine {

std::unique_ptr<audio::LiveSource> PageInputs::open(std::uint64_t airing,
                                                    const scheduler::Occurrence& o,
                                                    const audio::AudioFormat& format,
                                                    std::int64_t delay_frames) {
    const station::PageSettings& page = station_.station().page;
    delay_frames = std::max<std::int64_t>(delay_frames, 0);
    // Two seconds of room beyond the delay: the mix takes a block every few milliseconds.
    Open in;
    in.page = o.broadcast_id;
    in.ring = std::make_shared<audio::LiveRing>(format.sample_rate,
                                                2 * format.sample_rate + delay_frames);
    std::int64_t target = target_ms;
    if (o.live == "microphone") {
        in.microphone = true;
        auto [it, fresh] = microphones_.try_emplace(o.broadcast_id);
        Microphone& mic = it->second;
        if (fresh) {
            mic.fan_out = std::make_shared<audio::LiveFanOut>(format.sample_rate);
            mic.capture = std::make_unique<audio::CaptureInput>(page.input, mic.fan_out);
            try {
                mic.capture->open();  // throws UserError naming the microphone
            } catch (...) {
                microphones_.erase(it);
                throw;
            }
        }
        mic.fan_out->attach(in.ring);
    } else if (o.live == "browser") {
        std::lock_guard lock(mutex_);
        auto& feed = browsers_[o.broadcast_id];
        if (!feed.fan_out) feed.fan_out = std::make_shared<audio::LiveFanOut>(format.sample_rate);
        feed.fan_out->attach(in.ring);
        target = browser_target_ms;
    } else {
        throw UserError("the live input \"" + o.live + "\" is not connected to this daemon");
    }
    in.stats = std::make_shared<audio::LiveStats>();
    audio::VoiceSettings voice;
    voice.high_pass = page.high_pass;
    voice.gate = page.noise_gate;
    voice.gain_db = page.gain;
    auto source = std::make_unique<audio::LiveSource>(
        in.ring, format, voice, target * format.sample_rate / 1000 + delay_frames, in.stats);
    in.processing = source->processing_latency();
    in.rate = format.sample_rate;
    open_[airing] = std::move(in);
    return source;
}

std::string PageInputs::close(std::uint64_t airing) {
    auto it = open_.find(airing);
    if (it == open_.end()) return {};
    std::string note;
    const Open& in = it->second;
    if (in.microphone) {
        auto mic = microphones_.find(in.page);
        if (mic != microphones_.end()) {
            mic->second.fan_out->detach(in.ring.get());
            // The last airing of the page: the capture stream stops, then its rings go.
            if (mic->second.fan_out->attached() == 0) microphones_.erase(mic);
        }
    } else {
        std::lock_guard lock(mutex_);
        auto feed = browsers_.find(in.page);
        if (feed != browsers_.end()) {
            feed->second.fan_out->detach(in.ring.get());
            if (feed->second.missing > 0)
                note = std::to_string(feed->second.missing) + " frames lost on the network";
            if (feed->second.fan_out->attached() == 0) browsers_.erase(feed);
        }
    }
    open_.erase(it);
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
    const auto mic = microphones_.find(in.page);
    return "input lost: " +
           (mic != microphones_.end() ? "the microphone (" + mic->second.capture->name() + ")"
                                      : std::string("the browser")) +
           " sent nothing for " + format_duration(page.page_dropout);
}

std::int64_t PageInputs::input_delay(std::uint64_t airing) const {
    auto it = open_.find(airing);
    if (it == open_.end()) return 0;
    const Open& in = it->second;
    const auto mic = microphones_.find(in.page);
    const double capture =
        mic != microphones_.end() ? mic->second.capture->input_latency_seconds() : 0.0;
    return static_cast<std::int64_t>(capture * in.rate) +
           in.stats->queued.load(std::memory_order_relaxed) + in.processing;
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
        feed.fan_out->push(feed.scratch.data(), static_cast<std::int64_t>(feed.scratch.size()));
    }
    const std::size_t skip = seq < feed.next ? static_cast<std::size_t>(feed.next - seq) : 0;
    feed.scratch.resize(frames - skip);
    for (std::size_t i = skip; i < frames; ++i)
        feed.scratch[i - skip] = static_cast<float>(pcm[i]) / 32768.0f;
    feed.fan_out->push(feed.scratch.data(), static_cast<std::int64_t>(feed.scratch.size()));
    feed.next = seq + frames;
}

}  // namespace vc::engine
