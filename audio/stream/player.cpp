// Runs on the decoding thread: may read files and block on the output; never on the audio
// callback's thread.

#include "audio/stream/player.hpp"

#include <algorithm>
#include <vector>

#include "audio/sources/renderer.hpp"

namespace vc::audio {

namespace {

constexpr std::int64_t block_frames = 2048;
constexpr std::int64_t stop_fade_ms = 500;

}  // namespace

PlayResult play(const Timeline& timeline, Output& output, const std::atomic<bool>& stop) {
    Renderer renderer(timeline);
    const int ch = timeline.format.channels;
    std::vector<float> buf(static_cast<std::size_t>(block_frames * ch));
    PlayResult result;
    output.open(timeline.format);
    try {
        while (!stop.load(std::memory_order_acquire)) {
            const std::int64_t n = renderer.render(buf.data(), block_frames);
            if (n == 0) break;
            output.write(buf.data(), n);
            result.frames += n;
        }
        if (stop.load(std::memory_order_acquire) && renderer.position() < timeline.length) {
            result.stopped = true;
            const std::int64_t fade = frames_for_ms(stop_fade_ms, timeline.format.sample_rate);
            for (std::int64_t done = 0; done < fade;) {
                const std::int64_t n =
                    renderer.render(buf.data(), std::min(block_frames, fade - done));
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
        output.close();
    } catch (...) {
        output.close();
        throw;
    }
    return result;
}

}  // namespace vc::audio
