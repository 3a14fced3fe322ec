#include "tests/audio/measure.hpp"

#include <ebur128.h>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <stdexcept>

#include "audio/sources/renderer.hpp"

namespace vc::test {

std::vector<float> render_all(const audio::Timeline& timeline, std::int64_t block, int threads) {
    audio::Renderer renderer(timeline, threads);
    const int ch = timeline.format.channels;
    std::vector<float> out(static_cast<std::size_t>(timeline.length * ch));
    std::int64_t pos = 0;
    while (const std::int64_t n = renderer.render(out.data() + pos * ch, block)) pos += n;
    if (pos != timeline.length) throw std::logic_error("renderer stopped short");
    return out;
}

std::vector<float> decode_all(audio::Decoder& decoder, std::int64_t block) {
    std::vector<float> all;
    std::vector<float> buf(static_cast<std::size_t>(block * decoder.channels()));
    while (const std::int64_t n = decoder.read(buf.data(), block))
        all.insert(all.end(), buf.begin(), buf.begin() + n * decoder.channels());
    return all;
}

double zero_crossing_frequency(const std::vector<float>& x, int rate) {
    double first = -1, last = -1;
    int crossings = 0;
    for (std::size_t i = 1; i < x.size(); ++i) {
        if (x[i - 1] < 0.0f && x[i] >= 0.0f) {
            const double t = static_cast<double>(i - 1) + x[i - 1] / (x[i - 1] - x[i]);
            if (first < 0)
                first = t;
            else
                ++crossings;
            last = t;
        }
    }
    if (crossings == 0) return 0.0;
    return crossings * rate / (last - first);
}

double goertzel_power(const std::vector<float>& x, int rate, double freq) {
    const double w = 2.0 * std::numbers::pi * freq / rate;
    const double coeff = 2.0 * std::cos(w);
    double s1 = 0, s2 = 0;
    for (float v : x) {
        const double s = v + coeff * s1 - s2;
        s2 = s1;
        s1 = s;
    }
    const double power = s1 * s1 + s2 * s2 - coeff * s1 * s2;
    const double n = static_cast<double>(x.size());
    return power / (n * n);
}

double rms(const std::vector<float>& x) {
    double sum = 0;
    for (float v : x) sum += static_cast<double>(v) * v;
    return x.empty() ? 0.0 : std::sqrt(sum / static_cast<double>(x.size()));
}

float peak(const std::vector<float>& x) {
    float p = 0;
    for (float v : x) p = std::max(p, std::fabs(v));
    return p;
}

float max_step(const std::vector<float>& x) {
    float m = 0;
    for (std::size_t i = 1; i < x.size(); ++i) m = std::max(m, std::fabs(x[i] - x[i - 1]));
    return m;
}

std::size_t peak_index(const std::vector<float>& x) {
    std::size_t best = 0;
    for (std::size_t i = 1; i < x.size(); ++i)
        if (std::fabs(x[i]) > std::fabs(x[best])) best = i;
    return best;
}

double integrated_lufs(const std::vector<float>& interleaved, int channels, int rate) {
    ebur128_state* st =
        ebur128_init(static_cast<unsigned>(channels), static_cast<unsigned long>(rate),
                     EBUR128_MODE_I | EBUR128_MODE_HISTOGRAM);
    ebur128_add_frames_float(st, interleaved.data(),
                             interleaved.size() / static_cast<std::size_t>(channels));
    double lufs = 0;
    ebur128_loudness_global(st, &lufs);
    ebur128_destroy(&st);
    return lufs;
}

}  // namespace vc::test
