// Runs on the thread that feeds the output: it only copies from the read-ahead ring, mixes the
// stop fade and blocks on the output; the clips are opened, decoded and resampled ahead on the
// read-ahead thread, as the daemon's airings are.

#include "audio/stream/player.hpp"

#include <algorithm>
#include <optional>
#include <vector>

#include "audio/sources/read_ahead.hpp"
#include "audio/sources/timeline_source.hpp"

namespace vc::audio {

namespace {

constexpr std::int64_t block_frames = 2048;
constexpr std::int64_t stop_fade_ms = 500;

}  // namespace

PlayResult play(const Timeline& timeline, Output& output, const std::atomic<bool>& stop) {
    ReadAhead read_ahead(ReadAhead::default_lead_ms * timeline.format.sample_rate / 1000);
    auto source =
        read_ahead.wrap(std::make_unique<TimelineSource>(std::make_shared<Timeline>(timeline)));
    std::int64_t position = 0;
    std::optional<std::int64_t> waits_at_start;  // the first block waits for the ring to fill
    auto render = [&](float* out, std::int64_t frames) {
        const std::int64_t n = source->render(out, frames);
        position += n;
        if (!waits_at_start) waits_at_start = read_ahead.waits();
        return n;
    };
    const int ch = timeline.format.channels;
    std::vector<float> buf(static_cast<std::size_t>(block_frames * ch));
    PlayResult result;
    output.open(timeline.format);
    try {
        while (!stop.load(std::memory_order_acquire)) {
            const std::int64_t n = render(buf.data(), block_frames);
            if (n == 0) break;
            output.write(buf.data(), n);
            result.frames += n;
        }
        if (stop.load(std::memory_order_acquire) && position < timeline.length) {
            result.stopped = true;
            const std::int64_t fade = frames_for_ms(stop_fade_ms, timeline.format.sample_rate);
            for (std::int64_t done = 0; done < fade;) {
                const std::int64_t n = render(buf.data(), std::min(block_frames, fade - done));
                if (n == 0) break;
                for (std::int64_t f = 0; f < n; ++f) {
                    const auto g = static_cast<float>(static_cast<double>(fade - (done + f)) /
                                                      static_cast<double>(fade));
                    for (int c = 0; c < ch; ++c) buf[static_cast<std::size_t>(f * ch + c)] *= g;
                }
                output.write(buf.data(), n);
                result.frames += n;
                done += n;
            }
        }
        output.drain();
        result.underruns = output.underruns();
        result.read_ahead_waits = read_ahead.waits() - waits_at_start.value_or(0);
        output.close();
    } catch (...) {
        output.close();
        throw;
    }
    return result;
}

}  // namespace vc::audio
